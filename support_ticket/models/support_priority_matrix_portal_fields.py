"""Fields of the priority matrix a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

MATRIX_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "impact",
        "urgency",
        "priority",
        "impact_sequence",
        "urgency_sequence",
    }
)


class SupportPriorityMatrix(models.Model):
    _name = "support.priority.matrix"
    _inherit = ["support.priority.matrix", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The impact x urgency matrix the portal form previews (T4)."""
        return super()._portal_readable_fields() | MATRIX_PORTAL_READABLE_FIELDS
