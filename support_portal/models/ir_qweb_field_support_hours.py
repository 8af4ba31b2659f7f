from odoo import api, models

from odoo.addons.support_sla.tools.business_format import format_hours


class IrQwebFieldSupportHours(models.AbstractModel):
    """``support_hours`` converter: hours as a duration ("45 h 39 min"),
    where Odoo's ``float_time`` prints a time of day ("45:39")."""

    _name = "ir.qweb.field.support_hours"
    _description = "QWeb field: support hours"
    _inherit = ["ir.qweb.field"]

    @api.model
    def value_to_html(self, value, options):
        return format_hours(value)
