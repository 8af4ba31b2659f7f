"""Issue 15: a logged emergency call meets the first response and logs its
time; the rating request is sent once per ticket; the same-day assignment
goal defaults to 90 %."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.support_sla.tests.common import SupportSlaCommon


@tagged("post_install", "-at_install")
class TestSupportChannels(SupportSlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create(
            {
                "name": cls.agent.name,
                "user_id": cls.agent.id,
                "company_id": cls.env.company.id,
            }
        )
        cls.Wizard = cls.env["support.call.log.wizard"].with_user(cls.agent)

    def _call(self, **vals):
        values = {
            "contract_id": self.contract.id,
            "caller_id": self.contact.id,
            "phone": "+33 1 23 45 67 89",
            "channel": "emergency",
            "duration": 0.25,
            "summary": "Production down: nobody can log in",
            "answered": True,
            "impact": "system",
            "urgency": "high",
        }
        values.update(vals)
        action = self.Wizard.create(values).action_log()
        return self.env["support.ticket"].browse(action["res_id"])

    # ------------------------------------------------------------ phone
    def test_logged_emergency_call_meets_first_response(self):
        """T1/L2: an answered call on the emergency line opens a critical
        ticket whose first response is met by the call; its 15 minutes are a
        time entry of the ticket."""
        ticket = self._call()
        self.assertEqual(ticket.channel, "emergency")
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(ticket.contract_id, self.contract)
        self.assertTrue(ticket.date_first_response)
        response = self._line(ticket, "response")
        self.assertEqual(response.policy_id, self.policy_critical_emergency)
        self.assertEqual(response.state, "met")
        self.assertEqual(ticket.timesheet_ids.unit_amount, 0.25)
        self.assertEqual(ticket.timesheet_ids.user_id, self.agent)
        self.assertIn("Phone call", ticket.timesheet_ids.name)
        note = ticket.message_ids.filtered(lambda m: "+33 1 23 45 67 89" in m.body)
        self.assertEqual(len(note), 1)
        self.assertTrue(note.is_internal or note.subtype_id.internal)

    def test_unanswered_call_on_a_ticket_is_logged_without_response(self):
        ticket = self._ticket(urgency="high", impact="system", channel="email")
        action = self.Wizard.create(
            {
                "ticket_id": ticket.id,
                "channel": "phone",
                "duration": 0.1,
                "summary": "Voicemail left: please call back",
                "answered": False,
            }
        ).action_log()
        self.assertEqual(action["res_id"], ticket.id)
        self.assertFalse(ticket.date_first_response)
        self.assertEqual(self._line(ticket, "response").state, "running")
        self.assertAlmostEqual(ticket.timesheet_ids.unit_amount, 0.1)
        self.assertEqual(ticket.channel, "email", "the intake channel is kept")

    def test_negative_duration_is_refused(self):
        tickets = self.env["support.ticket"].search_count([])
        with self.assertRaises(ValidationError):
            self._call(duration=-0.5)
        self.assertEqual(self.env["support.ticket"].search_count([]), tickets)

    # ------------------------------------------------------------ rating (t7)
    def _rating_requests(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: m.subject and "How did we handle" in m.subject
        )

    def test_rating_request_sent_once_per_ticket(self):
        ticket = self._ticket(user_id=self.agent.id)
        ticket.stage_id = self.stage_resolved
        self.assertTrue(ticket.rating_request_sent)
        request = self._rating_requests(ticket)
        self.assertEqual(len(request), 1)
        self.assertIn(self.contact, request.partner_ids)
        rating = ticket.rating_ids
        self.assertEqual(len(rating), 1)
        self.assertIn(f"/rate/{rating.access_token}/5", request.body)
        # reopened and resolved again: no second request
        ticket.stage_id = self.stage_progress
        ticket.stage_id = self.stage_resolved
        ticket.stage_id = self.stage_closed
        self.assertEqual(len(self._rating_requests(ticket)), 1)
        self.assertEqual(len(ticket.rating_ids), 1)
        # a copy is a new ticket: it will be asked on its own resolution
        self.assertFalse(ticket.copy().rating_request_sent)

    def test_no_rating_request_without_an_agent(self):
        """An alert resolved by the monitoring system alone is not rated."""
        ticket = self._ticket(channel="monitoring")
        ticket.stage_id = self.stage_resolved
        self.assertFalse(self._rating_requests(ticket))

    # ------------------------------------------------------------ goal (l3)
    def test_same_day_goal_defaults_to_90(self):
        company = self.env["res.company"].create({"name": "New Provider"})
        self.assertEqual(company.support_goal_same_day, 90.0)
