"""Fields of a ticket stage a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

STAGE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "active",
        "description",
        "display_name",
        "fold",
        "id",
        "is_closed",
        "is_in_progress",
        "is_resolved",
        "is_triage",
        "is_waiting_customer",
        "name",
        "sequence",
    }
)


class SupportTicketStage(models.Model):
    _name = "support.ticket.stage"
    _inherit = ["support.ticket.stage", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The stages a customer sees its tickets in (T6)."""
        return super()._portal_readable_fields() | STAGE_PORTAL_READABLE_FIELDS
