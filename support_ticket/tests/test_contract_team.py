from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestContractTeam(SupportTicketCommon):
    """Issue 14: a contract names its team; every channel routes the ticket
    there, to that team's assignment method."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dedicated = cls.env["support.team"].create(
            {
                "name": "Acme Dedicated",
                "member_ids": [Command.set(cls.agent2.ids)],
                "assignment_method": "round_robin",
                "alias_name": "acme-dedicated-test",
            }
        )
        cls.contract.team_id = cls.dedicated

    def _assert_routed(self, ticket):
        self.assertEqual(ticket.team_id, self.dedicated)
        self.assertEqual(ticket.user_id, self.agent2, "the team's method assigns")

    def test_portal_and_creation_without_team(self):
        ticket = self.Ticket.create(
            {"name": "Portal request", "partner_id": self.contact.id}
        )
        self._assert_routed(ticket)

    def test_email_through_another_team_alias(self):
        ticket = self.Ticket.message_new(
            {
                "email_from": "Alice Acme <alice@acme.test>",
                "author_id": self.contact.id,
                "subject": "Invoice stuck",
                "body": "<p>Help</p>",
            },
            custom_values={"team_id": self.other_team.id},
        )
        self.assertEqual(ticket.channel, "email")
        self._assert_routed(ticket)

    def test_monitoring(self):
        ticket = self.Ticket.create(
            {
                "name": "Disk full",
                "partner_id": self.contact.id,
                "channel": "monitoring",
                "team_id": self.other_team.id,
            }
        )
        self._assert_routed(ticket)

    def test_phone_and_emergency_line_propose_the_contract_team(self):
        for channel in ("phone", "emergency"):
            form = Form(self.Ticket.with_user(self.agent2))
            form.name = f"Call on the {channel} line"
            form.partner_id = self.contact
            form.channel = channel
            self.assertEqual(form.contract_id, self.contract)
            self.assertEqual(form.team_id, self.dedicated)
            ticket = form.save()
            self.assertEqual(ticket.team_id, self.dedicated, channel)

    def test_team_named_by_an_agent_is_kept(self):
        ticket = self._ticket(channel="phone", team_id=self.team.id)
        self.assertEqual(ticket.team_id, self.team)

    def test_contract_without_team_keeps_the_channel_team(self):
        self.other_contract.team_id = False
        ticket = self._ticket(partner_id=self.other_contact.id, channel="email")
        self.assertEqual(ticket.team_id, self.team)

    def test_change_of_team_moves_open_tickets_with_a_note(self):
        open_ticket = self._ticket(user_id=self.agent2.id, team_id=self.dedicated.id)
        resolved = self._ticket(team_id=self.dedicated.id)
        resolved.stage_id = self.stage_resolved
        self.assertEqual(open_ticket.team_id, self.dedicated)
        self.contract.with_user(self.manager).team_id = self.team
        self.assertEqual(open_ticket.team_id, self.team)
        self.assertEqual(resolved.team_id, self.dedicated, "resolved ones stay")
        note = open_ticket.message_ids.filtered(
            lambda m: "Moved to team Test Desk" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id == self.env.ref("mail.mt_note"))
        self.assertEqual(open_ticket.user_id, self.agent2, "a member keeps it")
        self.contract.team_id = self.other_team
        self.assertEqual(open_ticket.team_id, self.other_team)
        self.assertFalse(open_ticket.user_id, "an outsider hands it over")

    def test_dedicated_team_required_by_the_plan(self):
        self.plan_light.dedicated_team = True
        with self.assertRefused(ValidationError, "dedicated support team"):
            self.contract.team_id = False
        contract = self._contract(partner_id=self.other_customer.id)
        self.assertTrue(contract.team_id, "the company's first team by default")
