"""The knowledge base in the portal: the articles page with its search, an
article's page, and the new-ticket form's suggestions and "This answered my
question" (seed 004: read before you open a ticket).

Security: every search runs as the current user, so the record rules of
support_ticket decide (customers read the published articles of their
provider for all customers or for their plan); the words searched are
letters and digits only (``tools/articles.py``), a bounded number of them,
passed to the ORM as values; the logs are written with ``sudo()`` only for
an article the user could read.
"""

from markupsafe import Markup
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import html2plaintext

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import articles as article_tools
from .portal import SupportCustomerPortal

ARTICLES_PER_PAGE = 20
SUGGEST_CANDIDATES = 50
EXCERPT_CHARS = 160


class SupportArticlePortal(SupportCustomerPortal):
    # ------------------------------------------------------------ helpers
    def _support_article_terms_domain(self, terms, every=True):
        """Articles whose title or body holds each (or any) of ``terms``."""
        parts = [
            Domain("title", "ilike", term) | Domain("body", "ilike", term)
            for term in terms
        ]
        if not parts:
            return Domain.TRUE
        return Domain.AND(parts) if every else Domain.OR(parts)

    def _support_article_scope(self, scope_item_id):
        """The scope item of the request, when it is a readable one."""
        try:
            scope_id = int(scope_item_id or 0)
        except (TypeError, ValueError):
            return request.env["support.scope.item"]
        if scope_id <= 0:
            return request.env["support.scope.item"]
        return request.env["support.scope.item"].search([("id", "=", scope_id)])

    def _support_readable_article(self, article_id):
        """The article if the user may read it (NotFound otherwise); employees
        also preview drafts."""
        article = request.env["support.article"].browse(int(article_id)).exists()
        if not (article and article.has_access("read")):
            raise NotFound()
        if not (article.is_published or request.env.user._is_internal()):
            raise NotFound()
        return article

    def _support_log(self, article, kind, subject=None):
        """A read or deflection of a customer (employees are not counted)."""
        user = request.env.user
        if user._is_internal() or user._is_public():
            return
        request.env["support.article.log"]._record(
            article, user.partner_id, kind, subject=subject
        )

    def _support_excerpt(self, article):
        text = html2plaintext(article.body or "").strip()
        if len(text) > EXCERPT_CHARS:
            text = text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
        return text

    # ------------------------------------------------------------ pages
    @http.route(
        ["/my/support/articles", "/my/support/articles/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_support_articles(self, page=1, search="", scope_item_id=None, **kw):
        Article = request.env["support.article"]
        search = (search or "")[: article_tools.MAX_TEXT]
        terms = article_tools.search_terms(search)
        scope = self._support_article_scope(scope_item_id)
        domain = Domain("is_published", "=", True) & (
            self._support_article_terms_domain(terms)
        )
        if scope:
            domain &= Domain("scope_item_ids", "in", scope.ids)
        count = Article.search_count(domain)
        pager = portal_pager(
            url="/my/support/articles",
            url_args={"search": search, "scope_item_id": scope.id or ""},
            total=count,
            page=page,
            step=ARTICLES_PER_PAGE,
        )
        articles = Article.search(
            domain, limit=ARTICLES_PER_PAGE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "support_articles",
                "title": self._support_title(request.env._("Knowledge base")),
                "articles": articles,
                "excerpts": {a.id: self._support_excerpt(a) for a in articles},
                "pager": pager,
                "search": search,
                "scope": scope,
                "scope_items": articles.scope_item_ids,
                "article_count": count,
            }
        )
        return request.render("support_portal.portal_support_articles", values)

    @http.route(
        ["/my/support/articles/<int:article_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_support_article(self, article_id, **kw):
        article = self._support_readable_article(article_id)
        self._support_log(article, "read")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "support_article",
                "title": self._support_title(article.title),
                "article": article,
                "body": Markup(article.body or ""),
            }
        )
        return request.render("support_portal.portal_support_article", values)

    # ------------------------------------------------------------ form
    @http.route(
        ["/my/support/articles/suggest"], type="jsonrpc", auth="user", methods=["POST"]
    )
    def portal_support_article_suggest(self, subject="", scope_item_id=None, **kw):
        """At most five published articles for what the customer typed and
        the scope item chosen, best first."""
        terms = article_tools.search_terms(subject if isinstance(subject, str) else "")
        scope = self._support_article_scope(scope_item_id)
        if not terms and not scope:
            return {"articles": []}
        domain = self._support_article_terms_domain(terms, every=False)
        if not terms:
            domain = Domain.FALSE
        if scope:
            domain |= Domain("scope_item_ids", "in", scope.ids)
        Article = request.env["support.article"]
        found = Article.search(
            Domain("is_published", "=", True) & domain, limit=SUGGEST_CANDIDATES
        )
        candidates = [
            (
                article.id,
                article.title,
                html2plaintext(article.body or ""),
                bool(scope & article.scope_item_ids),
                article.sequence,
            )
            for article in found
        ]
        best = Article.browse(article_tools.rank(candidates, terms))
        return {
            "articles": [
                {
                    "id": article.id,
                    "title": article.title,
                    "url": article.portal_url,
                    "excerpt": self._support_excerpt(article),
                }
                for article in best
            ]
        }

    @http.route(
        ["/my/support/articles/<int:article_id>/answered"],
        type="jsonrpc",
        auth="user",
        methods=["POST"],
    )
    def portal_support_article_answered(self, article_id, subject="", **kw):
        """ "This answered my question": a deflection is logged, no ticket."""
        article = self._support_readable_article(article_id)
        if not article.is_published:
            raise NotFound()
        subject = subject if isinstance(subject, str) else ""
        self._support_log(article, "deflection", subject=subject)
        return {
            "message": request.env._(
                "Glad it helped! No ticket was opened. You can still open one "
                "if you need us."
            )
        }
