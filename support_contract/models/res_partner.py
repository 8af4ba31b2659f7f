from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..access import check_support_group


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
        counts = self._support_count_per_customer("support.contract", "partner_id")
        for partner in self:
            partner.support_contract_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def _support_count_per_customer(self, model_name, partner_field):
        """How many ``model_name`` records each customer (commercial partner) of
        these partners has, keyed by customer; empty when the user may not read
        them (the smart buttons then show 0)."""
        Model = self.env[model_name]
        if not Model.has_access("read"):
            return {}
        return dict(
            Model._read_group(
                [(partner_field, "in", self.commercial_partner_id.ids)],
                [partner_field],
                ["__count"],
            )
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
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_contract.support_contract_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def _support_grant_portal_login(self, company):
        """Give this key user a portal login in ``company`` (C6), or reactivate
        its archived portal login (never an archived internal user). Returns
        whether a login was created."""
        self.ensure_one()
        users = self.env["res.users"].with_context(active_test=False).sudo()
        if not self.email:
            raise UserError(
                self.env._(
                    "Key user %(name)s has no email address: a portal login needs one.",
                    name=self.display_name,
                )
            )
        user = users.search([("partner_id", "=", self.id)], limit=1)
        if not user and users.search_count([("login", "=", self.email)]):
            raise UserError(
                self.env._(
                    "Key user %(name)s: the login %(login)s is already used by "
                    "another user.",
                    name=self.display_name,
                    login=self.email,
                )
            )
        if user:
            if not user.active:
                if not user.share:
                    # an archived employee stays archived: only an
                    # administrator may bring an internal account back
                    raise UserError(
                        self.env._(
                            "Key user %(name)s has the archived internal user "
                            "%(login)s: portal access is not granted. An "
                            "administrator decides whether to reactivate it.",
                            name=self.display_name,
                            login=user.login,
                        )
                    )
                user.active = True
            return False
        users.with_context(no_reset_password=True).create(
            {
                "login": self.email,
                "partner_id": self.id,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        return True
