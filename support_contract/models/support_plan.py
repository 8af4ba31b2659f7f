from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..access import check_support_group

COVERAGE = [
    ("included", "Included"),
    ("billable", "Billable"),
    ("free", "Free of charge"),
    ("out_of_scope", "Out of scope (quoted as a project)"),
]


class SupportPlan(models.Model):
    """A support tier (C1) or agreement type (C3): what a contract sells."""

    _name = "support.plan"
    _description = "Support Plan"
    _inherit = ["mail.thread"]
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in reports and imports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Html(translate=True)
    plan_kind = fields.Selection(
        [("tier", "Support tier"), ("agreement", "Agreement type")],
        string="Kind",
        required=True,
        default="tier",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    monthly_fee = fields.Monetary(currency_field="currency_id", tracking=True)
    hourly_rate = fields.Monetary(
        currency_field="currency_id", help="Normal hourly rate."
    )
    billing_mode = fields.Selection(
        [("fixed", "Fixed monthly fee"), ("on_demand", "On demand (hourly)")],
        required=True,
        default="fixed",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Availability",
        required=True,
        default=lambda self: self.env.company.resource_calendar_id,
        help="Working hours in which the provider is available for this plan, in the "
        "calendar's time zone; its global time off are the public holidays.",
    )
    availability_tz = fields.Selection(related="resource_calendar_id.tz")
    allow_reserved_hours = fields.Boolean(
        string="Reserved hours allowed",
        help="Customers may reserve monthly hours.",
    )
    has_response_sla = fields.Boolean(string="Response SLA")
    has_monitoring = fields.Boolean(string="Proactive monitoring")
    has_hotline = fields.Boolean(string="Emergency hotline")
    dedicated_team = fields.Boolean(
        string="Dedicated support team",
        help="Every contract on this plan names the support team that handles "
        "its tickets.",
    )
    allow_addons = fields.Boolean(
        string="Add-ons allowed",
        default=True,
        help="Add-on services can be sold with this plan (not with the free tier).",
    )
    users_min = fields.Integer(string="Users (min)")
    users_max = fields.Integer(string="Users (max)", help="0 means unbounded.")
    code_lines_min = fields.Integer(string="Custom code lines (min)")
    code_lines_max = fields.Integer(
        string="Custom code lines (max)", help="0 means unbounded."
    )
    included_plan_ids = fields.Many2many(
        "support.plan",
        "support_plan_included_rel",
        "plan_id",
        "included_id",
        string="Includes",
        help="Plans whose services this plan includes (e.g. maintenance includes "
        "patching).",
    )
    required_plan_id = fields.Many2one(
        "support.plan",
        string="Requires",
        help="The customer must hold an active contract on this plan too ("
        "maintenance requires a patch agreement).",
    )
    coverage_ids = fields.One2many("support.scope.coverage", "plan_id")
    contract_count = fields.Integer(compute="_compute_contract_count")

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)", "A plan with this name already exists."
    )
    _fee_positive = models.Constraint(
        "CHECK(monthly_fee >= 0 AND hourly_rate >= 0)",
        "Fees and rates cannot be negative.",
    )
    _ranges_positive = models.Constraint(
        "CHECK(users_min >= 0 AND users_max >= 0 AND code_lines_min >= 0 "
        "AND code_lines_max >= 0)",
        "Ranges cannot be negative.",
    )

    def _compute_contract_count(self):
        groups = dict(
            self.env["support.contract"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.contract_count = groups.get(plan, 0)

    @api.constrains("monthly_fee", "hourly_rate")
    def _check_fees(self):
        for plan in self:
            if plan.monthly_fee < 0 or plan.hourly_rate < 0:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: fees and rates cannot be negative.",
                        plan=plan.display_name,
                    )
                )

    @api.constrains("users_min", "users_max", "code_lines_min", "code_lines_max")
    def _check_ranges(self):
        for plan in self:
            for low, high, label in (
                (plan.users_min, plan.users_max, self.env._("user count")),
                (
                    plan.code_lines_min,
                    plan.code_lines_max,
                    self.env._("custom code lines"),
                ),
            ):
                if low < 0 or high < 0:
                    raise ValidationError(
                        self.env._(
                            "Plan %(plan)s: the %(what)s range cannot be negative.",
                            plan=plan.display_name,
                            what=label,
                        )
                    )
                if high and low > high:
                    raise ValidationError(
                        self.env._(
                            "Plan %(plan)s: the %(what)s range is inverted "
                            "(minimum %(low)s above maximum %(high)s).",
                            plan=plan.display_name,
                            what=label,
                            low=low,
                            high=high,
                        )
                    )

    @api.constrains("required_plan_id", "included_plan_ids")
    def _check_required_plan(self):
        for plan in self:
            if plan.required_plan_id == plan or plan in plan.included_plan_ids:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s cannot require or include itself.",
                        plan=plan.display_name,
                    )
                )

    def _range_issues(self, user_count, code_lines):
        """Human-readable reasons why counts fall outside this plan's ranges (C2)."""
        self.ensure_one()
        issues = []
        if user_count < self.users_min or (
            self.users_max and user_count > self.users_max
        ):
            issues.append(
                self.env._(
                    "%(count)s users is outside the plan's range %(low)s-%(high)s.",
                    count=user_count,
                    low=self.users_min,
                    high=self.users_max or self.env._("unbounded"),
                )
            )
        if code_lines < self.code_lines_min or (
            self.code_lines_max and code_lines > self.code_lines_max
        ):
            issues.append(
                self.env._(
                    "%(count)s lines of custom code is outside the plan's range "
                    "%(low)s-%(high)s.",
                    count=code_lines,
                    low=self.code_lines_min,
                    high=self.code_lines_max or self.env._("unbounded"),
                )
            )
        return issues

    def _get_coverage(self, scope_item):
        """Coverage of a scope item on this plan (S1-S3); plans it includes count too.

        An item without a coverage line for the plan is out of scope (S4)."""
        self.ensure_one()
        rank = {"included": 0, "free": 1, "billable": 2, "out_of_scope": 3}
        best = "out_of_scope"
        for plan in self | self.included_plan_ids:
            line = scope_item.coverage_ids.filtered(lambda c, p=plan: c.plan_id == p)[
                :1
            ]
            if line and rank[line.coverage] < rank[best]:
                best = line.coverage
        return best

    def action_view_contracts(self):
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_contract.support_contract_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
