"""Fields of a ticket tag a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

TAG_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "color",
        "active",
    }
)


class SupportTicketTag(models.Model):
    _name = "support.ticket.tag"
    _inherit = ["support.ticket.tag", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """Tag names on the customer's tickets."""
        return super()._portal_readable_fields() | TAG_PORTAL_READABLE_FIELDS
