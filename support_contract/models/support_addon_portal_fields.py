"""Fields of an add-on a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

ADDON_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "description",
        "code",
        "sequence",
        "active",
        "monthly_fee",
        "currency_id",
        "company_id",
        "resource_calendar_id",
        "critical_only",
        "covers_public_holidays",
        "exclusive_addon_ids",
        "bundle_component_ids",
    }
)


class SupportAddon(models.Model):
    _name = "support.addon"
    _inherit = ["support.addon", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The published add-on services (C4)."""
        return super()._portal_readable_fields() | ADDON_PORTAL_READABLE_FIELDS
