from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.support_contract.access import check_support_group

from .support_priority_matrix import (
    IMPACT_SELECTION,
    PRIORITY_SELECTION,
    URGENCY_SELECTION,
)


class SupportTicketTriageMixin(models.AbstractModel):
    """Triage of a support ticket: the T4 priority (impact x urgency, an
    override always with a reason), the T5 business-critical subjects and the
    assignment to an agent. Mixed into ``support.ticket``."""

    _name = "support.ticket.triage.mixin"
    _description = "Support Ticket Triage"

    # ------------------------------------------------------------ priority (t4)
    impact = fields.Selection(
        IMPACT_SELECTION, required=True, default="single", tracking=True
    )
    urgency = fields.Selection(
        URGENCY_SELECTION, required=True, default="medium", tracking=True
    )
    priority = fields.Selection(
        PRIORITY_SELECTION,
        compute="_compute_priority",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        precompute=True,
    )
    priority_overridden = fields.Boolean(copy=False, tracking=True)
    priority_override_reason = fields.Text(
        string="Override Reason", copy=False, tracking=True
    )
    business_critical = fields.Selection(
        [
            ("production_down", "Production Down"),
            ("tax_closing", "Month-End Tax Closing"),
            ("invoicing_blocked", "Invoicing Blocked"),
        ],
        string="Business-Critical Subject",
        tracking=True,
        help="Served first when resources are short.",
    )
    is_business_critical = fields.Boolean(
        string="Business-Critical",
        compute="_compute_is_business_critical",
        store=True,
    )

    # ------------------------------------------------------------ computes
    @api.depends("impact", "urgency", "priority_overridden")
    def _compute_priority(self):
        Matrix = self.env["support.priority.matrix"]
        matrix = Matrix._get_matrix()
        for ticket in self:
            if ticket.priority_overridden and ticket.priority:
                continue
            if not ticket.impact or not ticket.urgency:
                ticket.priority = ticket.priority or "0"
                continue
            ticket.priority = Matrix._lookup(ticket.impact, ticket.urgency, matrix)

    @api.depends("business_critical")
    def _compute_is_business_critical(self):
        for ticket in self:
            ticket.is_business_critical = bool(ticket.business_critical)

    # ------------------------------------------------------------ constraints
    @api.constrains("priority_overridden", "priority_override_reason")
    def _check_priority_override_reason(self):
        for ticket in self:
            if (
                ticket.priority_overridden
                and not (ticket.priority_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Overriding the priority of %(ticket)s needs a reason.",
                        ticket=ticket.display_name,
                    )
                )

    @api.model
    def _validate_values(self, vals):
        """Clear errors for values the ORM would refuse with a traceback."""
        _ = self.env._
        checks = (
            ("impact", IMPACT_SELECTION, _("impact")),
            ("urgency", URGENCY_SELECTION, _("urgency")),
            ("priority", PRIORITY_SELECTION, _("priority")),
        )
        for fname, selection, label in checks:
            if fname in vals and vals[fname] not in dict(selection):
                raise ValidationError(
                    _(
                        "%(value)s is not a valid %(field)s: the priority matrix "
                        "knows %(allowed)s.",
                        value=vals[fname] or _("An empty value"),
                        field=label,
                        allowed=", ".join(name for _key, name in selection),
                    )
                )

    # ------------------------------------------------------------ override (t4)
    @api.model
    def _prepare_priority_create(self, vals_list):
        """T4: a priority given on creation that differs from the matrix is
        an override: it needs a reason."""
        if self.env.context.get("support_priority_recompute"):
            return
        given = [vals for vals in vals_list if vals.get("priority")]
        if not given:
            return
        Matrix = self.env["support.priority.matrix"]
        matrix = Matrix._get_matrix()
        for vals in given:
            computed = Matrix._lookup(
                vals.get("impact") or self._fields["impact"].default(self),
                vals.get("urgency") or self._fields["urgency"].default(self),
                matrix,
            )
            if vals["priority"] == computed:
                continue
            if not (vals.get("priority_override_reason") or "").strip():
                raise ValidationError(
                    self.env._("Overriding the priority needs a reason.")
                )
            vals["priority_overridden"] = True

    def _prepare_priority_override(self, vals):
        """T4: writing a priority by hand is an override: it needs a reason and
        is logged. Returns the chatter note to post (or False)."""
        if "priority" not in vals or self.env.context.get("support_priority_recompute"):
            return False
        new = vals["priority"]
        Matrix = self.env["support.priority.matrix"]
        matrix = Matrix._get_matrix()
        differs = self.filtered(
            lambda t: (
                Matrix._lookup(
                    vals.get("impact", t.impact), vals.get("urgency", t.urgency), matrix
                )
                != new
            )
        )
        if not differs:
            if "priority_overridden" not in vals:
                vals["priority_overridden"] = False
                vals["priority_override_reason"] = False
            return False
        reason = differs._priority_override_reason(vals)
        vals["priority_overridden"] = True
        labels = dict(self._fields["priority"]._description_selection(self.env))
        return self.env._(
            "Priority overridden to %(priority)s. Reason: %(reason)s",
            priority=labels.get(new, new),
            reason=reason,
        )

    def _priority_override_reason(self, vals):
        """The reason of an override of these tickets: the written one, else
        the one they already have; ValidationError when there is none."""
        reason = vals.get("priority_override_reason")
        if reason is None:
            missing = self.filtered(
                lambda t: not (t.priority_override_reason or "").strip()
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "Overriding the priority of %(ticket)s needs a reason.",
                        ticket=missing[0].display_name,
                    )
                )
            return self[0].priority_override_reason
        if not (reason or "").strip():
            raise ValidationError(self.env._("Overriding the priority needs a reason."))
        return reason

    def action_reset_priority(self):
        """Drop an override: the matrix decides again."""
        check_support_group(self, "agent")
        self.write({"priority_overridden": False, "priority_override_reason": False})
        self.message_post(
            body=self.env._("Priority override removed: the matrix decides again."),
            subtype_xmlid="mail.mt_note",
        )

    def action_override_priority(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Priority"),
            "res_model": "support.ticket.priority.override",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_priority": self.priority,
            },
        }

    # ------------------------------------------------------------ assignment
    @api.model
    def _prepare_assignment_create(self, vals_list):
        """The agent of new tickets without one, set in their values (no write
        after creation): the agent creating a ticket of a team they belong to
        takes it (a caller on the phone, the emergency line); the others go
        per their team's method, in turn over the batch."""
        user = self.env.user
        creator = not (self.env.su or user.share)
        Team = self.env["support.team"].sudo()
        waiting = defaultdict(list)  # team id -> values to assign by its method
        for vals in vals_list:
            if vals.get("user_id") or not vals.get("team_id"):
                continue
            waiting[vals["team_id"]].append(vals)
        for team_id, team_vals in waiting.items():
            team = Team.browse(team_id)
            if creator and user in (team.member_ids | team.leader_id):
                for vals in team_vals:
                    vals["user_id"] = user.id
                continue
            for vals, agent in zip(
                team_vals, team._pick_agents(len(team_vals)), strict=True
            ):
                if agent:
                    vals["user_id"] = agent.id

    def action_assign_to_me(self):
        check_support_group(self, "agent")
        self.write({"user_id": self.env.uid})
