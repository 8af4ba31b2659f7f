from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    support_contract_ids = fields.One2many(
        "support.contract", "partner_id", string="Support contracts"
    )
    support_key_contract_ids = fields.Many2many(
        "support.contract",
        "support_contract_key_user_rel",
        "partner_id",
        "contract_id",
        string="Key user of",
    )
    is_support_key_user = fields.Boolean(
        string="Support key user",
        compute="_compute_is_support_key_user",
        search="_search_is_support_key_user",
    )
    support_contract_count = fields.Integer(compute="_compute_support_contract_count")

    @api.depends("support_key_contract_ids.state")
    def _compute_is_support_key_user(self):
        for partner in self:
            partner.is_support_key_user = any(
                c.state == "active" for c in partner.sudo().support_key_contract_ids
            )

    def _search_is_support_key_user(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        positive = (operator == "=") == value
        domain = [("support_key_contract_ids.state", "=", "active")]
        return domain if positive else ["!", *domain]

    def _compute_support_contract_count(self):
        Contract = self.env["support.contract"]
        if not Contract.has_access("read"):
            self.support_contract_count = 0
            return
        counts = dict(
            Contract._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.support_contract_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def _get_support_contract(self, date=None):
        """The active contract of this partner's company (C2), or an empty recordset."""
        self.ensure_one()
        contracts = (
            self.env["support.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("state", "=", "active"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                order="date_start desc",
            )
        )
        day = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        contracts = contracts.filtered(
            lambda c: c.date_start <= day and (not c.date_end or c.date_end >= day)
        )
        # C3: a dependent agreement (maintenance) includes the one it requires
        # (patch), so it is the customer's contract when both are active.
        contracts = contracts.sorted(lambda c: not c.required_plan_id)
        return contracts[:1].sudo(False)

    def action_view_support_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_contract.support_contract_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
