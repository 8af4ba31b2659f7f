"""Fields of an SLA clock a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

TICKET_SLA_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "ticket_id",
        "target_type",
        "priority",
        "state",
        "date_start",
        "deadline",
        "date_reached",
        "breach_date",
        "target_value",
        "target_unit",
        "time_left_display",
        "time_left_minutes",
        "pause_count",
        "pause_ids",
    }
)


class SupportTicketSla(models.Model):
    _name = "support.ticket.sla"
    _inherit = ["support.ticket.sla", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The clock as the ticket page shows it; no policy, warning or error."""
        return super()._portal_readable_fields() | TICKET_SLA_PORTAL_READABLE_FIELDS
