"""The knowledge base in the portal (issue 15, seed 004): who reads which
article (record rule, over the ORM, our pages and JSON-RPC), the knowledge
page and its search, the new-ticket form's suggestions and "This answered my
question", and the statement's counts."""

import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import SupportPortalCase

SUGGEST = "/my/support/articles/suggest"


@tagged("post_install", "-at_install")
class TestSupportArticlePortal(SupportPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["support.article"]
        cls.plan_other = cls.plan_basic
        cls.art_all = Article.create(
            {
                "title": "KB-ALL Archive price lists",
                "body": "<p>Open the price lists and archive them.</p>",
                "is_published": True,
                "scope_item_ids": [Command.set(cls.item_included.ids)],
            }
        )
        cls.art_plan = Article.create(
            {
                "title": "KB-PLAN Repair the invoice sequence",
                "body": "<p>Resequence the journal on a copy.</p>",
                "audience": "plans",
                "plan_ids": [Command.set(cls.plan.ids)],
                "is_published": True,
            }
        )
        cls.art_other_plan = Article.create(
            {
                "title": "KB-OTHERPLAN Archive price lists on Basic",
                "body": "<p>Archive price lists.</p>",
                "audience": "plans",
                "plan_ids": [Command.set(cls.plan_other.ids)],
                "is_published": True,
            }
        )
        cls.art_draft = Article.create(
            {"title": "KB-DRAFT Archive price lists draft", "body": "<p>Draft</p>"}
        )
        cls.art_company_2 = Article.with_company(cls.company_2).create(
            {
                "title": "KB-COMPANY2 Archive price lists elsewhere",
                "company_id": cls.company_2.id,
                "is_published": True,
            }
        )
        cls.all_articles = (
            cls.art_all
            | cls.art_plan
            | cls.art_other_plan
            | cls.art_draft
            | cls.art_company_2
        )

    def _visible(self, user):
        return (
            self.env["support.article"]
            .with_user(user)
            .search([("id", "in", self.all_articles.ids)])
        )

    def _logs(self, kind):
        return self.env["support.article.log"].search(
            [("article_id", "in", self.all_articles.ids), ("kind", "=", kind)]
        )

    # ------------------------------------------------------------ access
    def test_customers_read_what_is_published_for_their_plan(self):
        for user in (self.owner, self.nonkey, self.other_customer):
            self.assertEqual(self._visible(user), self.art_all | self.art_plan)
        self.assertEqual(self._visible(self.other_company), self.art_company_2)
        with self.assertRaises(AccessError):
            self.art_draft.with_user(self.owner).read(["title"])
        with self.assertRaises(AccessError):
            self.art_other_plan.with_user(self.owner).read(["title"])
        with self.assertRaises(AccessError):
            self.art_all.with_user(self.owner).write({"title": "Hacked"})
        # a customer without active contract reads nothing
        self.contract_b.sudo().action_suspend()
        self.assertFalse(self._visible(self.other_customer))
        # published later: readable at once
        self.art_draft.is_published = True
        self.assertIn(self.art_draft, self._visible(self.owner))

    def _call_kw(self, user, model, method, args, kwargs):
        self.login(user)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def test_rpc_reads_declared_fields_of_readable_articles_only(self):
        rows = self._call_kw(
            self.owner,
            "support.article",
            "search_read",
            [[("id", "in", self.all_articles.ids)]],
            {"fields": ["title", "body"]},
        )
        self.assertEqual(
            {r["id"] for r in rows}, set((self.art_all | self.art_plan).ids)
        )
        everything = self._call_kw(
            self.owner,
            "support.article",
            "search_read",
            [[("id", "=", self.art_all.id)]],
            {},
        )[0]
        for hidden in ("ticket_id", "plan_ids", "author_id", "read_count", "audience"):
            self.assertNotIn(hidden, everything)
        for fields, ids in (
            (["ticket_id"], self.art_all.ids),
            (["title"], self.art_draft.ids),
        ):
            with self.assertRaises(JsonRpcException) as caught:
                self._call_kw(
                    self.owner, "support.article", "read", [ids], {"fields": fields}
                )
            self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        with self.assertRaises(JsonRpcException):
            self._call_kw(
                self.owner,
                "support.article.log",
                "search_read",
                [[]],
                {"fields": ["kind"]},
            )

    # ------------------------------------------------------------ pages
    def test_knowledge_page_and_search(self):
        self.login(self.owner)
        page = self.get("/my/support/articles")
        self.assertEqual(page.status_code, 200)
        for article in self.art_all | self.art_plan:
            self.assertIn(article.title, page.text)
        for article in self.art_draft | self.art_other_plan | self.art_company_2:
            self.assertNotIn(article.title, page.text)
        found = self.get("/my/support/articles?search=invoice+sequence")
        self.assertIn(self.art_plan.title, found.text)
        self.assertNotIn(self.art_all.title, found.text)
        odd = self.get("/my/support/articles?search=%25%27%3B--&scope_item_id=x")
        self.assertEqual(odd.status_code, 200)
        scoped = self.get(f"/my/support/articles?scope_item_id={self.item_included.id}")
        self.assertIn(self.art_all.title, scoped.text)
        self.assertNotIn(self.art_plan.title, scoped.text)

    def test_article_page_logs_one_read_a_day(self):
        self.login(self.owner)
        for _i in range(2):
            page = self.get(f"/my/support/articles/{self.art_all.id}")
            self.assertEqual(page.status_code, 200)
            self.assertIn("Open the price lists", page.text)
        reads = self._logs("read")
        self.assertEqual(len(reads), 1)
        self.assertEqual(reads.partner_id, self.owner.partner_id)
        self.assertEqual(reads.commercial_partner_id, self.customer)
        self.assertEqual(self.art_all.read_count, 1)
        for article in self.art_draft | self.art_other_plan | self.art_company_2:
            self.assertEqual(
                self.get(f"/my/support/articles/{article.id}").status_code, 404
            )
        self.assertEqual(self.get("/my/support/articles/987654321").status_code, 404)
        self.assertEqual(len(self._logs("read")), 1)

    # ------------------------------------------------------------ suggestions
    def _suggest(self, subject="", scope=None):
        return self.make_jsonrpc_request(
            SUGGEST, {"subject": subject, "scope_item_id": scope}
        )["articles"]

    def test_suggestions_of_the_customers_plan(self):
        self.login(self.owner)
        titles = [a["title"] for a in self._suggest("How to archive price lists?")]
        self.assertIn(self.art_all.title, titles)
        self.assertNotIn(self.art_other_plan.title, titles)
        self.assertNotIn(self.art_draft.title, titles)
        self.assertNotIn(self.art_company_2.title, titles)
        first = self._suggest("invoice sequence")[0]
        self.assertEqual(first["url"], f"/my/support/articles/{self.art_plan.id}")
        self.assertIn("Resequence", first["excerpt"])
        by_scope = self._suggest("", self.item_included.id)
        self.assertEqual([a["id"] for a in by_scope], self.art_all.ids)
        self.login(self.other_company)
        titles = [a["title"] for a in self._suggest("archive price lists")]
        self.assertEqual(titles, [self.art_company_2.title])

    def test_suggestions_safe_and_limited(self):
        self.env["support.article"].create(
            [
                {"title": f"KB-MANY Backup restore {i}", "is_published": True}
                for i in range(8)
            ]
        )
        self.login(self.owner)
        self.assertEqual(len(self._suggest("backup restore")), 5)
        for subject in ("%", "%%%_", "' OR 1=1 --", "a" * 5000, 42, None):
            self.assertEqual(self._suggest(subject), [], subject)
        self.assertEqual(self._suggest("", "1; DROP TABLE x"), [])
        self.assertEqual(self._suggest("", self.item_out.id), [])

    # ------------------------------------------------------------ deflection
    def test_this_answered_my_question_opens_no_ticket(self):
        tickets = self.env["support.ticket"].search_count([])
        self.login(self.owner)
        answer = self.make_jsonrpc_request(
            f"/my/support/articles/{self.art_all.id}/answered",
            {"subject": "Old price lists still shown"},
        )
        self.assertIn("No ticket was opened", answer["message"])
        log = self._logs("deflection")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.partner_id, self.owner.partner_id)
        self.assertEqual(log.subject, "Old price lists still shown")
        self.assertEqual(self.art_all.deflection_count, 1)
        self.assertEqual(self.env["support.ticket"].search_count([]), tickets)
        for article in self.art_draft | self.art_other_plan:
            with self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    f"/my/support/articles/{article.id}/answered", {"subject": "x"}
                )
        self.assertEqual(len(self._logs("deflection")), 1)

    # ------------------------------------------------------------ statement
    def test_statement_counts_reads_and_deflections_of_the_month(self):
        Log = self.env["support.article.log"]
        march = datetime.datetime(2026, 3, 10, 10, 0)
        for article, kind, partner, date in (
            (self.art_all, "read", self.owner, march),
            (self.art_plan, "read", self.key_user, march),
            (self.art_all, "deflection", self.owner, march),
            (self.art_all, "read", self.owner, datetime.datetime(2026, 4, 2)),
            (self.art_all, "read", self.other_customer, march),
        ):
            Log.create(
                {
                    "article_id": article.id,
                    "kind": kind,
                    "partner_id": partner.partner_id.id,
                    "commercial_partner_id": partner.commercial_partner_id.id,
                    "date": date,
                }
            )
        statement = self.env["support.service.statement"]._generate(
            self.contract, datetime.date(2026, 3, 15)
        )
        self.assertEqual(
            (statement.articles_read, statement.articles_deflections), (2, 1)
        )
        html = self.env["ir.qweb"]._render(
            "support_portal.service_statement_body", {"doc": statement}
        )
        self.assertIn('id="stmt_articles_read"', str(html))
