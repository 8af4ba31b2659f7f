from odoo.tests import HttpCase, tagged

from .common import SupportBillingCommon


@tagged("post_install", "-at_install")
class TestTimerUi(HttpCase, SupportBillingCommon):
    def test_timer_tour(self):
        """An agent starts the timer: a clock runs in a one-line banner;
        stopping asks what was done and shows the rounded duration."""
        ticket = self._ticket(name="Tour: timer on a stock report")
        self.start_tour(
            f"/odoo/support.ticket/{ticket.id}",
            "support_billing_timer_tour",
            login=self.agent.login,
        )
        self.assertFalse(ticket.timer_start)
        self.assertEqual(
            ticket.timesheet_ids.mapped("name"), ["Fixed the report filter"]
        )
        self.assertAlmostEqual(ticket.timesheet_ids.unit_amount, 1 / 60, places=4)
