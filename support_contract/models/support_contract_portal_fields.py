"""Fields of a contract a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

CONTRACT_PORTAL_READABLE_FIELDS = frozenset(
    {
        "addon_line_ids",
        "auto_renew",
        "code_lines",
        "company_id",
        "create_date",
        "currency_id",
        "date_end",
        "date_start",
        "display_name",
        "hourly_rate",
        "id",
        "key_user_ids",
        "monthly_amount",
        "name",
        "partner_id",
        "plan_id",
        "renewal_months",
        "required_plan_id",
        "reserved_hours",
        "resource_calendar_id",
        "state",
        "user_count",
        "write_date",
    }
)


class SupportContract(models.Model):
    _name = "support.contract"
    _inherit = ["support.contract", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The customer's view of its contract: no internal notes, no range override."""
        return super()._portal_readable_fields() | CONTRACT_PORTAL_READABLE_FIELDS
