from markupsafe import Markup

from odoo import fields, models
from odoo.tools import plaintext2html

from odoo.addons.support_contract.access import check_support_group


class SupportArticleInsert(models.TransientModel):
    """Answer a ticket with a link to a knowledge article: the reply is posted
    to the customer with the article's title in their language."""

    _name = "support.article.insert"
    _description = "Insert a Knowledge Article in a Reply"

    ticket_id = fields.Many2one("support.ticket", required=True, readonly=True)
    company_id = fields.Many2one(related="ticket_id.company_id")
    article_id = fields.Many2one(
        "support.article",
        string="Article",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    message = fields.Text(
        default=lambda self: self.env._("This article explains how to do it:")
    )

    def action_post(self):
        """Post the reply; an unpublished article is refused by the ticket."""
        check_support_group(self, "agent")
        self.ensure_one()
        ticket = self.ticket_id
        body = Markup("%s<p>%s</p>") % (
            plaintext2html(self.message or ""),
            ticket._support_article_link(self.article_id),
        )
        ticket.message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        return {"type": "ir.actions.act_window_close"}
