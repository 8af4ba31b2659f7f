from datetime import datetime
from unittest.mock import patch

from odoo.tests import tagged

from .common import SupportPortalCase


@tagged("post_install", "-at_install")
class TestSupportPortalSlaHours(SupportPortalCase):
    """L1/L5 clocks on the ticket page, B2/B3 hours on the hours page."""

    def test_sla_clocks_on_ticket_page(self):
        """The clocks support_sla gives are shown with their pauses and reasons."""
        clocks = [
            {
                "label": "First response CLOCK-RESPONSE",
                "state": "met",
                "state_label": "Met",
                "deadline": datetime(2026, 3, 2, 9, 0),
                "date_reached": datetime(2026, 3, 2, 8, 30),
                "time_left": "",
                "at_risk": False,
                "pauses": [],
            },
            {
                "label": "Resolution CLOCK-RESOLUTION",
                "state": "running",
                "state_label": "On track",
                "deadline": datetime(2026, 3, 9, 16, 0),
                "date_reached": False,
                "time_left": "51 h 15 min",
                "at_risk": True,
                "pauses": [
                    {
                        "date_start": datetime(2026, 3, 3, 10, 0),
                        "date_end": datetime(2026, 3, 4, 11, 0),
                        "reason": "PAUSE-REASON waiting on the customer",
                    }
                ],
            },
        ]
        Ticket = type(self.env["support.ticket"])
        with patch.object(
            Ticket, "_get_sla_portal_clocks", lambda self: clocks, create=True
        ):
            self.login(self.owner)
            page = self.get(f"/my/tickets/{self.ticket_owner.id}").text
        self.assertIn("CLOCK-RESPONSE", page)
        self.assertIn("CLOCK-RESOLUTION", page)
        self.assertIn("51 h 15 min", page)
        self.assertIn("PAUSE-REASON waiting on the customer", page)
        # a warned running clock is shown at risk
        self.assertIn("text-bg-warning", page[page.index("CLOCK-RESOLUTION") :])

    def test_ticket_without_clock(self):
        Ticket = type(self.env["support.ticket"])
        with patch.object(
            Ticket, "_get_sla_portal_clocks", lambda self: [], create=True
        ):
            self.login(self.owner)
            page = self.get(f"/my/tickets/{self.ticket_owner.id}").text
        self.assertIn("No service-level target applies", page)

    def test_hours_statement(self):
        """P2: the company's contacts see the balance and the statement;
        another customer sees neither."""
        Ledger = self.env["support.hours.ledger"]
        Ledger.create(
            [
                {
                    "name": "LEDGER-CREDIT reserved hours",
                    "contract_id": self.contract.id,
                    "date": "2026-02-01",
                    "entry_type": "credit",
                    "source": "reserved",
                    "hours": 10,
                },
                {
                    "name": "LEDGER-DEBIT request",
                    "contract_id": self.contract.id,
                    "date": "2026-02-10",
                    "entry_type": "debit",
                    "source": "ticket",
                    "ticket_id": self.ticket_owner.id,
                    "hours": 2.5,
                },
            ]
        )
        self.contract.invalidate_recordset()
        self.assertAlmostEqual(self.contract.hours_balance, 7.5)
        for user in (self.owner, self.nonkey):
            with self.subTest(user=user.login):
                self.login(user)
                page = self.get("/my/support/hours").text
                self.assertIn("LEDGER-CREDIT", page)
                # the owner's request: named to its owner only (issue 11)
                if user == self.owner:
                    self.assertIn("LEDGER-DEBIT", page)
                    # the line links to the ticket its user may open (issue 16)
                    ticket_id = self.ticket_owner.id
                    link = f'o_support_ledger_ticket" href="/my/tickets/{ticket_id}"'
                    self.assertIn(link, page)
                else:
                    self.assertNotIn("LEDGER-DEBIT", page)
                    self.assertIn("Another request of your company", page)
                    self.assertNotIn("o_support_ledger_ticket", page)
                self.assertIn("7 h 30 min", page)
                home = self.get("/my/support").text
                self.assertIn("7 h 30 min", home)
                self.assertNotIn("07:30", home)
        self.login(self.other_customer)
        page = self.get("/my/support/hours").text
        self.assertNotIn("LEDGER-CREDIT", page)
        self.assertNotIn("7 h 30 min", page)


@tagged("post_install", "-at_install")
class TestSupportPortalSlaIntegration(SupportPortalCase):
    """With support_sla's real clocks (L1, L5)."""

    def test_real_clocks_and_alerts(self):
        ticket = self.ticket_owner
        lines = ticket.sudo().sla_line_ids.filtered(lambda ln: ln.state != "cancelled")
        self.login(self.owner)
        page = self.get(f"/my/tickets/{ticket.id}").text
        self.assertEqual(
            set(lines.mapped("target_type")),
            {"assignment", "response", "resolution"},
            "the plan has a response SLA: the ticket has its clocks",
        )
        for line in lines:
            self.assertIn(line.name, page)
        # a breached clock puts the ticket in the support home's alerts
        lines[:1].sudo().write({"state": "breached"})
        ticket.invalidate_recordset()
        self.assertEqual(ticket.sla_state, "breached")
        home = self.get("/my/support").text
        self.assertIn("past or close to their deadline", home)
        alerts = home[home.index("past or close to their deadline") :]
        self.assertIn("SECRET-OWNER", alerts)
        self.login(self.other_customer)
        home = self.get("/my/support").text
        self.assertNotIn("SECRET-OWNER", home)

    def test_real_pause_with_reason(self):
        """L5: waiting on the customer pauses the clock; the page says why."""
        ticket = self.ticket_owner
        ticket.stage_id = self.stage_waiting
        pauses = ticket.sudo().sla_pause_ids
        # one open pause per running clock of the ticket
        self.assertEqual(pauses.sla_id.ticket_id, ticket)
        self.assertEqual(len(pauses), len(pauses.sla_id))
        self.assertEqual(set(pauses.mapped("date_end")), {False})
        self.login(self.owner)
        page = self.get(f"/my/tickets/{ticket.id}").text
        self.assertIn("Paused from", page)
        self.assertIn(pauses[0].reason_label, page)
        self.assertIn("o_support_waiting_banner", page)


@tagged("post_install", "-at_install")
class TestSupportPortalInvoices(SupportPortalCase):
    """Hours page: the key users, who act for the company (C6), get the links
    to the invoices of the contract; the other contacts see the statement
    only."""

    def test_invoice_links_for_key_users(self):
        contract = self.contract
        pack = self.env["support.hours.pack"].create(
            {"name": "Pack 25 (test)", "hours": 25, "price": 2500}
        )
        move = contract._buy_pack(pack).move_id
        move.action_post()
        self.assertEqual(move.state, "posted")
        self.login(self.key_user)
        page = self.get("/my/support/hours").text
        self.assertIn("o_support_invoices", page)
        self.assertIn(f"/my/invoices/{move.id}?access_token=", page)
        self.login(self.nonkey)
        page = self.get("/my/support/hours").text
        self.assertNotIn(f"/my/invoices/{move.id}", page)
        self.assertIn("25 h", page)
        self.assertNotIn("25:00", page)
        self.login(self.other_customer)
        page = self.get("/my/support/hours").text
        self.assertNotIn(f"/my/invoices/{move.id}", page)
