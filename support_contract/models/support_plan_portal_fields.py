"""Fields of a plan a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

PLAN_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "code",
        "sequence",
        "active",
        "description",
        "plan_kind",
        "company_id",
        "currency_id",
        "monthly_fee",
        "hourly_rate",
        "billing_mode",
        "resource_calendar_id",
        "availability_tz",
        "allow_reserved_hours",
        "has_response_sla",
        "has_monitoring",
        "has_hotline",
        "allow_addons",
        "users_min",
        "users_max",
        "dedicated_team",
        "code_lines_min",
        "code_lines_max",
        "included_plan_ids",
        "required_plan_id",
        "coverage_ids",
    }
)


class SupportPlan(models.Model):
    _name = "support.plan"
    _inherit = ["support.plan", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The published offer (C1, C3); not its chatter."""
        return super()._portal_readable_fields() | PLAN_PORTAL_READABLE_FIELDS
