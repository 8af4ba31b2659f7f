from odoo import api, fields, models

from odoo.addons.support_contract.access import check_support_group

# worst first: the ticket shows the worst state of its open clocks
# a breached clock is still reached later (its reach date is recorded)
_REACHABLE = ("running", "paused", "breached")
_STATE_RANK = {"breached": 0, "at_risk": 1, "running": 2, "paused": 3, "met": 4}
# the SLA summary a portal user may read (support.portal.field.access)
TICKET_SLA_PORTAL_READABLE_FIELDS = frozenset(
    {"sla_state", "sla_deadline", "sla_at_risk", "sla_time_left"}
)


class SupportTicket(models.Model):
    """SLA clocks of a ticket, driven by the ticket's events (L1-L6).

    The events come through the hooks of support_ticket (ARCHITECTURE.md):
    creation starts the clocks; the first public reply of an employee meets the
    first response; assignment meets the assignment target; a resolved stage meets
    resolution; a waiting-on-customer stage pauses, leaving it or the customer's
    reply resumes; priority, plan or contract changes re-target keeping the business
    time consumed; reopening starts a new resolution cycle."""

    _inherit = "support.ticket"

    sla_line_ids = fields.One2many(
        "support.ticket.sla", "ticket_id", string="SLA clocks", copy=False
    )
    sla_pause_ids = fields.One2many(
        "support.ticket.sla.pause", "ticket_id", string="SLA pauses", copy=False
    )
    sla_state = fields.Selection(
        [
            ("breached", "Breached"),
            ("at_risk", "At risk"),
            ("running", "On track"),
            ("paused", "Paused"),
            ("met", "Met"),
        ],
        string="SLA status",
        compute="_compute_sla_summary",
        store=True,
        index=True,
    )
    sla_deadline = fields.Datetime(
        string="Next SLA deadline", compute="_compute_sla_summary", store=True
    )
    sla_at_risk = fields.Boolean(
        string="SLA at risk", compute="_compute_sla_summary", store=True
    )
    sla_time_left = fields.Char(
        string="SLA time left",
        compute="_compute_sla_time_left",
        compute_sudo=True,  # shown to portal users, the clocks are not
    )

    @api.depends("sla_line_ids.state", "sla_line_ids.deadline", "sla_line_ids.warned")
    def _compute_sla_summary(self):
        for ticket in self:
            states = []
            for line in ticket.sla_line_ids:
                if line.state == "cancelled":
                    continue
                if line.state == "running" and line.warned:
                    states.append("at_risk")
                else:
                    states.append(line.state)
            open_deadlines = [
                line.deadline
                for line in ticket.sla_line_ids
                if line.state == "running" and line.deadline
            ]
            ticket.sla_state = min(states, key=_STATE_RANK.get) if states else False
            ticket.sla_deadline = min(open_deadlines) if open_deadlines else False
            ticket.sla_at_risk = "at_risk" in states

    def _compute_sla_time_left(self):
        now = fields.Datetime.now()
        for ticket in self:
            lefts = [
                left
                for line in ticket.sla_line_ids
                if line.state == "running"
                and (left := line._minutes_left(now)) is not None
            ]
            ticket.sla_time_left = (
                self.env["support.ticket.sla"]._format_minutes(min(lefts))
                if lefts
                else ""
            )

    @api.model
    def _portal_readable_fields(self):
        return super()._portal_readable_fields() | TICKET_SLA_PORTAL_READABLE_FIELDS

    # ------------------------------------------------------------ helpers
    def _sla_open_lines(self, target_types=None, states=("running", "paused")):
        """Open clocks (as superuser: clocks are written by events only)."""
        lines = self.sudo().sla_line_ids.filtered(lambda ln: ln.state in states)
        if target_types:
            lines = lines.filtered(lambda ln: ln.target_type in target_types)
        return lines

    def _sla_next_cycle(self):
        self.ensure_one()
        return max(self.sla_line_ids.mapped("cycle") or [0]) + 1

    def _sla_start(
        self,
        target_types=("assignment", "response", "resolution"),
        when=None,
        cycle=1,
        met_types=None,
    ):
        """Create the clocks of ``target_types`` a policy defines, from ``when``,
        in one create(); the policies are resolved once per group of tickets
        alike. ``met_types``: {ticket id: target types met at once}."""
        start = when or fields.Datetime.now()
        # read as superuser: the clocks are written by the ticket's events only
        tickets = self.sudo()
        found = self.env["support.sla.policy"]._find_for_tickets(tickets)
        vals_list, policies = [], []
        for ticket in tickets:
            for target_type in target_types:
                policy = found[ticket.id].get(target_type)
                if policy:
                    vals_list.append(ticket._sla_line_vals(policy, start, cycle))
                    policies.append(policy)
        Line = self.env["support.ticket.sla"].sudo()
        lines = Line._sla_create_started(vals_list, policies, met_types or {})
        return lines

    def _sla_line_vals(self, policy, start, cycle):
        self.ensure_one()
        return {
            "ticket_id": self.id,
            "company_id": self.company_id.id,
            "policy_id": policy.id,
            "name": policy.target_label,
            "target_type": policy.target_type,
            "cycle": cycle,
            "contract_id": self.contract_id.id,
            "plan_id": self.plan_id.id,
            "partner_id": self.commercial_partner_id.id,
            "priority": self.priority,
            "target_value": policy.target_value,
            "target_unit": policy.target_unit,
            "use_addon_windows": policy.use_addon_windows,
            "warn_percent": policy.warn_percent,
            "date_start": start,
            "date_resumed": start,
            "consumed_minutes": 0.0,
            "state": "running",
        }

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        # the ORM's create_date is the transaction's start: the clocks use "now"
        tickets._sla_begin(fields.Datetime.now())
        return tickets

    def _sla_begin(self, now):
        """Start the clocks of new tickets at ``now``: an agent already set meets
        the assignment, a waiting stage pauses them at once."""
        met = {ticket.id: ("assignment",) for ticket in self if ticket.user_id}
        self._sla_start(when=now, met_types=met)
        self.filtered("is_waiting_customer")._sla_open_lines()._sla_pause(
            now, "waiting_customer"
        )

    @api.model
    def _sla_init_existing(self):
        """At installation: open tickets without clocks start them now (no
        retroactive breach of tickets received before the SLA module)."""
        tickets = self.sudo().search(
            [
                ("is_resolved", "=", False),
                ("is_closed", "=", False),
                ("sla_line_ids", "=", False),
            ]
        )
        tickets._sla_begin(fields.Datetime.now())
        return tickets

    # ------------------------------------------------------------ hooks
    def _on_assigned(self):
        res = super()._on_assigned()
        now = fields.Datetime.now()
        self.filtered("user_id")._sla_open_lines(["assignment"], _REACHABLE)._sla_stop(
            now
        )
        return res

    def _on_public_reply(self, message):
        res = super()._on_public_reply(message)
        when = message.date or fields.Datetime.now()
        self._sla_open_lines(["response"], _REACHABLE)._sla_stop(when)
        return res

    def _on_customer_reply(self, message):
        res = super()._on_customer_reply(message)
        when = message.date or fields.Datetime.now()
        self._sla_paused_lines("waiting_customer")._sla_resume(when)
        return res

    def _on_stage_change(self, old_stages):
        res = super()._on_stage_change(old_stages)
        now = fields.Datetime.now()
        for ticket in self:
            old = old_stages.get(ticket.id)
            stage = ticket.stage_id
            if stage.is_resolved or stage.is_closed:
                # resolution met; clocks of other targets still open stop uncounted
                ticket._sla_open_lines(["resolution"], _REACHABLE)._sla_stop(now)
                ticket._sla_open_lines()._sla_stop(now, state="cancelled")
                continue
            if old and (old.is_resolved or old.is_closed):
                continue  # reopening: _on_reopen starts the new cycle
            if stage.is_waiting_customer and not (old and old.is_waiting_customer):
                ticket._sla_open_lines()._sla_pause(now, "waiting_customer")
            elif old and old.is_waiting_customer and not stage.is_waiting_customer:
                ticket._sla_open_lines(states=("paused",))._sla_resume(now)
        return res

    def _on_sla_context_change(self):
        res = super()._on_sla_context_change()
        self._sla_retarget()
        return res

    def _on_reopen(self):
        res = super()._on_reopen()
        now = fields.Datetime.now()
        for ticket in self:
            ticket._sla_open_lines(["resolution"])._sla_stop(now, state="cancelled")
            ticket._sla_start(("resolution",), when=now, cycle=ticket._sla_next_cycle())
        return res

    # ------------------------------------------------------------ re-target
    def _sla_retarget(self):
        """Priority, plan, contract, calendar or policy changed: re-target the open
        clocks keeping the business time already consumed; closed clocks never
        change. A target that no policy defines any more is cancelled; a target that
        a policy now defines starts from the ticket's creation."""
        now = fields.Datetime.now()
        for ticket in self:
            policies = self.env["support.sla.policy"]._find_for_ticket(ticket)
            open_lines = ticket._sla_open_lines()
            for line in open_lines:
                policy = policies.get(line.target_type)
                if not policy:
                    line._sla_stop(now, state="cancelled")
                    continue
                consumed = line._consumed_at(now)
                vals = {
                    "policy_id": policy.id,
                    "name": policy.target_label,
                    "contract_id": ticket.contract_id.id,
                    "plan_id": ticket.plan_id.id,
                    "partner_id": ticket.commercial_partner_id.id,
                    "priority": ticket.priority,
                    "target_value": policy.target_value,
                    "target_unit": policy.target_unit,
                    "use_addon_windows": policy.use_addon_windows,
                    "warn_percent": policy.warn_percent,
                    "consumed_minutes": consumed,
                    "warned": False,
                }
                if line.state == "running":
                    vals["date_resumed"] = now
                line.write(vals)
                line._sla_set_target(policy)
            handled = {ln.target_type for ln in ticket.sla_line_ids}
            missing = [
                t
                for t in ("assignment", "response", "resolution")
                if t not in handled and t in policies
            ]
            if missing and not ticket.is_resolved and not ticket.is_closed:
                new = ticket._sla_start(tuple(missing), when=ticket.create_date)
                if ticket.user_id:
                    new.filtered(lambda ln: ln.target_type == "assignment")._sla_stop(
                        now
                    )

    # ------------------------------------------------------------ escalation
    def _sla_escalation_user(self):
        """Who takes over at breach: the team leader, else the contract's account
        manager (empty when neither is set)."""
        self.ensure_one()
        return self.team_id.leader_id or self.contract_id.user_id

    def _sla_escalation_partner_ids(self):
        """Recipients of the breach email (mail template ``partner_to``)."""
        self.ensure_one()
        return ",".join(str(pid) for pid in self._sla_escalation_user().partner_id.ids)

    # ------------------------------------------------------------ portal
    def _get_sla_portal_clocks(self):
        """SLA clocks for the customer portal: a list of plain dicts (no records).

        Keys: ``id``, ``target_type``, ``label``, ``cycle``, ``state``,
        ``state_label``, ``date_start``, ``deadline``, ``date_reached`` (naive UTC
        datetimes or False), ``business_minutes_left`` (float or None when closed),
        ``time_left`` (text), ``at_risk``, ``pauses`` (list of dicts: ``date_start``,
        ``date_end``, ``reason``, ``business_minutes``). Cancelled clocks are left
        out."""
        self.ensure_one()
        # one query for the clocks and their fields, however many (portal page)
        lines = (
            self.env["support.ticket.sla"]
            .sudo()
            .search_fetch(
                [("ticket_id", "=", self.id), ("state", "!=", "cancelled")],
                order="cycle, id",
            )
        )
        return [line._portal_dict() for line in lines]

    def action_sla_recompute(self):
        """Manager button: re-target the open clocks (e.g. after fixing a calendar)."""
        check_support_group(self, "manager")
        self._sla_retarget()
        return True
