from datetime import datetime

from freezegun import freeze_time

from ..models.support_ticket_sla import _whole_second
from .common import SupportSlaCommon, utc


class TestSlaWatcher(SupportSlaCommon):
    """The breach watcher (issue 4): at the deadline, exactly once."""

    def _high_ticket(self):
        # Monday 10:00 Paris; High: 8 business hours -> Tuesday 09:00 Paris
        with freeze_time("2026-01-05 09:00:00"):
            return self._ticket(urgency="high")

    def _notes(self, ticket, text):
        return ticket.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_breach_at_deadline_exactly_once(self):
        self.manager.tz = "Europe/Paris"
        ticket = self._high_ticket()
        line = self._line(ticket, "response")
        self.assertEqual(line.deadline, utc(2026, 1, 6, 8))
        with freeze_time("2026-01-06 07:59:59"):
            self.Line._cron_watch()
        self.assertEqual(line.state, "running")
        with freeze_time("2026-01-06 08:00:00"):
            self.Line._cron_watch()
            self.Line._cron_watch()
        self.assertEqual(line.state, "breached")
        self.assertEqual(line.breach_date, utc(2026, 1, 6, 8))
        self.assertEqual(line.on_time_rate, 0)
        self.assertEqual(ticket.sla_state, "breached")
        self.assertEqual(len(self._notes(ticket, "SLA breached")), 1)
        activities = ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("support_sla.mail_activity_type_sla_escalation")
            )
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.manager)  # the team leader
        mails = self.env["mail.mail"].search(
            [("model", "=", "support.ticket"), ("res_id", "=", ticket.id)]
        )
        breach_mails = mails.filtered(
            lambda m: (m.subject or "").startswith("SLA breached on")
        )
        self.assertEqual(len(breach_mails), 1)
        self.assertIn(self.manager.partner_id, breach_mails.recipient_ids)
        # the deadline in the reader's time zone, named, to the minute
        note = self._notes(ticket, "SLA breached")
        self.assertIn("the deadline was 6 Jan 2026 09:00 CET.", note.body)
        self.assertIn("(deadline 6 Jan 2026 09:00 CET)", breach_mails.body_html)
        for text in (note.body, breach_mails.body_html):
            self.assertNotIn("UTC", text)
            self.assertNotIn("08:00:00", text)

    def test_deadline_in_whole_seconds(self):
        """A deadline is stored without microseconds and never earlier."""
        self.assertEqual(
            _whole_second(datetime(2026, 12, 2, 1, 47, 25, 958440)),
            datetime(2026, 12, 2, 1, 47, 26),
        )
        self.assertEqual(
            _whole_second(datetime(2026, 12, 2, 1, 47, 25)),
            datetime(2026, 12, 2, 1, 47, 25),
        )
        line = self._line(self._high_ticket(), "resolution")
        self.assertFalse(line.deadline.microsecond)
        self.assertFalse(line.warn_date.microsecond)

    def test_guarded_update_with_stale_worker(self):
        """Two workers: another worker flipped the clock first while ours still
        holds it as running; our guarded update changes nothing, notifies nothing."""
        ticket = self._high_ticket()
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "running")
        with freeze_time("2026-01-06 08:00:00"):
            self.env.cr.execute(
                "UPDATE support_ticket_sla SET state = 'breached' WHERE id = %s",
                [line.id],
            )
            self.assertEqual(line.state, "running", "our worker's stale cache")
            self.Line._cron_watch()
        self.assertFalse(self._notes(ticket, "SLA breached"))
        self.assertFalse(ticket.activity_ids)
        line.invalidate_recordset()
        self.assertEqual(line.state, "breached")

    def test_at_risk_warning_once(self):
        """At 80% of the target (6h24 of 8h): flagged at risk, once."""
        ticket = self._high_ticket()
        line = self._line(ticket, "response")
        # 6h24 business after Monday 10:00 Paris: 16:24 Paris = 15:24 UTC
        self.assertEqual(line.warn_date, utc(2026, 1, 5, 15, 24))
        with freeze_time("2026-01-05 15:23:00"):
            self.Line._cron_watch()
        self.assertFalse(line.warned)
        with freeze_time("2026-01-05 15:24:00"):
            self.Line._cron_watch()
            self.Line._cron_watch()
        self.assertTrue(line.warned)
        self.assertTrue(ticket.sla_at_risk)
        self.assertEqual(ticket.sla_state, "at_risk")
        self.assertEqual(len(self._notes(ticket, "SLA at risk")), 1)
        self.assertEqual(
            self.env["support.ticket"].search_count(
                [("id", "=", ticket.id), ("sla_at_risk", "=", True)]
            ),
            1,
        )

    def test_paused_clock_never_breaches(self):
        ticket = self._high_ticket()
        with freeze_time("2026-01-05 10:00:00"):
            ticket.action_wait_customer()
        with freeze_time("2026-01-20 10:00:00"):
            self.Line._cron_watch()
        self.assertEqual(self._line(ticket, "response").state, "paused")

    def test_no_escalation_for_statistical_objective(self):
        """L4: the resolution objective breaches without escalation activity."""
        ticket = self._high_ticket()
        with freeze_time("2026-01-06 08:00:00"):
            ticket.action_wait_customer()  # pause the response clock
            ticket.action_set_in_progress()
        resolution = self._line(ticket, "resolution")
        with freeze_time("2026-01-19 09:00:00"):
            ticket.sla_line_ids.filtered(
                lambda ln: ln.target_type != "resolution"
            ).write({"state": "cancelled"})
            self.Line._cron_watch()
        self.assertEqual(resolution.state, "breached")
        self.assertFalse(ticket.activity_ids)

    def test_watcher_trigger_scheduled_at_next_deadline(self):
        cron = self.env.ref("support_sla.ir_cron_sla_watcher")
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search([("cron_id", "=", cron.id)])
        ticket = self._high_ticket()
        triggers = Trigger.search([("cron_id", "=", cron.id)]) - before
        self.assertIn(
            self._line(ticket, "response").warn_date, triggers.mapped("call_at")
        )

    def test_calendar_without_attendance_gives_no_wrong_deadline(self):
        """A broken calendar: the clock has no deadline and the ticket says why."""
        self.sla_calendar.attendance_ids.unlink()
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        line = self._line(ticket, "response")
        self.assertFalse(line.deadline)
        self.assertIn("no attendance", line.error)
        self.assertTrue(self._notes(ticket, "No SLA deadline"))
        with freeze_time("2026-03-05 09:00:00"):
            self.Line._cron_watch()
        self.assertEqual(line.state, "running")
