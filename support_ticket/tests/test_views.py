from lxml import etree

from odoo.tests import Form, tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestViews(SupportTicketCommon):
    def test_agent_loads_every_ticket_view(self):
        views = self.Ticket.with_user(self.agent).get_views(
            [
                (False, view_type)
                for view_type in (
                    "list",
                    "kanban",
                    "form",
                    "search",
                    "activity",
                    "pivot",
                    "graph",
                )
            ]
        )
        self.assertEqual(
            set(views["views"]),
            {"list", "kanban", "form", "search", "activity", "pivot", "graph"},
        )

    def test_dashboard_and_smart_buttons(self):
        ticket = self._ticket(business_critical="production_down")
        self._ticket(partner_id=self.contact.id)
        self.team.invalidate_recordset()
        team = self.team.with_user(self.agent)
        self.assertEqual(team.open_ticket_count, 2)
        self.assertEqual(team.triage_ticket_count, 2)
        self.assertEqual(team.unassigned_ticket_count, 2)
        self.assertEqual(team.critical_ticket_count, 1)
        action = team.action_critical_tickets()
        self.assertEqual(self.Ticket.search(action["domain"]), ticket)
        self.assertEqual(ticket.customer_ticket_count, 2)
        self.assertEqual(self.contract.ticket_count, 2)
        self.assertEqual(self.contact.support_ticket_count, 2)
        action = self.contract.action_view_tickets()
        self.assertEqual(len(self.Ticket.search(action["domain"])), 2)
        self.assertEqual(ticket.action_open_contract()["res_id"], self.contract.id)

    def test_start_button_reads_a_ticket_field(self):
        """The Start button's condition reads fields of the ticket the web
        client has (no ``stage_id.is_in_progress``): it shows from New and
        Waiting on Customer, not In Progress."""
        arch = self.Ticket.with_user(self.agent).get_views([(False, "form")])
        arch = arch["views"]["form"]["arch"]
        start = etree.fromstring(arch).xpath(
            "//header/button[@name='action_set_in_progress']"
        )[0]
        self.assertEqual(
            start.get("invisible"), "is_closed or is_resolved or is_in_progress"
        )
        self.assertTrue(etree.fromstring(arch).xpath("//field[@name='is_in_progress']"))
        ticket = self._ticket()
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.is_in_progress)
        ticket.with_user(self.agent).action_set_in_progress()
        self.assertTrue(ticket.is_in_progress)
        ticket.with_user(self.agent).action_wait_customer()
        self.assertFalse(ticket.is_in_progress)
        with Form(ticket.with_user(self.agent)) as form:
            self.assertFalse(form.is_in_progress)

    def test_overridden_priority_stays_readable(self):
        """The priority value sits next to its "overridden" badge in a
        wrapping row of its own width (an ``o_row`` squeezed it under)."""
        arch = self.Ticket.get_views([(False, "form")])["views"]["form"]["arch"]
        box = etree.fromstring(arch).xpath("//div[@name='priority_box']")[0]
        self.assertNotIn("o_row", box.get("class"))
        self.assertIn("flex-wrap", box.get("class"))
        children = [child.get("name") or child.get("class") for child in box]
        self.assertEqual(children[:2], ["priority", "badge text-bg-warning"])
        self.assertIn("flex-shrink-0", box[0].get("class"))

    def test_form_flow_of_an_agent(self):
        """An agent logs a phone call: contract and priority fill themselves."""
        with Form(self.Ticket.with_user(self.agent)) as form:
            form.name = "Month-end closing blocked"
            form.partner_id = self.contact
            self.assertEqual(form.contract_id, self.contract)
            form.business_critical = "tax_closing"
            form.impact = "multiple"
            form.urgency = "high"
            self.assertEqual(form.priority, "2")
        ticket = form.save()
        self.assertEqual(ticket.team_id, self.team, "the agent's team by default")
        self.assertEqual(ticket.channel, "phone")
        self.assertTrue(ticket.is_business_critical)
        self.assertTrue(ticket.number)
