from odoo import fields, models


class SupportPlan(models.Model):
    """The patch agreement (C3): the plans whose contracts keep the
    customer's environments patched (patch windows and patch runs)."""

    _name = "support.plan"
    _inherit = ["support.plan"]

    patching = fields.Boolean(
        string="Patch Agreement",
        help="Contracts on this plan, or on a plan that includes it, keep the "
        "customer's environments patched: patch windows and patch runs.",
    )

    def _covers_patching(self):
        """Whether this plan or one it includes is a patch agreement."""
        self.ensure_one()
        return any((self | self.included_plan_ids).mapped("patching"))
