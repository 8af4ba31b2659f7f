import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.support_contract.tests.concurrency import TwoWorkersCase

# the test's clock is due at a moment no other clock of the database reaches:
# the watchers, run at that moment, flip that clock only
DUE = datetime.datetime(2000, 1, 3, 8, 0)


@tagged("post_install", "-at_install")
class TestWatcherConcurrency(TwoWorkersCase):
    """The breach watcher run by two workers at once, each in its own
    transaction: the clock is flipped, and its breach note posted, once."""

    _created_models = ("ir.cron.trigger", "support.ticket")

    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_created)
        with self._committed_env() as env:
            contract = env["support.contract"].search(
                [("state", "=", "active")], limit=1
            )
            ticket = env["support.ticket"].create(
                {
                    "name": "Two watchers",
                    "partner_id": contract.partner_id.id,
                    "contract_id": contract.id,
                }
            )
            # a clock of its own: the test does not depend on the policies
            line = env["support.ticket.sla"].create(
                {
                    "ticket_id": ticket.id,
                    "company_id": ticket.company_id.id,
                    "target_type": "response",
                    "name": "Two watchers' target",
                    "date_start": DUE - datetime.timedelta(hours=1),
                }
            )
            env.flush_all()
            env.cr.execute(
                "UPDATE support_ticket_sla SET state = 'running', deadline = %s, "
                "warn_date = NULL WHERE id = %s",
                [DUE, line.id],
            )
            self.ticket_id, self.line_id = ticket.id, line.id

    def _watch(self, env):
        env["support.ticket.sla"]._cron_watch()

    def _assert_once(self):
        with self._committed_env() as env:
            line = env["support.ticket.sla"].browse(self.line_id)
            self.assertEqual(line.state, "breached")
            self.assertEqual(line.breach_date, DUE)
            notes = line.ticket_id.message_ids.filtered(
                lambda m: "SLA breached" in (m.body or "")
            )
            self.assertEqual(len(notes), 1, "one breach note")
            escalations = line.ticket_id.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == env.ref("support_sla.mail_activity_type_sla_escalation")
                )
            )
            self.assertLessEqual(len(escalations), 1)

    def test_two_watchers_at_once(self):
        """The second watcher meets the first one's row locks: it skips them."""
        with freeze_time(DUE + datetime.timedelta(minutes=1)):
            self._two_workers(self._watch)
        self._assert_once()

    def test_second_watcher_on_an_older_snapshot(self):
        """The second watcher began before the first one committed: it sees
        the clock still running, yet flips and notifies nothing."""
        with freeze_time(DUE + datetime.timedelta(minutes=1)):
            self._two_workers(self._watch, stale_snapshot=True)
        self._assert_once()
