import logging
from collections import defaultdict

import pytz
from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.tools import format_datetime

# clocks flipped and notified per transaction by the watcher under the cron
# runner (committed one chunk at a time)
WATCH_CHUNK = 200
# chunks rolled back and retried per run when a ticket changed meanwhile
WATCH_RETRIES = 3

_logger = logging.getLogger(__name__)


def _rounds(lines):
    """``lines`` split so that no ticket appears twice in one round (a note or
    an email is keyed by its ticket); in the usual case, one round."""
    rounds = []
    for line in lines:
        for batch in rounds:
            if line.ticket_id.id not in batch:
                batch[line.ticket_id.id] = line
                break
        else:
            rounds.append({line.ticket_id.id: line})
    return [lines.browse([ln.id for ln in batch.values()]) for batch in rounds]


class SupportTicketSla(models.Model):
    """The breach watcher (issue 4): a cron woken exactly at the next deadline
    or warning, which warns at-risk clocks and breaches due ones exactly once.

    It works in chunks (issue 13): a chunk of due clocks is locked (``FOR NO
    KEY UPDATE SKIP LOCKED``), flipped and notified in batch (notes, escalation
    activities, queued breach emails), then committed with the cron's
    ``_commit_progress``. A backlog never holds one long transaction, two
    workers never flip the same clock, and a crash rolls back at most the
    chunk it was in, flip included: the next run flips and notifies it.
    Breach emails are queued (``mail.mail``, sent by the mail queue after
    the commit), never sent inside the transaction."""

    _inherit = "support.ticket.sla"

    # ------------------------------------------------------------ watcher
    def _sla_schedule_watcher(self):
        """Wake the watcher exactly at the next deadline or warning (issue 4)."""
        moments = [
            m
            for line in self.filtered(lambda ln: ln.state == "running")
            for m in (line.deadline, line.warn_date if not line.warned else False)
            if m
        ]
        cron = self.env.ref("support_sla.ir_cron_sla_watcher", raise_if_not_found=False)
        if moments and cron:
            cron.sudo()._trigger(at=max(min(moments), fields.Datetime.now()))

    @api.model
    def _sla_flip_due(self, now, limit=None):
        """Warn the at-risk clocks and breach the due ones (at most ``limit``
        of each), each exactly once even with two workers: rows another worker
        holds are skipped (``SKIP LOCKED``), and rows it changed after this
        transaction began raise a serialization failure: that worker notifies
        them, this one flips nothing. Returns the (warned, breached) clocks."""
        cr = self.env.cr
        self.flush_model()
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    """
                    UPDATE support_ticket_sla SET warned = TRUE
                     WHERE id IN (
                        SELECT id FROM support_ticket_sla
                         WHERE state = 'running' AND warned IS NOT TRUE
                           AND warn_date <= %s
                         ORDER BY warn_date LIMIT %s
                           FOR NO KEY UPDATE SKIP LOCKED)
                    RETURNING id
                    """,
                    [now, limit],
                    log_exceptions=False,
                )
                warned = self.browse(sorted(row[0] for row in cr.fetchall()))
                cr.execute(
                    """
                    UPDATE support_ticket_sla
                       SET state = 'breached', breach_date = deadline,
                           on_time_rate = 0
                     WHERE id IN (
                        SELECT id FROM support_ticket_sla
                         WHERE state = 'running' AND deadline <= %s
                         ORDER BY deadline LIMIT %s
                           FOR NO KEY UPDATE SKIP LOCKED)
                    RETURNING id
                    """,
                    [now, limit],
                    log_exceptions=False,
                )
                breached = self.browse(sorted(row[0] for row in cr.fetchall()))
        except SerializationFailure:
            return self.browse(), self.browse()
        return warned, breached

    @api.model
    def _sla_count_due(self, now):
        """How many clocks are still to warn or breach at ``now`` (progress)."""
        self.env.cr.execute(
            """
            SELECT (SELECT count(*) FROM support_ticket_sla
                     WHERE state = 'running' AND deadline <= %s)
                 + (SELECT count(*) FROM support_ticket_sla
                     WHERE state = 'running' AND warned IS NOT TRUE
                       AND warn_date <= %s)
            """,
            [now, now],
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_watch(self):
        """Breach watcher (issue 4): flips due clocks to breached exactly once, even
        with two workers (``_sla_flip_due``), warns at-risk clocks once, posts a
        note, schedules an escalation activity and queues the breach email.

        Chunk by chunk (``WATCH_CHUNK``); under the cron runner each chunk is
        committed with ``_commit_progress`` and the remaining count reported
        is what is still due: one pass does all that is due while the runner
        gives it time (it reports "fully done"), the next deadline
        re-triggers it."""
        now = fields.Datetime.now()
        IrCron = self.env["ir.cron"]
        progress = bool(self.env.context.get("cron_id"))
        if progress:
            IrCron._commit_progress(remaining=self._sla_count_due(now))
        time_left, retries = True, WATCH_RETRIES
        while time_left:
            try:
                changed = self._sla_watch_chunk(now, flush=progress)
            except SerializationFailure:
                # a ticket of the chunk was written by another transaction
                # since this one began: under the runner the chunk is rolled
                # back (its clocks stay due) and retried on a fresh snapshot
                if not progress or not retries:
                    raise
                retries -= 1
                self.env.cr.rollback()
                _logger.info("SLA watcher: a ticket changed meanwhile, chunk retried")
                continue
            if not changed:
                break
            if progress:
                time_left = IrCron._commit_progress(
                    len(changed), remaining=self._sla_count_due(now)
                )
        self._sla_schedule_next_watch()
        if progress:
            IrCron._commit_progress(remaining=self._sla_count_due(now))
        return True

    @api.model
    def _sla_watch_chunk(self, now, flush):
        """One chunk: flip what is due, notify it; the clocks changed."""
        warned, breached = self._sla_flip_due(now, limit=WATCH_CHUNK)
        changed = warned | breached
        if not changed:
            return changed
        changed.invalidate_recordset(["state", "warned", "breach_date", "on_time_rate"])
        changed.modified(["state", "warned", "breach_date", "on_time_rate"])
        (warned - breached)._sla_notify_at_risk()
        breached._sla_notify_breach()
        if flush:
            self.env.flush_all()
        return changed

    @api.model
    def _sla_schedule_next_watch(self):
        """Trigger the watcher at the next deadline and the next warning."""
        self.search(
            [("state", "=", "running"), ("deadline", "!=", False)],
            order="deadline",
            limit=1,
        )._sla_schedule_watcher()
        self.search(
            [
                ("state", "=", "running"),
                ("warned", "=", False),
                ("warn_date", "!=", False),
            ],
            order="warn_date",
            limit=1,
        )._sla_schedule_watcher()

    def _format_deadline(self, user):
        """The deadline in ``user``'s time zone and language, to the minute and
        with the zone named: "2 Dec 2026 02:47 CET"."""
        self.ensure_one()
        tz = user.tz or self.company_id.partner_id.tz or "UTC"
        text = format_datetime(
            self.env,
            self.deadline,
            tz=tz,
            dt_format="d MMM y HH:mm",
            lang_code=user.lang,
        )
        zone = pytz.utc.localize(self.deadline).astimezone(pytz.timezone(tz))
        return f"{text} {zone.tzname()}"

    def _note_reader(self):
        """Whose time zone a note of the ticket is written in: its agent, else
        who takes over at breach, else the user running the watcher."""
        ticket = self.ticket_id
        return ticket.user_id or ticket._sla_escalation_user() or self.env.user

    # ------------------------------------------------------------ notifications
    def _sla_log_notes(self, body_of):
        """A note on each clock's ticket, ``body_of(line)`` its text."""
        for batch in _rounds(self):
            tickets = batch.ticket_id
            bodies = {line.ticket_id.id: body_of(line) for line in batch}
            tickets._message_log_batch(bodies, message_type="comment")

    def _sla_notify_at_risk(self):
        self._sla_log_notes(
            lambda line: self.env._(
                "SLA at risk: %(target)s, %(share)s%% of the target is used; "
                "deadline %(deadline)s.",
                target=line.name,
                share=line.warn_percent,
                deadline=line._format_deadline(line._note_reader()),
            )
        )

    def _sla_notify_breach(self):
        """The breach note of each clock; for the clocks whose policy escalates
        (or without policy), the escalation activity and the breach email to
        who takes over."""
        self._sla_log_notes(
            lambda line: self.env._(
                "SLA breached: %(target)s, the deadline was %(deadline)s.",
                target=line.name,
                deadline=line._format_deadline(line._note_reader()),
            )
        )
        escalating = self.filtered(
            lambda line: (
                (not line.policy_id or line.policy_id.escalate)
                and line.ticket_id._sla_escalation_user()
            )
        )
        if not escalating:
            return
        self._sla_schedule_escalations(escalating)
        self._sla_queue_breach_emails(
            escalating.filtered(lambda line: line.policy_id.breach_template_id)
        )

    def _sla_schedule_escalations(self, lines):
        """One escalation activity per clock, all in one ``create()``. Its
        assignee hears of it by the breach email; only clocks whose policy
        sends none get Odoo's "assigned to you" email."""
        activity_type = self.env.ref("support_sla.mail_activity_type_sla_escalation")
        model_id = self.env["ir.model"]._get_id("support.ticket")
        today = fields.Date.context_today(self)
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "activity_type_id": activity_type.id,
                        "summary": self.env._(
                            "SLA breached: %(target)s", target=line.name
                        ),
                        "automated": True,
                        "note": activity_type.default_note,
                        "date_deadline": today,
                        "res_model_id": model_id,
                        "res_id": line.ticket_id.id,
                        "user_id": line.ticket_id._sla_escalation_user().id,
                    }
                    for line in lines
                ]
            )
        )
        silent = [
            activity.id
            for activity, line in zip(activities, lines, strict=True)
            if not line.policy_id.breach_template_id
        ]
        if silent:
            activities.browse(silent).with_context(
                mail_activity_quick_update=False
            ).action_notify()

    def _sla_queue_breach_emails(self, lines):
        """The breach emails, queued: per template, one rendering batch for
        the clocks that share the target and the deadline as written to the
        recipient (the template's ``ctx``), not one rendering per clock."""
        groups = defaultdict(list)
        for line in lines:
            user = line.ticket_id._sla_escalation_user()
            key = (line.policy_id.breach_template_id, line.name)
            groups[key + (line._format_deadline(user),)].append(line.id)
        for (template, target, deadline), line_ids in groups.items():
            for batch in _rounds(self.browse(line_ids)):
                template.sudo().with_context(
                    sla_target=target, sla_deadline=deadline
                ).send_mail_batch(batch.ticket_id.ids)
