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

SCOPE_COVERAGE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "scope_item_id",
        "plan_id",
        "coverage",
        "note",
        "company_id",
    }
)


class SupportScopeItem(models.Model):
    _name = "support.scope.item"
    _inherit = ["support.scope.item", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """What support covers (S1-S3), shown before a ticket is opened (P3)."""
        return super()._portal_readable_fields() | SCOPE_ITEM_PORTAL_READABLE_FIELDS


class SupportScopeCoverage(models.Model):
    _name = "support.scope.coverage"
    _inherit = ["support.scope.coverage", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """How each plan covers each scope item (S1)."""
        return super()._portal_readable_fields() | SCOPE_COVERAGE_PORTAL_READABLE_FIELDS
