from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.pricing import discount_segments, reserved_hours_price
from .res_config_settings import BillingParams


class SupportDiscountBand(models.Model):
    """A reserved-hour discount band (B3): from/to hours and a percent."""

    _name = "support.discount.band"
    _description = "Reserved Hours Discount Band"
    _order = "hours_from, id"

    company_id = fields.Many2one("res.company")
    hours_from = fields.Float(string="From Hours", required=True)
    hours_to = fields.Float(
        string="Up To Hours", help="Excluded. 0: no upper limit (last band only)."
    )
    discount = fields.Float(string="Discount (%)", required=True, digits="Discount")
    active = fields.Boolean(default=True)

    @api.depends("hours_from", "hours_to", "discount")
    def _compute_display_name(self):
        for band in self:
            upper = f"{band.hours_to:g}" if band.hours_to else "…"
            band.display_name = f"{band.hours_from:g}-{upper} h: {band.discount:g}%"

    @api.constrains("hours_from", "hours_to", "discount", "company_id", "active")
    def _check_bands(self):
        for company in {band.company_id.id: band.company_id for band in self}.values():
            try:
                discount_segments(1, self._bands_tuples(company))
            except ValueError as exc:
                raise ValidationError(
                    self.env._("Invalid discount bands: %(error)s", error=str(exc))
                ) from exc

    @api.model
    def _bands_for(self, company):
        bands = self.search([("company_id", "=", company.id)])
        return bands or self.search([("company_id", "=", False)])

    @api.model
    def _bands_tuples(self, company):
        return [
            (b.hours_from, b.hours_to, b.discount) for b in self._bands_for(company)
        ]

    @api.model
    def _price_reserved(self, hours, hourly_rate, company):
        mode = BillingParams(self.env)._get("discount_mode")
        return reserved_hours_price(
            hours, hourly_rate, self._bands_tuples(company), mode=mode
        )
