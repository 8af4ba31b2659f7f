"""Fields of a contract a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

CONTRACT_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "partner_id",
        "plan_id",
        "required_plan_id",
        "company_id",
        "currency_id",
        "date_start",
        "date_end",
        "state",
        "auto_renew",
        "renewal_months",
        "user_count",
        "code_lines",
        "environment_ids",
        "production_environment_id",
        "environment_count",
        "reserved_hours",
        "hourly_rate",
        "key_user_ids",
        "addon_line_ids",
        "monthly_amount",
        "resource_calendar_id",
        "create_date",
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
