from datetime import date, timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from .common import SupportPortalCase

# issue 13: queries of a page, warm (caches filled by two earlier requests),
# as a portal user; the same whatever the number of rows the page shows
TICKET_PAGE_MAX = 12
LIST_MAX = 15
# the home's goal was 15 (13 measured); the blocks added since, "your support
# team" (its members' names and photos), the environments and patch-window
# links and the knowledge base, cost 7 more: still constant, to bring back
HOME_MAX = 20
# pages without a goal of their own: they stay constant, and below these
HOURS_MAX = 16
CONTRACT_MAX = 15
STATEMENTS_MAX = 10


@tagged("post_install", "-at_install")
class TestSupportPortalQueries(SupportPortalCase):
    """The pages cost the same number of queries whatever the volume."""

    def _queries(self, url):
        self.env.flush_all()
        start = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - start

    def _page_queries(self, url, limit):
        """The queries of ``url`` once warm, at most ``limit``."""
        for _warmup in range(2):
            self._queries(url)
        with self.assertQueryCount(limit):
            count = self._queries(url)
        return count

    def _bulk_tickets(self, count):
        Ticket = self.env["support.ticket"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        Ticket.create(
            [
                {
                    "name": f"Bulk ticket {i}",
                    "partner_id": self.owner.partner_id.id
                    if i % 2
                    else self.key_user.partner_id.id,
                    "impact": ("system", "multiple", "single")[i % 3],
                    "urgency": ("high", "medium", "low")[i % 3],
                    "channel": "portal",
                }
                for i in range(count)
            ]
        )
        self.env.flush_all()

    def test_list_queries_10_vs_1000(self):
        self.login(self.key_user)
        url = "/my/tickets?filterby=all&sortby=priority"
        self._bulk_tickets(8)  # 10 visible tickets with the two of the setup
        with_10 = self._page_queries(url, LIST_MAX)
        self._bulk_tickets(990)
        self.assertEqual(self._page_queries(url, LIST_MAX), with_10)

    def test_list_grouped_queries_10_vs_1000(self):
        self.login(self.key_user)
        url = "/my/tickets?filterby=all&groupby=requester"
        self._bulk_tickets(8)
        with_10 = self._page_queries(url, LIST_MAX)
        self._bulk_tickets(990)
        self.assertEqual(self._page_queries(url, LIST_MAX), with_10)

    def test_home_queries_10_vs_1000(self):
        self.login(self.key_user)
        self._bulk_tickets(8)
        with_10 = self._page_queries("/my/support", HOME_MAX)
        self._bulk_tickets(990)
        self.assertEqual(self._page_queries("/my/support", HOME_MAX), with_10)

    def _files(self, ticket, names):
        return self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "raw": b"x",
                    "res_model": "support.ticket",
                    "res_id": ticket.id,
                }
                for name in names
            ]
        )

    def _clocks(self, ticket, count, first_cycle):
        """``count`` met clocks of earlier cycles, each paused once."""
        now = fields.Datetime.now()
        clocks = (
            self.env["support.ticket.sla"]
            .sudo()
            .create(
                [
                    {
                        "ticket_id": ticket.id,
                        "company_id": ticket.company_id.id,
                        "contract_id": ticket.contract_id.id,
                        "name": f"Clock {i}",
                        "target_type": "resolution",
                        "cycle": first_cycle + i,
                        "target_minutes": 240,
                        "date_start": now - timedelta(hours=3),
                        "date_reached": now - timedelta(hours=1),
                        "state": "met",
                    }
                    for i in range(count)
                ]
            )
        )
        self.env["support.ticket.sla.pause"].sudo().create(
            [
                {
                    "sla_id": clock.id,
                    "date_start": now - timedelta(hours=2),
                    "date_end": now - timedelta(hours=1, minutes=30),
                    "reason": "waiting_customer",
                }
                for clock in clocks
            ]
        )

    def test_page_queries_1_vs_200_messages(self):
        """As many queries for 1 as for 200 messages, files and clocks."""
        ticket = self.ticket_nonkey
        Message = self.env["mail.message"]
        comment = self.env.ref("mail.mt_comment")
        message_vals = {
            "model": "support.ticket",
            "res_id": ticket.id,
            "message_type": "comment",
            "subtype_id": comment.id,
            "author_id": self.nonkey.partner_id.id,
        }
        first_file = self._files(ticket, ["first.txt"])
        # one message with a file and one paused clock, so that both runs
        # read the same tables
        Message.create(
            dict(
                message_vals,
                body="<p>message 1</p>",
                attachment_ids=[Command.set(first_file.ids)],
                author_id=self.key_user.partner_id.id,
            )
        )
        self._clocks(ticket, 1, first_cycle=10)
        self.login(self.nonkey)
        url = f"/my/tickets/{ticket.id}"
        with_1 = self._page_queries(url, TICKET_PAGE_MAX)
        attachments = self._files(ticket, [f"file{i}.txt" for i in range(20)])
        Message.create(
            [
                dict(
                    message_vals,
                    body=f"<p>message {i}</p>",
                    attachment_ids=[Command.set(attachments[i % 20].ids)]
                    if i % 10 == 0
                    else [],
                    author_id=(self.nonkey if i % 2 else self.key_user).partner_id.id,
                )
                for i in range(199)
            ]
        )
        self._clocks(ticket, 199, first_cycle=11)
        self.assertEqual(self._page_queries(url, TICKET_PAGE_MAX), with_1)
        response = self.url_open(url)
        self.assertTrue("message 198" in response.text)
        self.assertTrue("file10.txt" in response.text)
        self.assertTrue("Clock 198" in response.text)

    def test_page_queries_of_a_key_user(self):
        """A key user opens a colleague's ticket (the rule's company branch)."""
        self.login(self.key_user)
        self._page_queries(f"/my/tickets/{self.ticket_owner.id}", TICKET_PAGE_MAX)

    def test_hours_queries_2_vs_200_lines(self):
        Ledger = self.env["support.hours.ledger"]

        def ledger_lines(count, start):
            Ledger.create(
                [
                    {
                        "name": f"Line {start + i}",
                        "contract_id": self.contract.id,
                        "date": date(2026, 2, 1) + timedelta(days=(start + i) % 27),
                        "entry_type": "debit" if i % 2 else "credit",
                        "source": "ticket" if i % 2 else "reserved",
                        "ticket_id": (
                            self.ticket_owner if i % 4 == 1 else self.ticket_nonkey
                        ).id
                        if i % 2
                        else False,
                        "hours": 0.5,
                    }
                    for i in range(count)
                ]
            )

        ledger_lines(2, 0)
        self.login(self.key_user)
        with_2 = self._page_queries("/my/support/hours", HOURS_MAX)
        ledger_lines(198, 2)
        self.assertEqual(self._page_queries("/my/support/hours", HOURS_MAX), with_2)

    def test_contract_queries_2_vs_20_key_users(self):
        self.login(self.key_user)
        with_2 = self._page_queries("/my/support/contract", CONTRACT_MAX)
        Partner = self.env["res.partner"]
        colleagues = Partner.create(
            [
                {"name": f"Colleague {i}", "parent_id": self.customer.id}
                for i in range(18)
            ]
        )
        self.contract.key_user_ids = [Command.link(p.id) for p in colleagues]
        count = self._page_queries("/my/support/contract", CONTRACT_MAX)
        self.assertEqual(count, with_2)

    def test_statements_queries_1_vs_6(self):
        Statement = self.env["support.service.statement"]
        Statement._generate(self.contract, date(2026, 1, 1))
        self.login(self.key_user)
        url = "/my/support/statements"
        with_1 = self._page_queries(url, STATEMENTS_MAX)
        for month in range(2, 7):
            Statement._generate(self.contract, date(2026, month, 1))
        self.assertEqual(self._page_queries(url, STATEMENTS_MAX), with_1)
