"""Fields of an SLA pause a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

SLA_PAUSE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "ticket_id",
        "sla_id",
        "date_start",
        "date_end",
        "reason",
        "reason_label",
        "business_minutes",
    }
)


class SupportTicketSlaPause(models.Model):
    _name = "support.ticket.sla.pause"
    _inherit = ["support.ticket.sla.pause", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """When and why a clock waited (L5); not who paused it."""
        return super()._portal_readable_fields() | SLA_PAUSE_PORTAL_READABLE_FIELDS
