"""Fields of the contract that support_billing adds a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

CONTRACT_BILLING_PORTAL_READABLE_FIELDS = frozenset(
    {
        "hours_balance",
        "hours_overage",
        "pending_reserved_date",
        "pending_reserved_hours",
    }
)


class SupportContract(models.Model):
    _inherit = "support.contract"

    @api.model
    def _portal_readable_fields(self):
        """The customer's hours balance (B2, B3)."""
        return (
            super()._portal_readable_fields() | CONTRACT_BILLING_PORTAL_READABLE_FIELDS
        )
