from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SupportTicketCommon

MAIL = """Return-Path: <{email_from}>
To: {to}
Cc: {cc}
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Date: Mon, 23 Nov 2026 08:16:26 +0000
Message-ID: {msg_id}
{extra}

{body}
"""


@tagged("post_install", "-at_install")
class TestMailGateway(SupportTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "desk.test",
                "catchall_alias": "catchall",
                "bounce_alias": "bounce",
            }
        )
        cls.team.write(
            {"alias_name": "helpdesk", "alias_domain_id": cls.alias_domain.id}
        )
        cls.closed_team = cls.env["support.team"].create(
            {
                "name": "Known Customers Desk",
                "alias_name": "known",
                "alias_domain_id": cls.alias_domain.id,
                "alias_contact": "partners",
            }
        )
        cls.customer.write(
            {"email": "info@acme.test", "support_email_domains": "acme.test"}
        )

    def _process(self, email_from, subject, to="helpdesk@desk.test", cc="", **kw):
        msg_id = kw.pop("msg_id", f"<{subject.replace(' ', '.')}@client.test>")
        mail = MAIL.format(
            email_from=email_from,
            to=to,
            cc=cc,
            subject=subject,
            msg_id=msg_id,
            extra=kw.pop("extra", ""),
            body=kw.pop("body", "The invoice will not post."),
        )
        self.env["mail.thread"].sudo().message_process(None, mail)
        return self.Ticket.search([("name", "=", subject)])

    def test_new_ticket_from_known_contact(self):
        ticket = self._process("Alice Acme <alice@acme.test>", "Cannot post invoice")
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.channel, "email")
        self.assertEqual(ticket.contract_id, self.contract)
        self.assertFalse(ticket.unknown_customer)
        self.assertIn("will not post", ticket.description)
        self.assertIn(self.contact, ticket.message_partner_ids)
        first = ticket.message_ids[-1]
        self.assertEqual(first.author_id, self.contact)

    def test_unknown_sender_of_known_company_domain(self):
        ticket = self._process("Dora Acme <dora@acme.test>", "Printer config")
        self.assertEqual(ticket.partner_id.email, "dora@acme.test")
        self.assertEqual(ticket.partner_id.parent_id, self.customer)
        self.assertEqual(ticket.commercial_partner_id, self.customer)
        self.assertEqual(ticket.contract_id, self.contract)
        self.assertFalse(ticket.unknown_customer)
        self.assertTrue(ticket.warn_not_key_user)

    def test_unknown_sender_is_flagged(self):
        ticket = self._process("Eve <eve@gmail.com>", "Who are you")
        self.assertEqual(len(ticket), 1)
        self.assertTrue(ticket.unknown_customer)
        self.assertFalse(ticket.partner_id.parent_id)
        self.assertTrue(ticket.warn_no_contract)
        self.assertIn(ticket, self.Ticket.search([("unknown_customer", "=", True)]))

    def test_cc_become_followers(self):
        ticket = self._process(
            "Alice Acme <alice@acme.test>",
            "With colleagues",
            cc="Frank Acme <frank@acme.test>, helpdesk@desk.test",
        )
        followers = ticket.message_partner_ids
        self.assertIn("frank@acme.test", followers.mapped("email"))
        self.assertNotIn("helpdesk@desk.test", followers.mapped("email"))

    def test_reply_threads_and_moves_waiting_ticket(self):
        ticket = self._process("Alice Acme <alice@acme.test>", "Stock report slow")
        ticket.stage_id = self.stage_waiting
        message_id = ticket.message_ids[-1].message_id
        count = self.Ticket.search_count([])
        self._process(
            "Alice Acme <alice@acme.test>",
            "Re: Stock report slow",
            msg_id="<reply-1@client.test>",
            extra=f"In-Reply-To: {message_id}\nReferences: {message_id}",
            body="Here is the screenshot.",
            cc="Grace Acme <grace@acme.test>",
        )
        self.assertEqual(self.Ticket.search_count([]), count, "no new ticket")
        self.assertIn("screenshot", ticket.message_ids[0].body)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertIn("grace@acme.test", ticket.message_partner_ids.mapped("email"))

    def test_unknown_sender_bounced_by_known_customers_team(self):
        """Bad input: a team accepting only known customers bounces strangers
        and creates nothing."""
        count = self.Ticket.search_count([])
        partners = self.env["res.partner"].search_count([])
        self._process("Mallory <mallory@spam.test>", "Buy now", to="known@desk.test")
        self.assertEqual(self.Ticket.search_count([]), count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        bounce = self.env["mail.mail"].search(
            [("email_to", "ilike", "mallory@spam.test")]
        )
        self.assertTrue(bounce, "the sender gets a polite bounce")
        ticket = self._process(
            "Alice Acme <alice@acme.test>", "Known one", to="known@desk.test"
        )
        # the alias accepted the sender; the ticket goes to the team of the
        # sender's contract (issue 14), not to the alias's
        self.assertTrue(ticket)
        self.assertEqual(ticket.team_id, self.contract.team_id)

    # ------------------------------------------------------------ issue 11
    def test_listed_domain_matches_exactly_never_as_a_pattern(self):
        """Only the exact, case-insensitive domain a customer lists files the
        ticket on its contract; look-alikes are strangers."""
        ticket = self._process("Dora Acme <Dora@ACME.Test>", "Case of the domain")
        self.assertEqual(ticket.commercial_partner_id, self.customer)
        for index, sender in enumerate(
            (
                "mallory@evilacme.test",
                "mallory@acme.test.evil.example",
                "mallory@sub.acme.test",
                "mallory@acme_test",
                "mallory@a%e.test",
            )
        ):
            with self.subTest(sender=sender):
                ticket = self._process(sender, f"Look-alike {index}")
                self.assertEqual(len(ticket), 1)
                self.assertTrue(ticket.unknown_customer)
                self.assertFalse(ticket.partner_id.parent_id)
                self.assertFalse(ticket.contract_id)

    def test_company_address_alone_does_not_identify_a_customer(self):
        """Empty list: only known contacts' addresses are recognised."""
        self.other_customer.email = "office@globex.test"
        ticket = self._process("Betty <betty@globex.test>", "Who is Betty")
        self.assertTrue(ticket.unknown_customer)
        self.assertFalse(ticket.contract_id)
        ticket = self._process(self.other_contact.email, "Known Globex contact")
        self.assertEqual(ticket.partner_id, self.other_contact)
        self.assertFalse(ticket.unknown_customer)

    def test_team_policy_bounce_or_stand_alone_contact(self):
        self.team.unknown_sender_policy = "bounce"
        tickets = self.Ticket.search_count([])
        partners = self.env["res.partner"].search_count([])
        self._process("Mallory <mallory@spam.test>", "Unknown to bounce")
        self.assertEqual(self.Ticket.search_count([]), tickets)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertTrue(
            self.env["mail.mail"].search([("email_to", "ilike", "mallory@spam.test")])
        )
        ticket = self._process("Dora Acme <dora@acme.test>", "Listed domain passes")
        self.assertEqual(ticket.contract_id, self.contract)
        self.team.unknown_sender_policy = "contact"
        ticket = self._process("Mallory <mallory@spam.test>", "Unknown kept")
        self.assertTrue(ticket.unknown_customer)
        self.assertFalse(ticket.partner_id.parent_id)
        self.assertFalse(ticket.contract_id)

    def test_domain_list_is_validated(self):
        self.customer.support_email_domains = "Acme.test, @acme.fr;acme.de"
        self.assertEqual(
            self.env["res.partner"]._support_company_of_domains(["acme.fr"]),
            self.customer,
        )
        for value, pattern in (
            ("acme.test, not a domain!", "cannot identify"),
            ("gmail.com", "cannot identify"),
            ("%.test", "cannot identify"),
        ):
            with (
                self.subTest(value=value),
                self.assertRefused(ValidationError, pattern),
            ):
                self.other_customer.support_email_domains = value
        with self.assertRefused(ValidationError, "already identifies"):
            self.other_customer.support_email_domains = "ACME.de"
