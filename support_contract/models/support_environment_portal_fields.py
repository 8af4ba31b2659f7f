"""Fields of a customer environment a portal user may read.

Declared for ``support.portal.field.access``: any other field (the internal
notes) is refused to portal users over RPC."""

from odoo import api, models

ENVIRONMENT_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "sequence",
        "active",
        "contract_id",
        "partner_id",
        "company_id",
        "kind",
        "odoo_version",
        "edition",
        "hosting",
        "url",
        "database",
        "module_ids",
        "module_count",
        "custom_code_lines",
    }
)


class SupportEnvironment(models.Model):
    _name = "support.environment"
    _inherit = ["support.environment", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The customer's view of its own databases: no internal notes."""
        return super()._portal_readable_fields() | ENVIRONMENT_PORTAL_READABLE_FIELDS
