"""Fields of the ticket that support_sla adds a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, fields, models

TICKET_SLA_PORTAL_READABLE_FIELDS = frozenset(
    {
        "sla_state",
        "sla_deadline",
        "sla_at_risk",
        "sla_time_left",
    }
)


class SupportTicket(models.Model):
    _inherit = "support.ticket"

    # declared to portal users; its clocks are not: computed as superuser
    sla_time_left = fields.Char(compute_sudo=True)

    @api.model
    def _portal_readable_fields(self):
        """The ticket's SLA summary, shown on the portal (L1)."""
        return super()._portal_readable_fields() | TICKET_SLA_PORTAL_READABLE_FIELDS
