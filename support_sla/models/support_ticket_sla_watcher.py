import pytz
from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.tools import format_datetime

# clocks flipped and notified per transaction by the watcher under the cron
# runner (committed one chunk at a time)
WATCH_CHUNK = 200


class SupportTicketSla(models.Model):
    """The breach watcher (issue 4): a cron woken exactly at the next deadline
    or warning, which warns at-risk clocks and breaches due ones exactly once.

    It works in chunks (issue 13): a chunk of due clocks is locked (``FOR NO
    KEY UPDATE SKIP LOCKED``), flipped and notified in batch (notes, escalation
    activities, queued breach emails), then committed with the cron's
    ``_commit_progress``. A backlog never holds one long transaction, two
    workers never flip the same clock, and a crash rolls back at most the
    chunk it was in, flip included: the next run flips and notifies it."""

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
        time_left = True
        while time_left:
            warned, breached = self._sla_flip_due(now, limit=WATCH_CHUNK)
            changed = warned | breached
            if not changed:
                break
            changed.invalidate_recordset(
                ["state", "warned", "breach_date", "on_time_rate"]
            )
            changed.modified(["state", "warned", "breach_date", "on_time_rate"])
            (warned - breached)._sla_notify_at_risk()
            breached._sla_notify_breach()
            if progress:
                self.env.flush_all()
                time_left = IrCron._commit_progress(
                    len(changed), remaining=self._sla_count_due(now)
                )
        self._sla_schedule_next_watch()
        if progress:
            IrCron._commit_progress(remaining=self._sla_count_due(now))
        return True

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
