from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]


class SupportContract(models.Model):
    """A customer's support contract on a plan (C2), with add-ons (C4) and key
    users (C6)."""

    _name = "support.contract"
    _description = "Support Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id"]

    # ------------------------------------------------------------ Identity
    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    plan_id = fields.Many2one(
        "support.plan", required=True, tracking=True, check_company=True, index=True
    )
    required_plan_id = fields.Many2one(
        "support.plan",
        compute="_compute_required_plan_id",
        store=True,
        precompute=True,
        string="Required plan",
        help="C3: a contract on this plan needs an active contract on the required "
        "plan beside it (e.g. maintenance beside patch).",
    )
    resource_calendar_id = fields.Many2one(
        related="plan_id.resource_calendar_id", string="Availability"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account manager",
        default=lambda self: self.env.user,
        tracking=True,
    )
    # ------------------------------------------------------------ Dates and state
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End", tracking=True)
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )
    auto_renew = fields.Boolean(
        tracking=True, help="When the end date passes, the contract renews itself."
    )
    renewal_months = fields.Integer(default=12)
    # ------------------------------------------------------------ Sizing (C2)
    user_count = fields.Integer(string="Users", tracking=True)
    code_lines = fields.Integer(string="Lines of custom code", tracking=True)
    range_issue = fields.Text(compute="_compute_range_issue")
    range_override = fields.Boolean(
        string="Range override",
        tracking=True,
        copy=False,
        help="A support manager accepted sizing outside the plan's ranges.",
    )
    range_override_reason = fields.Char(tracking=True, copy=False)
    # ------------------------------------------------------------ Money and hours
    reserved_hours = fields.Float(
        string="Reserved hours per month",
        tracking=True,
        help="B3; plans allowing it only.",
    )
    hourly_rate = fields.Monetary(
        compute="_compute_hourly_rate", store=True, readonly=False, tracking=True
    )
    addon_line_ids = fields.One2many(
        "support.contract.addon.line", "contract_id", string="Add-ons", copy=True
    )
    monthly_amount = fields.Monetary(
        compute="_compute_monthly_amount",
        help="Plan fee plus the add-ons in force today.",
    )
    # ------------------------------------------------------------ People (C6)
    key_user_ids = fields.Many2many(
        "res.partner",
        "support_contract_key_user_rel",
        "contract_id",
        "partner_id",
        string="Key users",
        domain="[('commercial_partner_id', '=', partner_id), "
        "('is_company', '=', False)]",
    )
    note = fields.Html(string="Internal notes")
    key_user_count = fields.Integer(compute="_compute_key_user_count")
    customer_contract_count = fields.Integer(
        string="Customer's contracts", compute="_compute_customer_contract_count"
    )

    # C2: one active contract per customer and company; C3: a dependent agreement
    # (maintenance) may stand beside the contract it requires (patch), one of each.
    _active_per_customer = models.UniqueIndex(
        "(partner_id, company_id) WHERE state = 'active' AND required_plan_id IS NULL",
        "This customer already has an active contract in this company.",
    )
    _active_dependent_per_customer = models.UniqueIndex(
        "(partner_id, company_id) WHERE state = 'active' "
        "AND required_plan_id IS NOT NULL",
        "This customer already has an active dependent agreement in this company.",
    )
    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)", "Contract numbers are unique per company."
    )
    _counts_positive = models.Constraint(
        "CHECK(user_count >= 0 AND code_lines >= 0 AND reserved_hours >= 0)",
        "User count, lines of code and reserved hours cannot be negative.",
    )

    # ------------------------------------------------------------ computes
    @api.depends("plan_id.required_plan_id")
    def _compute_required_plan_id(self):
        # Precomputed so that the partial unique indexes see it at INSERT time.
        for contract in self:
            contract.required_plan_id = contract.plan_id.required_plan_id

    @api.depends("plan_id")
    def _compute_hourly_rate(self):
        """B1: the rate defaults from the plan, and follows a change of plan."""
        for contract in self:
            if contract.plan_id:
                contract.hourly_rate = contract.plan_id.hourly_rate

    @api.depends("key_user_ids")
    def _compute_key_user_count(self):
        for contract in self:
            contract.key_user_count = len(contract.key_user_ids)

    @api.depends("partner_id")
    def _compute_customer_contract_count(self):
        counts = dict(
            self._read_group(
                [("partner_id", "in", self.partner_id.ids)], ["partner_id"], ["__count"]
            )
        )
        for contract in self:
            contract.customer_contract_count = counts.get(contract.partner_id, 0)

    @api.depends("plan_id", "user_count", "code_lines")
    def _compute_range_issue(self):
        for contract in self:
            issues = (
                contract.plan_id._range_issues(contract.user_count, contract.code_lines)
                if contract.plan_id
                else []
            )
            contract.range_issue = "\n".join(issues) or False

    @api.depends(
        "plan_id.monthly_fee",
        "addon_line_ids.monthly_fee",
        "addon_line_ids.date_start",
        "addon_line_ids.date_end",
    )
    def _compute_monthly_amount(self):
        today = fields.Date.context_today(self)
        for contract in self:
            lines = contract.addon_line_ids.filtered(lambda ln: ln._in_force(today))
            contract.monthly_amount = contract.plan_id.monthly_fee + sum(
                lines.mapped("monthly_fee")
            )

    # ------------------------------------------------------------ constraints
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s ends before it starts.",
                        contract=contract.display_name,
                    )
                )

    @api.constrains("user_count", "code_lines", "reserved_hours")
    def _check_counts(self):
        for contract in self:
            if (
                min(contract.user_count, contract.code_lines, contract.reserved_hours)
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "User count, lines of code and reserved hours cannot be "
                        "negative."
                    )
                )

    @api.constrains("reserved_hours", "plan_id")
    def _check_reserved_hours(self):
        for contract in self:
            if contract.reserved_hours and not contract.plan_id.allow_reserved_hours:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s does not allow reserving hours (B3).",
                        plan=contract.plan_id.display_name,
                    )
                )

    @api.constrains("key_user_ids", "partner_id")
    def _check_key_users(self):
        for contract in self:
            strangers = contract.key_user_ids.filtered(
                lambda p, c=contract: (
                    p.commercial_partner_id != c.partner_id.commercial_partner_id
                )
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Key users must be contacts of %(customer)s: %(names)s is not.",
                        customer=contract.partner_id.display_name,
                        names=", ".join(strangers.mapped("display_name")),
                    )
                )

    @api.constrains("state", "partner_id", "company_id", "plan_id")
    def _check_single_active(self, activating=False):
        """C2: at most one active contract per customer and company.

        C3: the only exception is a dependent agreement (a plan with a required
        plan, e.g. maintenance) beside the contract that fulfils its requirement
        (e.g. patch)."""
        checked = self.filtered(lambda c: activating or c.state == "active")
        for contract in checked:
            others = (
                self.sudo()
                .search(
                    [
                        ("id", "not in", checked.ids),
                        ("state", "=", "active"),
                        ("partner_id", "=", contract.partner_id.id),
                        ("company_id", "=", contract.company_id.id),
                    ]
                )
                .with_env(self.env)
            )
            # contracts activated together conflict with each other as well
            others |= (checked - contract).filtered(
                lambda c, k=contract: (
                    c.partner_id == k.partner_id and c.company_id == k.company_id
                )
            )
            for other in others:
                if contract._complements(other) or other._complements(contract):
                    continue
                raise ValidationError(
                    self.env._(
                        "%(customer)s already has an active contract in %(company)s "
                        "(%(other)s).",
                        customer=contract.partner_id.display_name,
                        company=contract.company_id.name,
                        other=other.sudo().name,
                    )
                )

    def _fulfils(self, plan):
        """Whether this contract's plan is ``plan`` or includes it (C3)."""
        self.ensure_one()
        return self.plan_id == plan or plan in self.plan_id.included_plan_ids

    def _complements(self, other):
        """Whether this dependent agreement may be active beside ``other`` (C3)."""
        self.ensure_one()
        required = self.plan_id.required_plan_id
        return (
            bool(required)
            and not other.plan_id.required_plan_id
            and (other._fulfils(required))
        )

    @api.constrains("plan_id")
    def _check_plan_addons(self):
        """C4: changing to a plan sold without add-ons re-checks the add-on lines."""
        self.addon_line_ids._check_line()

    @api.constrains("range_override", "range_override_reason")
    def _check_override_reason(self):
        for contract in self:
            if (
                contract.range_override
                and not (contract.range_override_reason or "").strip()
            ):
                raise ValidationError(self.env._("A range override needs a reason."))

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("support.contract")
                    or "/"
                )
        self._check_override_rights(vals_list)
        contracts = super().create(vals_list)
        contracts.filtered("range_override")._log_range_override()
        return contracts

    def write(self, vals):
        self._check_override_rights([vals])
        if vals.get("state") == "active":
            # before the partial unique index can refuse it without a clear message
            self.filtered(lambda c: c.state != "active")._check_single_active(
                activating=True
            )
        res = super().write(vals)
        if vals.get("range_override") or (
            vals.get("range_override_reason") and "range_override" not in vals
        ):
            self.filtered("range_override")._log_range_override()
        return res

    def _log_range_override(self):
        """C2: the manager's override and its reason stay in the chatter."""
        for contract in self:
            contract.message_post(
                body=self.env._(
                    "Sizing outside the plan's ranges accepted by %(user)s. "
                    "Reason: %(reason)s",
                    user=self.env.user.name,
                    reason=contract.range_override_reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _check_override_rights(self, vals_list):
        if any(
            v.get("range_override") for v in vals_list
        ) and not self.env.user.has_group("support_contract.group_support_manager"):
            raise UserError(
                self.env._("Only a support manager can override the plan's ranges.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if any(c.state not in ("draft", "cancelled") for c in self):
            raise UserError(
                self.env._("Only draft or cancelled contracts can be deleted.")
            )

    # ------------------------------------------------------------ actions
    def action_activate(self):
        for contract in self:
            if contract.state not in ("draft", "suspended", "expired"):
                raise UserError(
                    self.env._(
                        "Contract %(contract)s cannot be activated from state "
                        "%(state)s.",
                        contract=contract.name,
                        state=dict(STATES)[contract.state],
                    )
                )
            if contract.range_issue and not contract.range_override:
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is outside the plan's ranges:\n"
                        "%(issues)s\n"
                        "A support manager can override this with a reason.",
                        contract=contract.name,
                        issues=contract.range_issue,
                    )
                )
            required = contract.plan_id.required_plan_id
            if required and not contract._get_required_contract():
                raise UserError(
                    self.env._(
                        "Plan %(plan)s requires an active %(required)s contract (C3).",
                        plan=contract.plan_id.name,
                        required=required.name,
                    )
                )
        self._check_single_active(activating=True)
        self.write({"state": "active"})
        return True

    def action_suspend(self):
        if any(c.state != "active" for c in self):
            raise UserError(self.env._("Only active contracts can be suspended."))
        self._check_no_active_dependent()
        self.write({"state": "suspended"})
        return True

    def action_cancel(self):
        if any(c.state in ("expired", "cancelled") for c in self):
            raise UserError(
                self.env._("Expired or cancelled contracts cannot be cancelled.")
            )
        self._check_no_active_dependent()
        self.write({"state": "cancelled"})
        return True

    def _get_required_contract(self):
        """The active contract of the same customer that fulfils this contract's
        required plan (C3), or an empty recordset."""
        self.ensure_one()
        required = self.plan_id.required_plan_id
        if not required:
            return self.browse()
        candidates = self.sudo().search(
            [
                ("id", "!=", self.id),
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "=", "active"),
            ]
        )
        return candidates.filtered(lambda c: c._fulfils(required))[:1].with_env(
            self.env
        )

    def _check_no_active_dependent(self):
        """C3: a patch agreement cannot stop while a maintenance agreement that
        requires it is active."""
        for contract in self:
            dependents = (
                self.sudo()
                .search(
                    [
                        ("id", "not in", self.ids),
                        ("partner_id", "=", contract.partner_id.id),
                        ("company_id", "=", contract.company_id.id),
                        ("state", "=", "active"),
                        ("required_plan_id", "!=", False),
                    ]
                )
                .filtered(lambda d, c=contract: d._get_required_contract() == c)
            )
            if dependents:
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is required by the active contract "
                        "%(dependent)s (C3): stop that one first.",
                        contract=contract.name,
                        dependent=", ".join(dependents.mapped("name")),
                    )
                )

    def action_set_draft(self):
        if any(c.state != "cancelled" for c in self):
            raise UserError(self.env._("Only cancelled contracts go back to draft."))
        self.write({"state": "draft"})
        return True

    def action_view_key_users(self):
        """The key users (C6) of this contract, as contacts."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Key users of %(contract)s", contract=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.key_user_ids.ids)],
            "context": {
                "default_parent_id": self.partner_id.id,
                "default_company_id": self.partner_id.company_id.id,
            },
        }

    def action_view_customer_contracts(self):
        self.ensure_one()
        return self.partner_id.action_view_support_contracts()

    def action_grant_portal_access(self):
        """Give every key user a portal login (C6)."""
        self.check_access("write")
        portal = self.env.ref("base.group_portal")
        users = self.env["res.users"].with_context(active_test=False)
        created = 0
        for contract in self:
            for partner in contract.key_user_ids:
                if not partner.email:
                    raise UserError(
                        self.env._(
                            "Key user %(name)s has no email address: a portal login "
                            "needs one.",
                            name=partner.display_name,
                        )
                    )
                user = users.sudo().search([("partner_id", "=", partner.id)], limit=1)
                if not user and users.sudo().search_count(
                    [("login", "=", partner.email)]
                ):
                    raise UserError(
                        self.env._(
                            "Key user %(name)s: the login %(login)s is already used by "
                            "another user.",
                            name=partner.display_name,
                            login=partner.email,
                        )
                    )
                if user:
                    if not user.active:
                        user.active = True
                    continue
                users.with_context(no_reset_password=True).sudo().create(
                    {
                        "login": partner.email,
                        "partner_id": partner.id,
                        "company_id": contract.company_id.id,
                        "company_ids": [fields.Command.set(contract.company_id.ids)],
                        "group_ids": [fields.Command.set(portal.ids)],
                    }
                )
                created += 1
            contract.message_post(
                body=self.env._("Portal access granted to the key users.")
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(n)s portal login(s) created.", n=created),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------ business
    def _get_addon_lines_in_force(self, moment=None):
        self.ensure_one()
        day = fields.Date.to_date(moment) if moment else fields.Date.context_today(self)
        return self.addon_line_ids.filtered(lambda ln: ln._in_force(day))

    def _get_availability_calendars(self, critical=False, moment=None):
        """Calendars in which the provider is available for a ticket (C1, C4, L2).

        The plan's calendar always counts; add-on calendars count for critical
        tickets only when the add-on is critical-only, and only while in force."""
        self.ensure_one()
        calendars = self.plan_id.resource_calendar_id
        for line in self._get_addon_lines_in_force(moment):
            addon = line.addon_id
            if addon.resource_calendar_id and (critical or not addon.critical_only):
                calendars |= addon.resource_calendar_id
        return calendars

    def _describe_availability(self):
        """The availability in the customer's words, for the portal."""
        self.ensure_one()
        calendar = self.plan_id.resource_calendar_id
        return self.env._(
            "%(calendar)s (%(tz)s time)",
            calendar=calendar.name,
            tz=calendar.tz or "UTC",
        )

    @api.model
    def _cron_expire_and_renew(self):
        """Daily: expire ended contracts, renew the auto-renewing ones (C2)."""
        today = fields.Date.context_today(self)
        ended = self.search(
            [("state", "in", ("active", "suspended")), ("date_end", "<", today)]
        )
        for contract in ended:
            if contract.auto_renew and contract.renewal_months > 0:
                new_end = contract.date_end
                while new_end < today:
                    new_end += relativedelta(months=contract.renewal_months)
                contract.date_end = new_end
                contract.message_post(
                    body=self.env._("Renewed until %(date)s.", date=new_end)
                )
            else:
                contract.state = "expired"
                contract.message_post(body=self.env._("Expired on its end date."))
        return True
