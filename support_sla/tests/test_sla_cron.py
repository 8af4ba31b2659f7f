from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.errors import SerializationFailure

from odoo.tests import tagged

from odoo.addons.support_contract.tests.cron_runner import CronRunnerMixin

from .common import SupportSlaCommon

WATCHER = "support_sla.ir_cron_sla_watcher"


@tagged("post_install", "-at_install")
class TestSlaWatcherCron(CronRunnerMixin, SupportSlaCommon):
    """The breach watcher, run by Odoo's cron runner: one pass does all that
    is due and reports nothing left; a second pass creates nothing."""

    def _notes(self, ticket, text):
        return ticket.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_watcher_job_ends_after_one_pass(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")  # response due Tuesday 08:00 UTC
        line = self._line(ticket, "response")
        with freeze_time("2026-01-06 08:00:00", tick=True):
            self.assertEqual(self._run_job(WATCHER), (1, 0))
        self.assertEqual(line.state, "breached")
        self.assertEqual(len(self._notes(ticket, "SLA breached")), 1)
        activities = ticket.activity_ids
        messages = self.env["mail.message"].search_count([])
        with freeze_time("2026-01-06 08:01:00", tick=True):
            self.assertEqual(self._run_job(WATCHER), (1, 0))
        self.assertEqual(len(self._notes(ticket, "SLA breached")), 1)
        self.assertEqual(ticket.activity_ids, activities)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)

    def test_watcher_job_with_nothing_due(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        with freeze_time("2026-01-05 10:00:00", tick=True):
            self.assertEqual(self._run_job(WATCHER), (1, 0))
        self.assertEqual(self._line(ticket, "response").state, "running")

    def test_watcher_retries_a_chunk_a_ticket_write_spoiled(self):
        """A ticket written by another transaction meanwhile makes the chunk's
        write fail (serialization): the chunk is rolled back and done again on
        a fresh snapshot; the job still ends fully done, breaching once."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        line = self._line(ticket, "response")
        Line = type(self.env["support.ticket.sla"])
        chunk = Line._sla_watch_chunk
        calls = []

        def spoiled_once(records, now, flush):
            calls.append(now)
            changed = chunk(records, now, flush)
            if len(calls) == 1:
                raise SerializationFailure("could not serialize access")
            return changed

        with (
            patch.object(Line, "_sla_watch_chunk", spoiled_once),
            freeze_time("2026-01-06 08:00:00", tick=True),
        ):
            self.assertEqual(self._run_job(WATCHER), (1, 0))
        self.assertGreaterEqual(len(calls), 2, "the spoiled chunk was done again")
        self.assertEqual(line.state, "breached")
        self.assertEqual(len(self._notes(ticket, "SLA breached")), 1)
