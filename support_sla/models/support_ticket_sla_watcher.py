import pytz
from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.tools import format_datetime


class SupportTicketSla(models.Model):
    """The breach watcher (issue 4): a cron woken exactly at the next deadline
    or warning, which warns at-risk clocks and breaches due ones exactly once."""

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
    def _sla_flip_due(self, now):
        """Warn the at-risk clocks and breach the due ones, each exactly once
        even with two workers: rows another worker holds are skipped
        (``SKIP LOCKED``), and rows it changed after this transaction began
        raise a serialization failure: that worker notifies them, this one
        flips nothing. Returns the (warned, breached) clocks."""
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
                           FOR NO KEY UPDATE SKIP LOCKED)
                    RETURNING id
                    """,
                    [now],
                    log_exceptions=False,
                )
                warned = self.browse([row[0] for row in cr.fetchall()])
                cr.execute(
                    """
                    UPDATE support_ticket_sla
                       SET state = 'breached', breach_date = deadline,
                           on_time_rate = 0
                     WHERE id IN (
                        SELECT id FROM support_ticket_sla
                         WHERE state = 'running' AND deadline <= %s
                           FOR NO KEY UPDATE SKIP LOCKED)
                    RETURNING id
                    """,
                    [now],
                    log_exceptions=False,
                )
                breached = self.browse([row[0] for row in cr.fetchall()])
        except SerializationFailure:
            return self.browse(), self.browse()
        return warned, breached

    @api.model
    def _cron_watch(self):
        """Breach watcher (issue 4): flips due clocks to breached exactly once, even
        with two workers (``_sla_flip_due``), warns at-risk clocks once, posts a
        note, schedules an escalation activity and sends the breach email.
        Under the cron runner it reports what it flipped and nothing left: one
        pass does all that is due, the next deadline re-triggers it."""
        warned, breached = self._sla_flip_due(fields.Datetime.now())
        changed = warned | breached
        if changed:
            changed.invalidate_recordset(
                ["state", "warned", "breach_date", "on_time_rate"]
            )
            changed.modified(["state", "warned", "breach_date", "on_time_rate"])
        for line in warned - breached:
            line._notify_at_risk()
        for line in breached:
            line._notify_breach()
        # next wake-up
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
        if self.env.context.get("cron_id"):
            self.env["ir.cron"]._commit_progress(len(changed), remaining=0)
        return True

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

    def _notify_at_risk(self):
        self.ensure_one()
        self.ticket_id.message_post(
            body=self.env._(
                "SLA at risk: %(target)s, %(share)s%% of the target is used; "
                "deadline %(deadline)s.",
                target=self.name,
                share=self.warn_percent,
                deadline=self._format_deadline(self._note_reader()),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _notify_breach(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket.message_post(
            body=self.env._(
                "SLA breached: %(target)s, the deadline was %(deadline)s.",
                target=self.name,
                deadline=self._format_deadline(self._note_reader()),
            ),
            subtype_xmlid="mail.mt_note",
        )
        policy = self.policy_id
        if policy and not policy.escalate:
            return
        user = ticket._sla_escalation_user()
        if user:
            ticket.sudo().activity_schedule(
                "support_sla.mail_activity_type_sla_escalation",
                date_deadline=fields.Date.context_today(self),
                summary=self.env._("SLA breached: %(target)s", target=self.name),
                user_id=user.id,
            )
        template = policy.breach_template_id if policy else False
        if template and user:
            template.sudo().with_context(
                sla_target=self.name, sla_deadline=self._format_deadline(user)
            ).send_mail(ticket.id)
