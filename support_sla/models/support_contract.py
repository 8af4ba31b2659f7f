from odoo import fields, models
from odoo.exceptions import UserError


class SupportContract(models.Model):
    _inherit = "support.contract"

    def _sla_get_schedule(self, critical=False, moment=None):
        """Business-time schedule of the contract's availability (C1, C4, L2).

        The plan's calendar, plus, when ``critical``, the calendars of the add-ons
        in force at ``moment`` (``_get_availability_calendars``); a 365 add-on that
        covers public holidays also opens on the plan's holidays."""
        self.ensure_one()
        plan_calendar = self.plan_id.resource_calendar_id
        if not plan_calendar:
            raise UserError(
                self.env._(
                    "Contract %(contract)s: its plan has no availability calendar.",
                    contract=self.display_name,
                )
            )
        calendars = self.sudo()._get_availability_calendars(
            critical=critical, moment=moment or fields.Datetime.now()
        )
        holiday_addon_calendars = (
            self.sudo()
            ._get_addon_lines_in_force(moment)
            .addon_id.filtered("covers_public_holidays")
            .resource_calendar_id
        )
        keys = [(plan_calendar.id, 0)]
        for calendar in calendars - plan_calendar:
            holiday = plan_calendar.id if calendar in holiday_addon_calendars else 0
            keys.append((calendar.id, holiday))
        return self.env["resource.calendar"]._sla_get_schedule(tuple(keys))
