from odoo.tests import tagged

from .common import SupportPortalCase

PHONE = "+33 1 99 99 00 00"


@tagged("post_install", "-at_install")
class TestSupportPortalCustomerDetails(SupportPortalCase):
    """Issue 16: the details a customer looks for on the portal."""

    def test_emergency_line(self):
        """The company's emergency line: on the support home and on critical
        tickets only."""
        self.contract.company_id.support_emergency_phone = PHONE
        self.login(self.owner)
        home = self.get("/my/support").text
        self.assertIn("o_support_emergency", home)
        self.assertIn(f'href="tel:{PHONE}"', home)
        page = self.get(f"/my/tickets/{self.ticket_owner.id}").text
        self.assertNotIn("o_support_emergency", page, "not on a normal ticket")
        self.ticket_owner.sudo().write(
            {"priority": "3", "priority_override_reason": "Test"}
        )
        page = self.get(f"/my/tickets/{self.ticket_owner.id}").text
        self.assertIn("o_support_emergency", page)
        self.assertIn(PHONE, page)

    def test_no_emergency_line(self):
        """Without a number, no empty box."""
        self.contract.company_id.support_emergency_phone = False
        self.ticket_owner.sudo().write(
            {"priority": "3", "priority_override_reason": "Test"}
        )
        self.login(self.owner)
        self.assertNotIn("o_support_emergency", self.get("/my/support").text)
        page = self.get(f"/my/tickets/{self.ticket_owner.id}").text
        self.assertNotIn("o_support_emergency", page)

    def test_times_with_time_zone(self):
        """The ticket page names the time zone of its times."""
        self.owner.tz = "Europe/Paris"
        self.login(self.owner)
        page = self.get(f"/my/tickets/{self.ticket_owner.id}").text
        self.assertRegex(page, r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}(?: [AP]M)? CES?T<")
