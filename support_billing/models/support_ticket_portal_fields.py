"""Fields of the ticket that support_billing adds a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

TICKET_BILLING_PORTAL_READABLE_FIELDS = frozenset(
    {
        "billable",
        "billed_hours",
        "is_change_request",
    }
)


class SupportTicket(models.Model):
    _inherit = "support.ticket"

    @api.model
    def _portal_readable_fields(self):
        """Whether the ticket is billed and for how long (B1, B4); not the
        adjustment, override or rule behind it."""
        return super()._portal_readable_fields() | TICKET_BILLING_PORTAL_READABLE_FIELDS
