"""Fields of an environment's patch window a portal user may read (the
customer's patch page), added to those of support_contract."""

from odoo import api, models

ENVIRONMENT_PATCH_PORTAL_READABLE_FIELDS = frozenset(
    {
        "patch_frequency",
        "patch_next_start",
        "patch_next_end",
        "patch_tz",
        "patch_window_label",
        "patch_run_ids",
    }
)


class SupportEnvironment(models.Model):
    _name = "support.environment"
    _inherit = ["support.environment"]

    @api.model
    def _portal_readable_fields(self):
        return (
            super()._portal_readable_fields() | ENVIRONMENT_PATCH_PORTAL_READABLE_FIELDS
        )
