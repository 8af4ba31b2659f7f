"""Fields of the contract that support_billing adds a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, fields, models

CONTRACT_BILLING_PORTAL_READABLE_FIELDS = frozenset(
    {
        "hours_balance",
        "hours_overage",
        "hours_ledger_ids",
        "pending_reserved_hours",
        "pending_reserved_date",
    }
)


class SupportContract(models.Model):
    _inherit = "support.contract"

    # declared to portal users; reservation changes are not: computed as
    # superuser
    pending_reserved_hours = fields.Float(compute_sudo=True)
    pending_reserved_date = fields.Date(compute_sudo=True)

    @api.model
    def _portal_readable_fields(self):
        """The customer's hours balance (B2, B3)."""
        return (
            super()._portal_readable_fields() | CONTRACT_BILLING_PORTAL_READABLE_FIELDS
        )
