from freezegun import freeze_time

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
