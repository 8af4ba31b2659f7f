"""Fields of a patch run a portal user may read (the customer's patch log).

Declared for ``support.portal.field.access``: any other field is refused to
portal users over RPC."""

from odoo import api, models

PATCH_RUN_PORTAL_READABLE_FIELDS = frozenset(
    {"environment_id", "date", "date_end", "state", "summary"}
)


class SupportPatchRun(models.Model):
    _name = "support.patch.run"
    _inherit = ["support.patch.run", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        return super()._portal_readable_fields() | PATCH_RUN_PORTAL_READABLE_FIELDS
