from dateutil.relativedelta import relativedelta

from odoo import fields, models

from odoo.addons.support_contract.access import check_support_group


class SupportContract(models.Model):
    _inherit = "support.contract"

    statement_send_email = fields.Boolean(
        string="Email Monthly Statement",
        default=True,
        help="Each month, email the service statement of the past month to "
        "the contract's key users.",
    )
    statement_ids = fields.One2many(
        "support.service.statement", "contract_id", string="Service Statements"
    )
    statement_count = fields.Integer(compute="_compute_statement_count")

    def _compute_statement_count(self):
        counts = dict(
            self.env["support.service.statement"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.statement_count = counts.get(contract, 0)

    def _support_is_key_user(self, partner):
        """Whether ``partner`` is a key user of the contract (C6): one query,
        without reading the key users' contacts."""
        self.ensure_one()
        return bool(
            self.sudo().search_count(
                [("id", "=", self.id), ("key_user_ids", "in", partner.ids)], limit=1
            )
        )

    def action_view_statements(self):
        check_support_group(self, "manager")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_portal.support_service_statement_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_generate_statement(self):
        """Generate (or open) the statement of the past month."""
        check_support_group(self, "manager")
        self.ensure_one()
        self.check_access("write")
        day = fields.Date.context_today(self) - relativedelta(months=1)
        statement = self.env["support.service.statement"]._generate(self, day)
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.service.statement",
            "res_id": statement.id,
            "view_mode": "form",
        }
