"""Fields of a ticket stage a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

STAGE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "sequence",
        "fold",
        "description",
        "is_waiting_customer",
        "is_waiting_vendor",
        "is_resolved",
        "is_closed",
        "is_triage",
        "is_in_progress",
        "active",
    }
)


class SupportTicketStage(models.Model):
    _name = "support.ticket.stage"
    _inherit = ["support.ticket.stage", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The stages a customer sees its tickets in (T6)."""
        return super()._portal_readable_fields() | STAGE_PORTAL_READABLE_FIELDS
