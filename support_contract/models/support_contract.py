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
        help="A contract on this plan needs an active contract on the required "
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
    # computed in support_contract_environments.py
    code_lines = fields.Integer(
        string="Lines of custom code",
        compute="_compute_code_lines",
        store=True,
        readonly=False,
        tracking=True,
        help="Computed from the modules of the production environment (custom "
        "code of the customer); typed in for a contract without one.",
    )
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
        help="Plans allowing it only.",
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
                        "Plan %(plan)s does not allow reserving hours.",
                        plan=contract.plan_id.display_name,
                    )
                )

    @api.constrains("plan_id")
    def _check_plan_addons(self):
        """C4: changing to a plan sold without add-ons re-checks the add-on lines."""
        self.addon_line_ids._check_line()

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
        amounts = {}
        if {"plan_id", "addon_line_ids"} & set(vals):
            amounts = {c.id: c.monthly_amount for c in self}
        res = super().write(vals)
        if amounts:
            self._log_monthly_amount(amounts)
        if vals.get("range_override") or (
            vals.get("range_override_reason") and "range_override" not in vals
        ):
            self.filtered("range_override")._log_range_override()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if any(c.state not in ("draft", "cancelled") for c in self):
            raise UserError(
                self.env._("Only draft or cancelled contracts can be deleted.")
            )

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
