"""Fields of a contract's add-on line a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

ADDON_LINE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "contract_id",
        "addon_id",
        "date_start",
        "date_end",
        "monthly_fee",
        "currency_id",
        "company_id",
    }
)


class SupportContractAddonLine(models.Model):
    _name = "support.contract.addon.line"
    _inherit = ["support.contract.addon.line", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The add-ons the customer bought, with their dates and fees."""
        return super()._portal_readable_fields() | ADDON_LINE_PORTAL_READABLE_FIELDS
