from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import ormcache

from ..tools.business_time import (
    NoWorkingTimeError,
    Schedule,
    UnionSchedule,
    Window,
    wall_to_utc,
)


class ResourceCalendar(models.Model):
    """Adapter: a resource.calendar as a business-time Schedule (L1, C1, C4).

    Attendances (minus lunch breaks and section lines) are the weekly wall-clock
    windows in the calendar's time zone (two-week calendars keep their week type);
    global time off (no resource) are the public holidays. Schedules are cached per
    calendar in the registry cache (shared by the workers' threads, cleared on every
    worker when a calendar, an attendance or a time off changes)."""

    _inherit = "resource.calendar"

    # ------------------------------------------------------------ building
    def _sla_windows(self):
        self.ensure_one()
        windows = []
        for att in self.attendance_ids:
            if att.display_type or att.day_period == "lunch":
                continue
            start, end = round(att.hour_from * 60), round(att.hour_to * 60)
            if end <= start or start >= 1440:
                continue
            week = None
            if self.two_weeks_calendar and att.week_type:
                week = int(att.week_type)
            windows.append(Window(int(att.dayofweek), start, min(end, 1440), week))
        return windows

    def _sla_public_holidays(self):
        """Global time off of this calendar (or of every calendar of its company)."""
        self.ensure_one()
        return (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("time_type", "=", "leave"),
                    ("calendar_id", "in", [False, self.id]),
                    ("company_id", "in", [False, self.company_id.id]),
                ],
                order="date_from",
            )
        )

    def _sla_holiday_extra_windows(self, holiday_calendar):
        """Windows of this (365 add-on) calendar applied on the plan's holidays (C4).

        The hours are those of the add-on's first weekend day with attendances (or
        its first working day): e.g. 08:00-17:00 on every public holiday."""
        windows = self._sla_windows()
        if not windows:
            return []
        days = sorted({w.weekday for w in windows}, key=lambda d: (d < 5, d))
        day_windows = [w for w in windows if w.weekday == days[0]]
        tz = ZoneInfo(self.tz or "UTC")
        extra = []
        for leave in holiday_calendar._sla_public_holidays():
            local_from = leave.date_from.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz)
            local_to = leave.date_to.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz)
            day = local_from.date()
            while day <= local_to.date():
                midnight = datetime.combine(day, time())
                for w in day_windows:
                    start = wall_to_utc(tz, midnight + timedelta(minutes=w.start))
                    end = wall_to_utc(tz, midnight + timedelta(minutes=w.end))
                    # only the part of the window inside the holiday itself
                    start, end = max(start, leave.date_from), min(end, leave.date_to)
                    if end > start:
                        extra.append((start, end))
                day += timedelta(days=1)
        return extra

    def _sla_build_schedule(self, holiday_calendar=None):
        self.ensure_one()
        windows = self._sla_windows()
        if not windows:
            raise UserError(
                self.env._(
                    "The working hours %(calendar)s have no attendance: business-time "
                    "deadlines cannot be computed on them.",
                    calendar=self.display_name,
                )
            )
        closures = [(lv.date_from, lv.date_to) for lv in self._sla_public_holidays()]
        extra = []
        if holiday_calendar:
            extra = self._sla_holiday_extra_windows(holiday_calendar)
        return Schedule(
            self.tz or "UTC",
            windows,
            closures=closures,
            extra=extra,
            name=self.display_name,
        )

    # ------------------------------------------------------------ cached API
    @ormcache("self.id", "holiday_calendar_id")
    def _sla_cached_schedule(self, holiday_calendar_id=0):
        holiday_calendar = (
            self.browse(holiday_calendar_id) if holiday_calendar_id else None
        )
        return self._sla_build_schedule(holiday_calendar)

    @api.model
    @ormcache("keys")
    def _sla_cached_union(self, keys):
        schedules = [
            self.browse(cal_id)._sla_cached_schedule(holiday_id)
            for cal_id, holiday_id in keys
        ]
        return schedules[0] if len(schedules) == 1 else UnionSchedule(schedules)

    @api.model
    def _sla_get_schedule(self, keys):
        """Schedule for ``keys`` = ((calendar id, holiday calendar id or 0), ...),
        the union of the calendars (cached). Raises UserError when it cannot work."""
        keys = tuple(sorted(set(keys), key=lambda k: (k != keys[0], k)))
        try:
            return self.sudo()._sla_cached_union(keys)
        except NoWorkingTimeError as exc:
            raise UserError(
                self.env._("No working time to count business time on: %(e)s", e=exc)
            ) from exc

    def _sla_invalidate(self):
        self.env.registry.clear_cache()

    def _sla_changed(self):
        """These calendars changed: drop the cached schedules and re-target the
        running clocks that count on them."""
        self._sla_invalidate()
        self.env["support.ticket.sla"]._sla_retarget_calendars(self)

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sla_invalidate()
        return records

    def write(self, vals):
        res = super().write(vals)
        if {"attendance_ids", "tz", "two_weeks_calendar", "leave_ids"} & set(vals) or (
            "global_leave_ids" in vals
        ):
            self._sla_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self._sla_invalidate()
        return res
