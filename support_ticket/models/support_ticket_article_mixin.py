import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group

ARTICLE_LINK = re.compile(r"/my/support/articles/(\d+)")


class SupportTicketArticleMixin(models.AbstractModel):
    """The knowledge base seen from a ticket: share a resolved ticket's answer
    as a draft article, insert an article's link in a reply; a reply to the
    customer never links an article the customer may not read."""

    _name = "support.ticket.article.mixin"
    _description = "Support Ticket: Knowledge Articles"

    article_ids = fields.One2many("support.article", "ticket_id", string="Articles")
    article_count = fields.Integer(compute="_compute_article_count")

    @api.depends("article_ids")
    def _compute_article_count(self):
        for ticket in self:
            ticket.article_count = len(ticket.article_ids)

    # ------------------------------------------------------------ share
    def _support_public_answer(self):
        """The last public message of an agent on the ticket, or empty."""
        self.ensure_one()
        comment = self.env.ref("mail.mt_comment")
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "in", ("comment", "email")),
                    ("subtype_id", "=", comment.id),
                ],
                order="id desc",
            )
        )
        return messages.filtered(
            lambda m: (
                any(not user.share for user in m.author_id.user_ids)
                and m.author_id != self.env.ref("base.partner_root")
            )
        )[:1]

    def action_share_solution(self):
        """A draft article from the public answer of the resolved ticket."""
        check_support_group(self, "agent")
        self.ensure_one()
        if not (self.is_resolved or self.is_closed):
            raise UserError(
                self.env._("Resolve the ticket before sharing its solution.")
            )
        article = self.article_ids[:1]
        if not article:
            answer = self._support_public_answer()
            if not answer:
                raise UserError(
                    self.env._("The ticket has no public answer of an agent to share.")
                )
            article = self.env["support.article"].create(
                {
                    "title": self.name,
                    "body": answer.body,
                    "company_id": self.company_id.id,
                    "scope_item_ids": [fields.Command.set(self.scope_item_id.ids)],
                    "tag_ids": [fields.Command.set(self.tag_ids.ids)],
                    "ticket_id": self.id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.article",
            "res_id": article.id,
            "view_mode": "form",
        }

    def action_view_articles(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Articles"),
            "res_model": "support.article",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
        }

    # ------------------------------------------------------------ insert
    def action_insert_article(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Insert an Article"),
            "res_model": "support.article.insert",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _support_article_link(self, article):
        """A link to ``article`` in the language of the ticket's contact."""
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        title = article.sudo().with_context(lang=lang).title
        return Markup('<a href="%s">%s</a>') % (article.portal_url, title)

    def _support_check_article_links(self, body):
        """Refuse a reply to the customer linking an article that is missing,
        unpublished or not meant for the customer's plan."""
        ids = {int(found) for found in ARTICLE_LINK.findall(str(body or ""))}
        if not ids:
            return
        articles = self.env["support.article"].sudo().browse(ids).exists()
        for ticket in self:
            partner = ticket.partner_id or ticket.commercial_partner_id
            readable = articles._support_visible_to(partner) if partner else articles
            refused = articles - readable
            if refused or len(articles) < len(ids):
                raise UserError(
                    self.env._(
                        "The reply links an article the customer cannot read "
                        "(unpublished, deleted or not meant for their plan): "
                        "%(titles)s. Publish it for the customer first, or "
                        "remove the link.",
                        titles=", ".join(refused.mapped("title")) or "?",
                    )
                )

    def message_post(self, **kwargs):
        if self.env.user._is_internal() and self._support_is_public_post(kwargs):
            self._support_check_article_links(kwargs.get("body"))
        return super().message_post(**kwargs)

    def _support_is_public_post(self, kwargs):
        if kwargs.get("subtype_xmlid"):
            return kwargs["subtype_xmlid"] == "mail.mt_comment"
        subtype_id = kwargs.get("subtype_id")
        return bool(subtype_id) and subtype_id == self.env.ref("mail.mt_comment").id
