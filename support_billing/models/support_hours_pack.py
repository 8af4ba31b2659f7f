from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportHoursPack(models.Model):
    """A prepaid pack of hours a customer buys from the contract (B2)."""

    _name = "support.hours.pack"
    _description = "Prepaid Hours Pack"
    _order = "hours, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
    hours = fields.Float(string="Pack Size", required=True, help="Hours credited.")
    price = fields.Float(
        string="Pack Price",
        digits="Product Price",
        help="Price of the pack in the contract's currency. 0: the pack size "
        "times the contract's hourly rate.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Invoiced Product",
        domain=[("type", "=", "service")],
        help="Empty: the prepaid-hours product of the settings.",
    )

    @api.constrains("hours", "price")
    def _check_hours(self):
        for pack in self:
            if pack.hours <= 0:
                raise ValidationError(
                    self.env._(
                        "A pack of hours must hold a positive number of hours "
                        "(pack %(name)s).",
                        name=pack.name,
                    )
                )
            if pack.price < 0:
                raise ValidationError(
                    self.env._(
                        "The price of pack %(name)s cannot be negative.", name=pack.name
                    )
                )

    def _get_price(self, contract):
        self.ensure_one()
        return self.price or self.hours * contract._get_hourly_rate()
