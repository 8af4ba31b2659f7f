from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import ormcache

# what the calendars of a contract's schedule depend on (besides its add-on
# lines): a change drops the cached schedule keys, on every worker
SCHEDULE_FIELDS = {"plan_id", "addon_line_ids"}


class SupportContract(models.Model):
    _inherit = "support.contract"

    def _sla_get_schedule(self, critical=False, moment=None):
        """Business-time schedule of the contract's availability (C1, C4, L2).

        The plan's calendar, plus, when ``critical``, the calendars of the add-ons
        in force at ``moment`` (``_get_availability_calendars``); a 365 add-on that
        covers public holidays also opens on the plan's holidays. The calendars
        are looked up once per contract, day and criticality
        (``_sla_schedule_keys``, cached in the registry)."""
        self.ensure_one()
        day = fields.Date.to_date(moment or fields.Datetime.now())
        holiday_day = (
            fields.Date.to_date(moment) if moment else fields.Date.context_today(self)
        )
        keys = self.sudo()._sla_schedule_keys(bool(critical), day, holiday_day)
        return self.env["resource.calendar"]._sla_get_schedule(keys)

    @ormcache("self.id", "critical", "day", "holiday_day")
    def _sla_schedule_keys(self, critical, day, holiday_day):
        """((calendar id, holiday calendar id or 0), ...) of the schedule:
        the plan's calendar first, the add-ons' in force on ``day`` (those of
        ``holiday_day`` for the holidays they cover). Dropped by
        ``_sla_schedule_changed`` (contract, plan, add-on, add-on line)."""
        plan_calendar = self.plan_id.resource_calendar_id
        if not plan_calendar:
            raise UserError(
                self.env._(
                    "Contract %(contract)s: its plan has no availability calendar.",
                    contract=self.display_name,
                )
            )
        calendars = self._get_availability_calendars(critical=critical, moment=day)
        holiday_addon_calendars = (
            self._get_addon_lines_in_force(holiday_day)
            .addon_id.filtered("covers_public_holidays")
            .resource_calendar_id
        )
        keys = [(plan_calendar.id, 0)]
        for calendar in calendars - plan_calendar:
            holiday = plan_calendar.id if calendar in holiday_addon_calendars else 0
            keys.append((calendar.id, holiday))
        return tuple(keys)

    @api.model
    def _sla_schedule_changed(self):
        """A contract's plan or add-ons changed: drop the cached schedule keys
        (the registry's caches, cleared on every worker)."""
        self.env.registry.clear_cache()

    def write(self, vals):
        res = super().write(vals)
        if SCHEDULE_FIELDS & set(vals):
            self._sla_schedule_changed()
        return res
