from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    """An attendance change changes its calendar's schedule (L1)."""

    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.calendar_id._sla_changed()
        return records

    def write(self, vals):
        calendars = self.calendar_id
        res = super().write(vals)
        calendars |= self.calendar_id
        calendars._sla_changed()
        return res

    def unlink(self):
        calendars = self.calendar_id
        res = super().unlink()
        calendars._sla_changed()
        return res
