from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.pricing import MODE_PER_BAND, MODE_WHOLE

#: ir.config_parameter keys and defaults (DOMAIN.md: every figure is a setting)
PARAM_DEFAULTS = {
    "support_billing.min_billed_hours": "0.5",  # B1
    "support_billing.rounding_step": "0.0",  # B1
    "support_billing.change_request_hours": "8.0",  # B4
    "support_billing.discount_mode": MODE_WHOLE,  # B3
    "support_billing.migration_base_fee": "5000.0",  # C5
    "support_billing.migration_block_fee": "1500.0",  # C5
    "support_billing.migration_block_lines": "1000",  # C5
    "support_billing.migration_module_hours": "4.0",  # C5
}


def _product_setting(string, key, **kwargs):
    """A service product chosen in the settings, kept in ``support_billing.<key>``."""
    return fields.Many2one(
        "product.product",
        string=string,
        config_parameter=f"support_billing.{key}",
        domain=[("type", "=", "service")],
        **kwargs,
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    support_min_billed_hours = fields.Float(
        string="Minimum Billed Time per Request",
        config_parameter="support_billing.min_billed_hours",
        default=0.5,
        help="Every billable request is billed at least this time, in hours.",
    )
    support_rounding_step = fields.Float(
        string="Billed Time Rounding Step",
        config_parameter="support_billing.rounding_step",
        help="Billed time is rounded up to a multiple of this step, in hours "
        "(0.25 = quarter hours). 0 disables rounding.",
    )
    support_change_request_hours = fields.Float(
        string="Change Request Threshold",
        config_parameter="support_billing.change_request_hours",
        default=8.0,
        help="A request whose estimate or logged time exceeds these hours is a "
        "change request: quoted, not drawn from the hours balance. "
        "0 disables the rule.",
    )
    support_discount_mode = fields.Selection(
        selection=[
            (MODE_WHOLE, "Whole quantity"),
            (MODE_PER_BAND, "Per band"),
        ],
        string="Reserved Hours Discount Mode",
        config_parameter="support_billing.discount_mode",
        default=MODE_WHOLE,
        help="Whole quantity: the band reached by the reserved hours applies to "
        "all of them. Per band: each slice of hours gets its own band's rate.",
    )
    support_migration_base_fee = fields.Float(
        string="Migration Base Fee",
        config_parameter="support_billing.migration_base_fee",
        default=5000.0,
    )
    support_migration_block_fee = fields.Float(
        string="Migration Fee per Block of Code",
        config_parameter="support_billing.migration_block_fee",
        default=1500.0,
    )
    support_migration_block_lines = fields.Integer(
        string="Lines per Block of Code",
        config_parameter="support_billing.migration_block_lines",
        default=1000,
    )
    support_migration_module_hours = fields.Float(
        string="Maximum Hours per Replaced Module",
        config_parameter="support_billing.migration_module_hours",
        default=4.0,
    )
    support_auto_post_invoices = fields.Boolean(
        string="Post Monthly Invoices",
        config_parameter="support_billing.auto_post",
        help="Post the monthly support invoices at once instead of leaving "
        "them in draft for review.",
    )
    support_product_plan_id = _product_setting("Plan Fee Product", "product_plan_id")
    support_product_addon_id = _product_setting("Add-on Product", "product_addon_id")
    support_product_reserved_id = _product_setting(
        "Reserved Hours Product", "product_reserved_id"
    )
    support_product_overage_id = _product_setting(
        "Extra Hours Product", "product_overage_id"
    )
    support_product_pack_id = _product_setting(
        "Prepaid Hours Product", "product_pack_id"
    )
    support_product_quote_id = _product_setting(
        "Project Work Product",
        "product_quote_id",
        help="Used by change-request and migration quotes.",
    )

    @api.constrains(
        "support_min_billed_hours",
        "support_rounding_step",
        "support_change_request_hours",
        "support_migration_block_lines",
        "support_migration_module_hours",
    )
    def _check_support_billing_figures(self):

        for settings in self:
            if (
                settings.support_min_billed_hours < 0
                or settings.support_rounding_step < 0
                or settings.support_change_request_hours < 0
                or settings.support_migration_module_hours < 0
            ):
                raise ValidationError(
                    self.env._("Billing times and thresholds cannot be negative.")
                )
            if settings.support_migration_block_lines <= 0:
                raise ValidationError(
                    self.env._("The lines per block of code must be positive.")
                )


class BillingParams:
    """Typed access to the billing settings, one place for every default."""

    def __init__(self, env):
        self.env = env

    def _get(self, key):
        full = f"support_billing.{key}"
        value = self.env["ir.config_parameter"].sudo().get_param(full)
        if value in (None, False, ""):
            value = PARAM_DEFAULTS.get(full, "")
        return value

    def _float(self, key):
        try:
            return float(self._get(key) or 0.0)
        except ValueError:
            return float(PARAM_DEFAULTS.get(f"support_billing.{key}", 0.0))

    def _product(self, key, xmlid):
        value = self._get(key)
        product = self.env["product.product"]
        if value:
            product = product.browse(int(value)).exists()
        return product or self.env.ref(xmlid, raise_if_not_found=False) or product
