from markupsafe import Markup

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestSupportArticle(SupportTicketCommon):
    """The knowledge base from the agent's side: sharing a resolved ticket's
    answer, linking articles in replies, what the body keeps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Article = cls.env["support.article"]
        cls.published = cls.Article.create(
            {
                "title": "Archive price lists (test)",
                "body": "<p>Open the price lists and archive them.</p>",
                "is_published": True,
            }
        )
        cls.draft = cls.Article.create(
            {"title": "Draft answer (test)", "body": "<p>Not reviewed yet.</p>"}
        )
        cls.other_plan_article = cls.Article.create(
            {
                "title": "Basic plan only (test)",
                "audience": "plans",
                "plan_ids": [Command.set(cls.plan_basic.ids)],
                "is_published": True,
            }
        )

    def _agent_reply(self, ticket, body):
        return ticket.with_user(self.agent).message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    # ------------------------------------------------------------ share
    def test_share_the_solution_makes_a_draft_from_the_public_answer(self):
        ticket = self._ticket(
            scope_item_id=self.env.ref("support_contract.scope_standard_question").id
        )
        self._agent_reply(ticket, Markup("<p>Archive them from the list.</p>"))
        ticket.message_post(
            body="Thanks!",
            author_id=self.contact.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.with_user(self.agent).message_post(body="Internal note")
        ticket.stage_id = self.stage_resolved
        action = ticket.with_user(self.agent).action_share_solution()
        article = self.Article.browse(action["res_id"])
        self.assertEqual(article.title, ticket.name)
        self.assertIn("Archive them from the list.", article.body)
        self.assertNotIn("Thanks", article.body)
        self.assertFalse(article.is_published)
        self.assertEqual(article.ticket_id, ticket)
        self.assertEqual(article.scope_item_ids, ticket.scope_item_id)
        self.assertEqual(ticket.article_count, 1)
        # a second click opens the same draft
        again = ticket.with_user(self.agent).action_share_solution()
        self.assertEqual(again["res_id"], article.id)

    def test_share_the_solution_refused(self):
        ticket = self._ticket()
        self._agent_reply(ticket, "An answer")
        with self.assertRefused(UserError, "Resolve the ticket"):
            ticket.with_user(self.agent).action_share_solution()
        silent = self._ticket(stage_id=self.stage_resolved.id)
        with self.assertRefused(UserError, "no public answer"):
            silent.with_user(self.agent).action_share_solution()
        with self.assertRaises(AccessError):
            ticket.with_user(self.internal).action_share_solution()
        self.assertFalse(
            self.Article.search([("ticket_id", "in", (ticket | silent).ids)])
        )

    # ------------------------------------------------------------ links
    def test_insert_a_published_article(self):
        ticket = self._ticket()
        wizard = (
            self.env["support.article.insert"]
            .with_user(self.agent)
            .create({"ticket_id": ticket.id, "article_id": self.published.id})
        )
        wizard.action_post()
        message = ticket.message_ids[0]
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(f"/my/support/articles/{self.published.id}", message.body)
        self.assertIn("Archive price lists (test)", message.body)

    def test_unpublished_article_link_refused(self):
        ticket = self._ticket()
        count = len(ticket.message_ids)
        wizard = (
            self.env["support.article.insert"]
            .with_user(self.agent)
            .create({"ticket_id": ticket.id, "article_id": self.draft.id})
        )
        with self.assertRefused(UserError, "Draft answer \\(test\\).*Publish it"):
            wizard.action_post()
        # pasted by hand in a reply: refused too; in an internal note: fine
        body = Markup('<p>See <a href="/my/support/articles/%s">this</a></p>')
        with self.assertRefused(UserError, "cannot read"):
            self._agent_reply(ticket, body % self.draft.id)
        with self.assertRefused(UserError, "Basic plan only"):
            self._agent_reply(ticket, body % self.other_plan_article.id)
        with self.assertRefused(UserError, "cannot read"):
            self._agent_reply(ticket, body % 987654321)
        self.assertEqual(len(ticket.message_ids), count)
        ticket.with_user(self.agent).message_post(body=body % self.draft.id)
        self._agent_reply(ticket, body % self.published.id)
        self.assertEqual(len(ticket.message_ids), count + 2)

    # ------------------------------------------------------------ content
    def test_body_is_sanitized_and_keeps_images_and_video_links(self):
        article = self.Article.create(
            {
                "title": "Video (test)",
                "body": '<p>Watch <a href="https://videos.example.com/a.mp4">the '
                'video</a><img src="/web/image/1"/></p><script>alert(1)</script>'
                '<p onclick="alert(2)">x</p>',
            }
        )
        self.assertIn('href="https://videos.example.com/a.mp4"', article.body)
        self.assertIn("<img", article.body)
        self.assertNotIn("script", article.body)
        self.assertNotIn("onclick", article.body)

    def test_audience_of_chosen_plans_needs_plans(self):
        with self.assertRefused(ValidationError, "Choose the plans"):
            self.Article.create({"title": "No plan (test)", "audience": "plans"})

    def test_translations(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.published.with_context(lang="fr_FR").title = "Archiver (test)"
        self.assertEqual(
            self.published.with_context(lang="en_US").title,
            "Archive price lists (test)",
        )
        self.assertEqual(
            self.published.with_context(lang="fr_FR").title, "Archiver (test)"
        )

    def test_publish_by_agents_only(self):
        self.draft.with_user(self.agent).action_publish()
        self.assertTrue(self.draft.is_published)
        self.assertTrue(self.draft.date_published)
        with self.assertRaises(AccessError):
            self.draft.with_user(self.internal).action_unpublish()
