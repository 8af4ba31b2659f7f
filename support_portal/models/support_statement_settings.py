from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    # L3 "most tickets are assigned the same day": the goal is a setting,
    # copied into each statement when it is generated (the assignment and
    # resolution objectives are support_sla's system parameters).
    support_goal_same_day = fields.Float(
        string="Goal: Assigned Same Day (%)",
        default=50.0,
        help="L3: 'most tickets are assigned the day they arrive'.",
    )
    support_hours_warning = fields.Float(
        string="Hours Warning Threshold",
        default=5.0,
        help="The dashboard lists the customers whose hours balance is below "
        "this many hours.",
    )
    support_expiry_warning_days = fields.Integer(
        string="Expiry Warning (Days)",
        default=60,
        help="The dashboard lists the contracts ending within this many days.",
    )

    @api.constrains("support_goal_same_day")
    def _check_support_goals(self):
        for company in self:
            if not 0 <= company.support_goal_same_day <= 100:
                raise ValidationError(
                    self.env._("A goal is a percentage between 0 and 100.")
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    support_goal_same_day = fields.Float(
        related="company_id.support_goal_same_day", readonly=False
    )
    support_hours_warning = fields.Float(
        related="company_id.support_hours_warning", readonly=False
    )
    support_expiry_warning_days = fields.Integer(
        related="company_id.support_expiry_warning_days", readonly=False
    )


class SupportContract(models.Model):
    _inherit = "support.contract"  # pylint: disable=consider-merging-classes-inherited

    statement_send_email = fields.Boolean(
        string="Email Monthly Statement",
        default=True,
        help="T7: each month, email the service statement of the past month to "
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

    def action_view_statements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_portal.support_service_statement_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_generate_statement(self):
        """Generate (or open) the statement of the past month."""
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
