from odoo import api, models
from odoo.exceptions import ValidationError

# a global closure longer than this is a data-entry error (issue 4, bad input)
MAX_CLOSURE_DAYS = 366


class ResourceCalendarLeaves(models.Model):
    """Global time off are public holidays: they change the schedules (L1)."""

    _inherit = "resource.calendar.leaves"

    @api.constrains("date_from", "date_to", "resource_id", "calendar_id")
    def _check_sla_closure_length(self):
        """A public holiday covering years is a typing error (issue 4, bad input)."""
        for leave in self:
            if leave.resource_id or not leave.date_from or not leave.date_to:
                continue
            if (leave.date_to - leave.date_from).days > MAX_CLOSURE_DAYS:
                raise ValidationError(
                    self.env._(
                        "The public holiday %(name)s lasts more than %(days)s days: "
                        "support deadlines would be pushed years away. Check its "
                        "dates.",
                        name=leave.name or "",
                        days=MAX_CLOSURE_DAYS,
                    )
                )

    def _sla_calendars(self):
        global_leaves = self.filtered(lambda lv: not lv.resource_id)
        calendars = global_leaves.calendar_id
        if global_leaves.filtered(lambda lv: not lv.calendar_id):
            calendars = self.env["resource.calendar"].sudo().search([])
        return calendars

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        calendars = records._sla_calendars()
        if calendars:
            calendars._sla_changed()
        return records

    def write(self, vals):
        calendars = self._sla_calendars()
        res = super().write(vals)
        calendars |= self._sla_calendars()
        if calendars:
            calendars._sla_changed()
        return res

    def unlink(self):
        calendars = self._sla_calendars()
        res = super().unlink()
        if calendars:
            calendars._sla_changed()
        return res
