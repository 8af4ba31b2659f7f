"""Fields of a scope coverage (a plan's coverage of a scope item) a portal
user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

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


class SupportScopeCoverage(models.Model):
    _name = "support.scope.coverage"
    _inherit = ["support.scope.coverage", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """How each plan covers each scope item (S1)."""
        return super()._portal_readable_fields() | SCOPE_COVERAGE_PORTAL_READABLE_FIELDS
