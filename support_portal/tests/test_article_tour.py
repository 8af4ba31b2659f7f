from odoo.tests import tagged

from .common import SupportPortalCase


@tagged("post_install", "-at_install")
class TestSupportArticleTour(SupportPortalCase):
    """Headless Chromium: the new-ticket form suggests an article while the
    subject is typed; "This answered my question" opens no ticket."""

    def test_suggestion_answers_the_question(self):
        article = self.env["support.article"].create(
            {
                "title": "TOUR-KB Archive price lists",
                "body": "<p>Archive them from the price list view.</p>",
                "is_published": True,
            }
        )
        before = self.env["support.ticket"].search_count([])
        self.start_tour(
            "/my/tickets/new", "support_portal_article_tour", login=self.owner.login
        )
        self.assertEqual(self.env["support.ticket"].search_count([]), before)
        log = self.env["support.article.log"].search(
            [("article_id", "=", article.id), ("kind", "=", "deflection")]
        )
        self.assertEqual(log.partner_id, self.owner.partner_id)
        self.assertEqual(log.subject, "How to archive old price lists")
