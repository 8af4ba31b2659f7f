"""Fields of an hours ledger line a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

LEDGER_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "contract_id",
        "company_id",
        "partner_id",
        "date",
        "entry_type",
        "source",
        "hours",
        "period_start",
        "covered_hours",
        "overage_hours",
        "remaining_hours",
        "balance_after",
        "source_summary",
    }
)


class SupportHoursLedger(models.Model):
    _name = "support.hours.ledger"
    _inherit = ["support.hours.ledger", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """Hours credited and drawn (B2, B3); not the ticket, pack or invoice behind
        a line."""
        return super()._portal_readable_fields() | LEDGER_PORTAL_READABLE_FIELDS
