"""Fields of the scope catalogue a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

SCOPE_ITEM_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "description",
        "sequence",
        "category",
        "active",
        "company_id",
        "coverage_ids",
    }
)


class SupportScopeItem(models.Model):
    _name = "support.scope.item"
    _inherit = ["support.scope.item", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """What support covers (S1-S3), shown before a ticket is opened (P3)."""
        return super()._portal_readable_fields() | SCOPE_ITEM_PORTAL_READABLE_FIELDS
