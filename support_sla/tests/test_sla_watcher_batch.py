from freezegun import freeze_time

from odoo.tests import tagged

from .common import SupportSlaCommon

# the High response clocks of tickets opened Monday 10:00 Paris are due
# Tuesday 08:00 UTC (8 business hours)
OPENED = "2026-01-05 09:00:00"
DUE = "2026-01-06 08:00:00"


@tagged("post_install", "-at_install")
class TestSlaWatcherBatch(SupportSlaCommon):
    """The breach watcher notifies a chunk of clocks in batch (issue 13): its
    queries grow by a bounded number per breach, not by a dozen."""

    def _due_tickets(self, count):
        with freeze_time(OPENED):
            return self.env["support.ticket"].create(
                [
                    {
                        "name": f"Due {i}",
                        "partner_id": self.contact.id,
                        "team_id": self.team.id,
                        "impact": "single",
                        "urgency": "high",
                    }
                    for i in range(count)
                ]
            )

    def _watch_queries(self, count):
        """Queries of one watcher pass breaching the clocks of ``count``
        tickets (note, escalation activity and queued email each)."""
        tickets = self._due_tickets(count)
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(DUE):
            before = self.env.cr.sql_log_count
            self.Line._cron_watch()
            self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
        breached = tickets.sla_line_ids.filtered(lambda ln: ln.state == "breached")
        self.assertEqual(len(breached), count)
        return tickets, queries

    def test_queries_per_breach_bounded(self):
        self.env["support.ticket"].search([]).sla_line_ids.filtered(
            lambda ln: ln.state == "running"
        ).write({"state": "cancelled"})
        _few, few = self._watch_queries(5)
        tickets, many = self._watch_queries(20)
        per_breach = (many - few) / 15
        self.assertLessEqual(per_breach, 4, f"{few} / {many} queries for 5 / 20")
        # every breach told once: note, activity, queued email
        for ticket in tickets:
            notes = ticket.message_ids.filtered(
                lambda m: "SLA breached" in (m.body or "")
            )
            self.assertEqual(len(notes), 1)
            self.assertEqual(len(ticket.activity_ids), 1)
        mails = self.env["mail.mail"].search(
            [("model", "=", "support.ticket"), ("res_id", "in", tickets.ids)]
        )
        breach_mails = mails.filtered(lambda m: m.subject.startswith("SLA breached"))
        self.assertEqual(len(breach_mails), 20)
        self.assertTrue(all(m.state == "outgoing" for m in breach_mails))

    def test_watcher_query_count(self):
        """A regression fails here: 20 breaches, all told, in at most 4
        queries per breach, fixed costs included (58 when written)."""
        self.env["support.ticket"].search([]).sla_line_ids.filtered(
            lambda ln: ln.state == "running"
        ).write({"state": "cancelled"})
        self._due_tickets(20)
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(DUE), self.assertQueryCount(20 * 4):
            self.Line._cron_watch()
            self.env.flush_all()
