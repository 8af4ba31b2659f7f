"""Fields of a knowledge article a portal user may read.

Declared for ``support.portal.field.access``: any other field (the source
ticket, the author, the counters, the audience) is refused to portal users
over RPC."""

from odoo import api, models

ARTICLE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "title",
        "body",
        "sequence",
        "active",
        "scope_item_ids",
        "tag_ids",
        "is_published",
        "date_published",
        "portal_url",
        "portal_visible",
        "company_id",
        "write_date",
    }
)


class SupportArticle(models.Model):
    _name = "support.article"
    _inherit = ["support.article", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """What a customer reads of an article published for them."""
        return super()._portal_readable_fields() | ARTICLE_PORTAL_READABLE_FIELDS
