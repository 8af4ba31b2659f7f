"""Fields of a ticket type a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

TYPE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "code",
        "sequence",
        "description",
        "active",
    }
)


class SupportTicketType(models.Model):
    _name = "support.ticket.type"
    _inherit = ["support.ticket.type", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The ticket types offered on the portal form (T3)."""
        return super()._portal_readable_fields() | TYPE_PORTAL_READABLE_FIELDS
