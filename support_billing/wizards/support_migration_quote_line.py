from odoo import api, fields, models


class SupportMigrationQuoteLine(models.TransientModel):
    """A community or third-party module of the environment being migrated
    (C5): marked missing in the target version, it is quoted at its
    estimate, at most the hours per module of the settings; an estimate over
    that cap is for the customer to decide (a functional alternative)."""

    _name = "support.migration.quote.line"
    _description = "Migration Quote Module"

    wizard_id = fields.Many2one(
        "support.migration.quote.wizard", required=True, ondelete="cascade"
    )
    module_id = fields.Many2one(
        "support.environment.module", string="Environment Module", readonly=True
    )
    name = fields.Char(string="Module", required=True)
    missing = fields.Boolean(
        string="Missing in target",
        help="The module does not exist in the target version: it is replaced.",
    )
    hours = fields.Float(string="Estimate", help="Hours to replace the module.")
    customer_decides = fields.Boolean(
        compute="_compute_customer_decides",
        help="The estimate is over the hours per module: the customer decides "
        "on a functional alternative.",
    )

    @api.depends("hours", "missing", "wizard_id.max_module_hours")
    def _compute_customer_decides(self):
        for line in self:
            line.customer_decides = (
                line.missing and line.hours > line.wizard_id.max_module_hours
            )
