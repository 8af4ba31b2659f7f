"""Fields of a plan a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

PLAN_PORTAL_READABLE_FIELDS = frozenset(
    {
        "active",
        "allow_addons",
        "allow_reserved_hours",
        "availability_tz",
        "billing_mode",
        "code",
        "code_lines_max",
        "code_lines_min",
        "company_id",
        "coverage_ids",
        "currency_id",
        "description",
        "display_name",
        "has_hotline",
        "has_monitoring",
        "has_response_sla",
        "hourly_rate",
        "id",
        "included_plan_ids",
        "monthly_fee",
        "name",
        "plan_kind",
        "required_plan_id",
        "resource_calendar_id",
        "sequence",
        "users_max",
        "users_min",
    }
)


class SupportPlan(models.Model):
    _name = "support.plan"
    _inherit = ["support.plan", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The published offer (C1, C3); not its chatter."""
        return super()._portal_readable_fields() | PLAN_PORTAL_READABLE_FIELDS
