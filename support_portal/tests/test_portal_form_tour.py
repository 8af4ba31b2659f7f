from odoo.tests import tagged

from .common import SupportPortalCase


@tagged("post_install", "-at_install")
class TestSupportPortalFormTour(SupportPortalCase):
    """Headless Chromium: the new-ticket flow, refused then sent, on a
    desktop and on a phone-sized screen."""

    def _run_form_tour(self):
        before = self.env["support.ticket"].search_count([])
        self.start_tour(
            "/my/tickets/new", "support_portal_new_ticket_tour", login=self.owner.login
        )
        self.assertEqual(self.env["support.ticket"].search_count([]), before + 1)
        ticket = self.env["support.ticket"].search([("name", "like", "TOUR-FORM")])
        self.assertEqual(ticket.partner_id, self.owner.partner_id)
        self.assertIn("&lt;form&gt;", ticket.description)

    def test_new_ticket_tour_desktop(self):
        self._run_form_tour()

    def test_new_ticket_tour_phone(self):
        self.browser_size = "375x667"
        self._run_form_tour()
