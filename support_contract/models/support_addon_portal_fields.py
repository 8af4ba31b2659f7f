"""Fields of an add-on a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

ADDON_PORTAL_READABLE_FIELDS = frozenset(
    {
        "active",
        "code",
        "company_id",
        "covers_public_holidays",
        "critical_only",
        "currency_id",
        "description",
        "display_name",
        "exclusive_addon_ids",
        "id",
        "monthly_fee",
        "name",
        "resource_calendar_id",
        "sequence",
    }
)


class SupportAddon(models.Model):
    _name = "support.addon"
    _inherit = ["support.addon", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The published add-on services (C4)."""
        return super()._portal_readable_fields() | ADDON_PORTAL_READABLE_FIELDS
