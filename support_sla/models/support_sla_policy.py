from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache

PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Critical")]
CHANNELS = [
    ("portal", "Portal"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("emergency", "Emergency line"),
    ("monitoring", "Monitoring alert"),
]
TARGET_TYPES = [
    ("assignment", "Assignment"),
    ("response", "First response"),
    ("resolution", "Resolution"),
]
UNITS = [
    ("minutes", "Business minutes"),
    ("hours", "Business hours"),
    ("days", "Business days"),
    ("clock_minutes", "Clock minutes"),
    ("clock_hours", "Clock hours"),
]
# how many minutes one unit is (business days are computed on the calendar)
UNIT_MINUTES = {"minutes": 1, "hours": 60, "clock_minutes": 1, "clock_hours": 60}


class SupportSlaPolicy(models.Model):
    """A service-level target an administrator edits (L1-L4, L6).

    For a ticket and a target type, the applicable policy is the first one, by
    sequence, whose conditions (plan, priority, channel) all match; a policy with
    more conditions wins over a more general one of the same sequence. Plans
    without response SLA get no targets."""

    _name = "support.sla.policy"
    _description = "SLA Policy"
    # _policy_table is cached per worker, cleared by any edit
    _inherit = ["mail.thread", "support.worker.cache.mixin"]
    _order = "company_id, target_type, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Empty: the policy applies to every company.",
    )
    target_type = fields.Selection(
        TARGET_TYPES, string="Target", required=True, default="response", tracking=True
    )
    plan_ids = fields.Many2many(
        "support.plan",
        string="Plans",
        help="Plans this policy applies to; empty: every plan with a response SLA.",
    )
    priority = fields.Selection(
        PRIORITIES, help="Ticket priority this policy applies to; empty: any priority."
    )
    channel = fields.Selection(
        CHANNELS,
        string="Channel condition",
        help="Only for tickets reported through this channel (e.g. the 10-minute "
        "critical target holds for the emergency line only); empty: any channel.",
    )
    target_value = fields.Float(string="Target value", required=True, tracking=True)
    target_unit = fields.Selection(
        UNITS, string="Unit", required=True, default="hours", tracking=True
    )
    use_addon_windows = fields.Boolean(
        string="Count add-on windows",
        help="Business time also runs in the windows of the contract's add-on "
        "services (Extended, 365 availability). Critical tickets only.",
    )
    warn_percent = fields.Integer(
        string="Warning at (%)",
        default=80,
        help="Share of the target after which the ticket is flagged at risk.",
    )
    escalate = fields.Boolean(
        string="Escalate at breach",
        default=True,
        help="At breach, schedule an escalation activity for the team's manager and "
        "send the breach email. Off for statistical objectives.",
    )
    breach_template_id = fields.Many2one(
        "mail.template",
        string="Breach email",
        domain="[('model', '=', 'support.ticket')]",
        default=lambda self: self.env.ref(
            "support_sla.mail_template_sla_breach", raise_if_not_found=False
        ),
    )
    target_label = fields.Char(compute="_compute_target_label")

    _target_positive = models.Constraint(
        "CHECK(target_value > 0)", "An SLA target must be positive."
    )
    _warn_percent_range = models.Constraint(
        "CHECK(warn_percent > 0 AND warn_percent < 100)",
        "The warning share must be between 1 and 99%.",
    )

    @api.depends("target_value", "target_unit", "target_type")
    def _compute_target_label(self):
        units = dict(self._fields["target_unit"]._description_selection(self.env))
        types = dict(self._fields["target_type"]._description_selection(self.env))
        for policy in self:
            policy.target_label = self.env._(
                "%(target)s within %(value)s %(unit)s",
                target=types.get(policy.target_type, ""),
                value=f"{policy.target_value:g}",
                unit=(units.get(policy.target_unit) or "").lower(),
            )

    # ------------------------------------------------------------ checks
    @api.constrains("target_value", "target_unit")
    def _check_target(self):
        for policy in self:
            if policy.target_value <= 0:
                raise ValidationError(
                    self.env._(
                        "SLA policy %(name)s: the target must be positive.",
                        name=policy.display_name,
                    )
                )
            if policy.target_unit == "days" and policy.target_value != int(
                policy.target_value
            ):
                raise ValidationError(
                    self.env._(
                        "SLA policy %(name)s: a target in business days must be a "
                        "whole number of days.",
                        name=policy.display_name,
                    )
                )

    @api.constrains("use_addon_windows", "priority")
    def _check_addon_windows(self):
        for policy in self:
            if policy.use_addon_windows and policy.priority != "3":
                raise ValidationError(
                    self.env._(
                        "SLA policy %(name)s: add-on windows count for critical "
                        "tickets only.",
                        name=policy.display_name,
                    )
                )

    @api.constrains(
        "plan_ids", "priority", "channel", "target_type", "sequence", "company_id"
    )
    def _check_ambiguous(self):
        """Two active policies matching the same case with the same sequence and the
        same specificity are ambiguous."""
        for policy in self.filtered("active"):
            others = self.search(
                [
                    ("id", "!=", policy.id),
                    (
                        "company_id",
                        "in",
                        [False, policy.company_id.id]
                        if policy.company_id
                        else self.env["res.company"].sudo().search([]).ids + [False],
                    ),
                    ("target_type", "=", policy.target_type),
                    ("sequence", "=", policy.sequence),
                    ("priority", "=", policy.priority),
                    ("channel", "=", policy.channel),
                ]
            )
            for other in others:
                # a plan-specific policy wins over a general one (specificity)
                both_general = not policy.plan_ids and not other.plan_ids
                if both_general or policy.plan_ids & other.plan_ids:
                    raise ValidationError(
                        self.env._(
                            "SLA policies %(a)s and %(b)s match the same tickets with "
                            "the same sequence: give one a different sequence or "
                            "different conditions.",
                            a=policy.display_name,
                            b=other.display_name,
                        )
                    )

    # ------------------------------------------------------------ CRUD
    def write(self, vals):
        res = super().write(vals)
        if {
            "target_value",
            "target_unit",
            "use_addon_windows",
            "warn_percent",
            "plan_ids",
            "priority",
            "channel",
            "active",
            "sequence",
        } & set(vals):
            # a policy edit re-targets running lines only, never closed ones
            lines = self.env["support.ticket.sla"].search(
                [("state", "in", ("running", "paused"))]
            )
            lines.ticket_id._sla_retarget()
        return res

    # ------------------------------------------------------------ matching
    def _specificity(self):
        return -(bool(self.plan_ids) + bool(self.priority) + bool(self.channel))

    @api.model
    @ormcache("company_id")
    def _policy_table(self, company_id):
        """The active policies of a company (and of every company) in the order
        they are tried: tuples (id, target type, plan ids, priority, channel).
        Cached per worker, cleared on every worker by a policy edit."""
        policies = (
            self.sudo()
            .with_context(active_test=True)
            .search([("company_id", "in", [False, company_id])])
        )
        ordered = policies.sorted(lambda p: (p.sequence, p._specificity(), p.id))
        return tuple(
            (p.id, p.target_type, frozenset(p.plan_ids.ids), p.priority, p.channel)
            for p in ordered
        )

    @api.model
    def _match_table(self, table, plan_id, priority, channel):
        """{target_type: policy id} of the first policies of ``table`` whose
        conditions all match."""
        found = {}
        for pid, target_type, plan_ids, p_priority, p_channel in table:
            if (
                target_type not in found
                and (not plan_ids or plan_id in plan_ids)
                and (not p_priority or p_priority == priority)
                and (not p_channel or p_channel == channel)
            ):
                found[target_type] = pid
        return found

    @api.model
    def _find_for_tickets(self, tickets):
        """{ticket id: {target_type: policy}} (empty when the ticket's plan has
        no SLA), resolved once per (company, plan, priority, channel)."""
        groups = {}
        for ticket in tickets:
            if not ticket.contract_id or not ticket.plan_id.has_response_sla:
                continue
            key = (ticket.company_id.id, ticket.plan_id.id, ticket.priority)
            key += (ticket.channel,)
            groups.setdefault(key, []).append(ticket.id)
        found = {ticket_id: {} for ticket_id in tickets.ids}
        matched = {
            key: self._match_table(self._policy_table(key[0]), *key[1:])
            for key in groups
        }
        policy_ids = {pid for match in matched.values() for pid in match.values()}
        policies = {p.id: p for p in self.sudo().browse(policy_ids)}
        for key, ticket_ids in groups.items():
            match = {t: policies[pid] for t, pid in matched[key].items()}
            for ticket_id in ticket_ids:
                found[ticket_id] = match
        return found

    @api.model
    def _find_for_ticket(self, ticket):
        """{target_type: policy} for a ticket (empty when its plan has no SLA)."""
        return self._find_for_tickets(ticket)[ticket.id]

    def _target_minutes(self, schedule, start):
        """Business minutes of this target for a clock starting at ``start``."""
        self.ensure_one()
        if self.target_unit == "days":
            begin = schedule.next_working(start)
            deadline = schedule.add_days(start, int(self.target_value))
            return schedule.between(begin, deadline)
        return self.target_value * UNIT_MINUTES[self.target_unit]

    def _is_clock(self):
        return self.target_unit in ("clock_minutes", "clock_hours")
