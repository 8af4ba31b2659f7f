import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group

from ..tools.business_format import format_business_minutes
from ..tools.business_time import Schedule
from .support_sla_policy import PRIORITIES, TARGET_TYPES, UNITS

_logger = logging.getLogger(__name__)

STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Cancelled"),
]
_CLOCK = Schedule.always("UTC")


def _whole_second(moment):
    """``moment`` without microseconds, never earlier (a deadline is kept)."""
    if moment.microsecond:
        moment += timedelta(microseconds=1_000_000 - moment.microsecond)
    return moment


def _deadline_values(schedule, resumed, target, consumed, warn_percent):
    """deadline and warn_date of a running clock on ``schedule``."""
    # a lowered target already exceeded: breach at the next watcher run
    deadline = schedule.add(resumed, max(target - consumed, 0))
    warn_left = target * warn_percent / 100 - consumed
    warn_date = schedule.add(resumed, max(warn_left, 0))
    return {
        "deadline": _whole_second(deadline),
        "warn_date": _whole_second(warn_date),
    }


class SupportTicketSla(models.Model):
    """One SLA clock of a ticket: a target (assignment, first response, resolution)
    counted in business time on the contract's availability (L1-L6).

    Every field of the clock is a plain field written by the ticket's events
    (creation, reply, assignment, stages, re-targeting, reopening) and by the breach
    watcher, never a stored compute: a recompute cannot rewrite an SLA history.
    ``consumed_minutes`` is the business time consumed up to ``date_resumed`` (the
    last time the clock started running); while running, the deadline is
    ``add(date_resumed, target_minutes - consumed_minutes)``."""

    _name = "support.ticket.sla"
    _description = "Ticket SLA Clock"
    _order = "ticket_id, cycle, target_type, id"
    _rec_name = "name"

    ticket_id = fields.Many2one(
        "support.ticket", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    policy_id = fields.Many2one(
        "support.sla.policy", ondelete="set null", readonly=True
    )
    name = fields.Char(string="Target description", readonly=True)
    target_type = fields.Selection(TARGET_TYPES, required=True, readonly=True)
    cycle = fields.Integer(
        string="Resolution cycle",
        default=1,
        readonly=True,
        help="Reopening a ticket starts a new resolution cycle (the old one is kept).",
    )
    contract_id = fields.Many2one("support.contract", readonly=True, index=True)
    plan_id = fields.Many2one("support.plan", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    target_value = fields.Float(string="Target value", readonly=True)
    target_unit = fields.Selection(UNITS, string="Target unit", readonly=True)
    target_minutes = fields.Float(
        string="Target (business minutes)",
        readonly=True,
        help="Business-day targets are converted to business minutes at the start.",
    )
    use_addon_windows = fields.Boolean(string="With add-on windows", readonly=True)
    warn_percent = fields.Integer(string="Warning share", readonly=True)
    date_start = fields.Datetime(string="Started", required=True, readonly=True)
    date_resumed = fields.Datetime(
        string="Running since",
        readonly=True,
        help="Last time the clock started or resumed.",
    )
    deadline = fields.Datetime(readonly=True)
    warn_date = fields.Datetime(string="At risk from", readonly=True)
    date_reached = fields.Datetime(string="Reached at", readonly=True)
    breach_date = fields.Datetime(string="Breached at", readonly=True)
    consumed_minutes = fields.Float(
        string="Business minutes consumed", readonly=True, aggregator="avg"
    )
    state = fields.Selection(
        STATES, required=True, default="running", readonly=True, index=True
    )
    warned = fields.Boolean(string="At risk", readonly=True)
    on_time_rate = fields.Float(
        string="On time (%)",
        readonly=True,
        aggregator="avg",
        help="100 when the target was met in time, 0 when breached; empty while open.",
    )
    error = fields.Char(string="Clock problem", readonly=True)
    pause_ids = fields.One2many("support.ticket.sla.pause", "sla_id", string="Pauses")
    pause_count = fields.Integer(compute="_compute_pause_count")
    time_left_minutes = fields.Float(
        string="Business minutes left", compute="_compute_time_left"
    )
    time_left_display = fields.Char(string="Time left", compute="_compute_time_left")

    _deadline_running_idx = models.Index("(deadline) WHERE state = 'running'")
    _warn_running_idx = models.Index(
        "(warn_date) WHERE state = 'running' AND warned IS NOT TRUE"
    )

    # ------------------------------------------------------------ computes
    @api.depends("pause_ids")
    def _compute_pause_count(self):
        for line in self:
            line.pause_count = len(line.pause_ids)

    @api.depends_context("uid")
    @api.depends("state", "consumed_minutes", "date_resumed", "target_minutes")
    def _compute_time_left(self):
        now = fields.Datetime.now()
        for line in self:
            left = line._minutes_left(now)
            line.time_left_minutes = left
            line.time_left_display = (
                self._format_minutes(left) if left is not None else ""
            )

    @api.model
    def _format_minutes(self, minutes):
        """Business minutes as hours and minutes of work (never 24-hour days)."""
        return format_business_minutes(minutes)

    # ------------------------------------------------------------ clock
    def _get_schedule(self):
        """The business-time schedule of this clock (24/7 for clock units, L6)."""
        self.ensure_one()
        if self.target_unit in ("clock_minutes", "clock_hours"):
            return _CLOCK
        contract = self.contract_id or self.ticket_id.contract_id
        critical = self.use_addon_windows and self.priority == "3"
        return contract._sla_get_schedule(critical=critical, moment=self.date_start)

    def _consumed_at(self, moment):
        self.ensure_one()
        consumed = self.consumed_minutes
        counting = self.state == "running" or (
            self.state == "breached" and not self.date_reached
        )
        if counting and self.date_resumed and moment > self.date_resumed:
            consumed += self._get_schedule().between(self.date_resumed, moment)
        return consumed

    def _minutes_left(self, moment):
        self.ensure_one()
        if self.state not in ("running", "paused") or self.error:
            return None
        return self.target_minutes - self._consumed_at(moment)

    def _deadline_vals(self):
        """deadline and warn_date of a running clock."""
        self.ensure_one()
        return _deadline_values(
            self._get_schedule(),
            self.date_resumed,
            self.target_minutes,
            self.consumed_minutes,
            self.warn_percent,
        )

    @api.model
    def _sla_create_started(self, vals_list, policies, met_types):
        """Create new clocks (``vals_list``, of ``policies``) in one create(),
        their target and deadline computed beforehand on schedules looked up
        once per contract; the target types of ``met_types`` ({ticket id:
        types}) are met at their start (an agent set at creation)."""
        schedules = {}
        failed = []
        for vals, policy in zip(vals_list, policies, strict=True):
            try:
                schedule = self._sla_schedule_of(vals, schedules)
                minutes = policy._target_minutes(schedule, vals["date_start"])
            except UserError as exc:
                vals.update(error=str(exc), deadline=False, warn_date=False)
                failed.append(vals)
            else:
                vals["target_minutes"] = minutes
                try:
                    vals.update(
                        _deadline_values(
                            schedule,
                            vals["date_resumed"],
                            minutes,
                            vals["consumed_minutes"],
                            vals["warn_percent"],
                        )
                    )
                except UserError as exc:
                    vals.update(error=str(exc), deadline=False, warn_date=False)
            if vals["target_type"] in met_types.get(vals["ticket_id"], ()):
                vals.update(
                    state="met", date_reached=vals["date_start"], on_time_rate=100.0
                )
        lines = self.create(vals_list)
        for vals in failed:
            self.env["support.ticket"].browse(vals["ticket_id"]).message_post(
                body=self.env._(
                    "No SLA deadline for %(target)s: %(error)s",
                    target=vals["name"],
                    error=vals["error"],
                ),
                subtype_xmlid="mail.mt_note",
            )
        lines._sla_schedule_watcher()
        return lines

    @api.model
    def _sla_schedule_of(self, vals, schedules):
        """The schedule of a clock about to be created (see ``_get_schedule``),
        memoized in ``schedules`` for the batch."""
        if vals["target_unit"] in ("clock_minutes", "clock_hours"):
            return _CLOCK
        critical = bool(vals["use_addon_windows"] and vals["priority"] == "3")
        key = (vals["contract_id"], critical, vals["date_start"])
        if key not in schedules:
            contract = self.env["support.contract"].browse(vals["contract_id"])
            schedules[key] = contract._sla_get_schedule(
                critical=critical, moment=vals["date_start"]
            )
        return schedules[key]

    def _sla_set_target(self, policy):
        """Set the target of the clocks from ``policy`` (business days become
        business minutes counted from the clock's start) and its deadline."""
        for line in self:
            try:
                minutes = policy._target_minutes(line._get_schedule(), line.date_start)
            except UserError as exc:
                line.write({"error": str(exc), "deadline": False, "warn_date": False})
                line.ticket_id.message_post(
                    body=self.env._(
                        "No SLA deadline for %(target)s: %(error)s",
                        target=line.name,
                        error=str(exc),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            line._write_clock({"target_minutes": minutes, "error": False})

    def _write_clock(self, vals):
        """Write clock values, then (re)compute deadlines of running clocks; a clock
        whose schedule cannot work keeps no deadline and says why (never a wrong
        deadline)."""
        self.write(vals)
        for line in self.filtered(lambda ln: ln.state == "running"):
            try:
                line.write(dict(line._deadline_vals(), error=False))
            except UserError as exc:
                line.write({"deadline": False, "warn_date": False, "error": str(exc)})
        self._sla_schedule_watcher()

    # ------------------------------------------------------------ events
    def _sla_stop(self, when, state="met"):
        """Stop the clocks at ``when``: met (or cancelled); a clock already breached
        keeps its state and records when it was finally reached."""
        for line in self.filtered(
            lambda ln: ln.state in ("running", "paused", "breached")
        ):
            if line.date_reached:
                continue
            consumed = line._consumed_at(when)
            line.pause_ids.filtered(lambda p: not p.date_end)._close(when)
            vals = {"consumed_minutes": consumed, "date_reached": when}
            if line.state == "breached":
                vals["on_time_rate"] = 0.0
            elif state == "met":
                late = line.deadline and when > line.deadline
                vals.update(
                    state="breached" if late else "met",
                    on_time_rate=0.0 if late else 100.0,
                )
                if late:
                    vals["breach_date"] = line.deadline
            else:
                vals["state"] = state
            line.write(vals)

    def _sla_pause(self, when, reason):
        for line in self.filtered(lambda ln: ln.state == "running"):
            consumed = line._consumed_at(when)
            line.write(
                {
                    "state": "paused",
                    "consumed_minutes": consumed,
                    "deadline": False,
                    "warn_date": False,
                }
            )
            self.env["support.ticket.sla.pause"].create(
                {
                    "sla_id": line.id,
                    "date_start": when,
                    "reason": reason,
                    "user_id": self.env.user.id,
                }
            )

    def _sla_resume(self, when):
        paused = self.filtered(lambda ln: ln.state == "paused")
        for line in paused:
            line.pause_ids.filtered(lambda p: not p.date_end)._close(when)
        paused._write_clock({"state": "running", "date_resumed": when})

    @api.model
    def _sla_retarget_calendars(self, calendars):
        """A calendar edit re-targets the running clocks that count on it."""
        if not calendars or "support.ticket" not in self.env:
            return
        plans = (
            self.env["support.plan"]
            .sudo()
            .search([("resource_calendar_id", "in", calendars.ids)])
        )
        addons = (
            self.env["support.addon"]
            .sudo()
            .search([("resource_calendar_id", "in", calendars.ids)])
        )
        domain = [("state", "in", ("running", "paused"))]
        lines = self.sudo().search(domain)
        lines = lines.filtered(
            lambda ln: (
                ln.plan_id in plans
                or (addons and ln.contract_id.addon_line_ids.addon_id & addons)
            )
        )
        lines.ticket_id._sla_retarget()

    # ------------------------------------------------------------ portal
    def _portal_dict(self):
        self.ensure_one()
        now = fields.Datetime.now()
        left = self._minutes_left(now)
        return {
            "id": self.id,
            "target_type": self.target_type,
            "label": self.name,
            "cycle": self.cycle,
            "state": self.state,
            "state_label": dict(STATES)[self.state],
            "date_start": self.date_start,
            "deadline": self.deadline or False,
            "date_reached": self.date_reached or False,
            "business_minutes_left": left,
            "time_left": self._format_minutes(left) if left is not None else "",
            "at_risk": bool(self.warned and self.state == "running"),
            "pauses": [
                {
                    "date_start": pause.date_start,
                    "date_end": pause.date_end or False,
                    "reason": pause.reason_label,
                    "business_minutes": pause.business_minutes,
                }
                for pause in self.pause_ids.sorted("date_start")
            ],
        }

    def action_open_ticket(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }
