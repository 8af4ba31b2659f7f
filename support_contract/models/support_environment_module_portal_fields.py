"""Fields of an environment's module a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

ENVIRONMENT_MODULE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "environment_id",
        "name",
        "origin",
        "version",
        "lines_of_code",
        "partner_id",
        "company_id",
    }
)


class SupportEnvironmentModule(models.Model):
    _name = "support.environment.module"
    _inherit = ["support.environment.module", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The modules of the customer's own databases."""
        return (
            super()._portal_readable_fields()
            | ENVIRONMENT_MODULE_PORTAL_READABLE_FIELDS
        )
