from odoo import api, fields, models

KINDS = [("read", "Read"), ("deflection", "Answered a question")]


class SupportArticleLog(models.Model):
    """One customer reading an article, or saying in the new-ticket form that
    an article answered the question (a deflection: no ticket was sent).

    Counted on the article and in the monthly statement; rows are written by
    the portal's checked routes (``sudo()``) only, once per contact,
    article, kind and day."""

    _name = "support.article.log"
    _description = "Knowledge Article Read"
    _order = "date desc, id desc"

    article_id = fields.Many2one(
        "support.article", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(KINDS, required=True, default="read")
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="cascade"
    )
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True
    )
    company_id = fields.Many2one(
        related="article_id.company_id", store=True, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    subject = fields.Char(help="What the customer was typing as the ticket's subject.")

    @api.model
    def _record(self, article, partner, kind, subject=None):
        """Log ``kind`` for ``partner`` on ``article`` (trusted callers); the
        same kind already logged today for them is not logged twice."""
        Log = self.sudo()
        today = fields.Datetime.now().replace(hour=0, minute=0, second=0)
        if Log.search_count(
            [
                ("article_id", "=", article.id),
                ("partner_id", "=", partner.id),
                ("kind", "=", kind),
                ("date", ">=", today),
            ],
            limit=1,
        ):
            return Log.browse()
        return Log.create(
            {
                "article_id": article.id,
                "kind": kind,
                "partner_id": partner.id,
                "commercial_partner_id": partner.commercial_partner_id.id,
                "subject": (subject or "")[:200] or False,
            }
        )
