from odoo.tests import tagged

from .common import SupportPortalCase


@tagged("post_install", "-at_install")
class TestSupportPortalTour(SupportPortalCase):
    """Headless Chromium: what a key user and a plain contact do and see."""

    def test_key_user_tour(self):
        """A key user opens a ticket and sees its priority computed, answers
        a ticket waiting on them and rates a resolved one."""
        self.item_included.name = "TOUR-INCLUDED questions"
        waiting = self._ticket(
            "TOUR-WAITING need the log", self.owner, stage_id=self.stage_waiting.id
        )
        resolved = self._ticket(
            "TOUR-RESOLVED fixed", self.owner, stage_id=self.stage_resolved.id
        )
        before = self.env["support.ticket"].search_count([])
        self.start_tour(
            "/my/tickets/new", "support_portal_key_user_tour", login=self.owner.login
        )
        self.assertEqual(self.env["support.ticket"].search_count([]), before + 1)
        new = self.env["support.ticket"].search([("name", "like", "TOUR-NEW")])
        self.assertEqual(new.priority, "3")
        self.assertEqual(new.partner_id, self.owner.partner_id)
        self.assertFalse(waiting.is_waiting_customer)
        rating = resolved.sudo().rating_ids.filtered("consumed")
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.partner_id, self.owner.partner_id)

    def test_non_key_user_tour(self):
        self.start_tour(
            "/my/tickets?filterby=all",
            "support_portal_non_key_user_tour",
            login=self.nonkey.login,
        )

    def test_phone_list_tour(self):
        """A phone-sized screen: whole statuses, a visible "Open a ticket"."""
        self.browser_size = "375x667"
        self.start_tour(
            "/my/tickets?filterby=all",
            "support_portal_phone_list_tour",
            login=self.owner.login,
        )
