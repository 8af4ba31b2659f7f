"""Fields of a ticket's environment a portal user may read (issue 14).

Declared for ``support.portal.field.access``, beside the ticket's other
portal fields."""

from odoo import api, models

TICKET_ENVIRONMENT_PORTAL_READABLE_FIELDS = frozenset(
    {"environment_id", "environment_version", "environment_edition"}
)


class SupportTicket(models.Model):
    _inherit = "support.ticket"

    @api.model
    def _portal_readable_fields(self):
        """The customer sees which of its environments a ticket is about."""
        return (
            super()._portal_readable_fields()
            | TICKET_ENVIRONMENT_PORTAL_READABLE_FIELDS
        )
