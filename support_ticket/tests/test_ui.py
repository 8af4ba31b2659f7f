from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestTicketUi(HttpCase):
    def test_agent_tour(self):
        """The agent's day in the web client: kanban, form, take, override."""
        agent = mail_new_test_user(
            self.env,
            login="tour_agent",
            name="Tour Agent",
            groups="base.group_user,support_contract.group_support_agent",
        )
        team = self.env["support.team"].create(
            {"name": "Tour Desk", "member_ids": [(6, 0, agent.ids)]}
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True}
        )
        ticket = self.env["support.ticket"].create(
            {
                "name": "Tour: stock report slow",
                "partner_id": customer.id,
                "team_id": team.id,
                "impact": "single",
                "urgency": "low",
            }
        )
        self.start_tour(
            "/odoo/support-tickets?view_type=kanban",
            "support_ticket_tour",
            login="tour_agent",
        )
        self.assertEqual(ticket.user_id, agent)
        self.assertTrue(ticket.priority_overridden)
        self.assertEqual(ticket.priority, "2")
        self.assertIn("CFO", ticket.priority_override_reason)
