from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError

from .common import SupportSlaCommon, utc


class TestSlaCalendar(SupportSlaCommon):
    """The resource.calendar adapter: attendances, two-week calendars, public
    holidays, the cache and its invalidation (L1, C1, C4)."""

    def _schedule(self, calendar):
        return self.env["resource.calendar"]._sla_get_schedule(((calendar.id, 0),))

    def test_lunch_breaks_and_sections_are_not_working_time(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "With lunch",
                "tz": "Europe/Paris",
                "attendance_ids": [
                    Command.create(
                        {"name": "AM", "dayofweek": "0", "hour_from": 8, "hour_to": 12}
                    ),
                    Command.create(
                        {
                            "name": "Lunch",
                            "dayofweek": "0",
                            "hour_from": 12,
                            "hour_to": 13,
                            "day_period": "lunch",
                        }
                    ),
                    Command.create(
                        {
                            "name": "PM",
                            "dayofweek": "0",
                            "hour_from": 13,
                            "hour_to": 17,
                            "day_period": "afternoon",
                        }
                    ),
                ],
            }
        )
        schedule = self._schedule(calendar)
        self.assertEqual(schedule.between(utc(2026, 1, 5), utc(2026, 1, 6)), 8 * 60)
        self.assertEqual(
            schedule.add(utc(2026, 1, 5, 10, 30), 60), utc(2026, 1, 5, 12, 30)
        )

    def test_two_week_calendar(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Two weeks",
                "tz": "Europe/Paris",
                "two_weeks_calendar": True,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": "Week A Monday",
                            "dayofweek": "0",
                            "hour_from": 8,
                            "hour_to": 17,
                            "week_type": "0",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Week B Monday",
                            "dayofweek": "0",
                            "hour_from": 8,
                            "hour_to": 10,
                            "week_type": "1",
                        }
                    ),
                ],
            }
        )
        schedule = self._schedule(calendar)
        attendance = self.env["resource.calendar.attendance"]
        week_a = attendance.get_week_type(utc(2026, 1, 5).date())
        first = schedule.between(utc(2026, 1, 5), utc(2026, 1, 6))
        second = schedule.between(utc(2026, 1, 12), utc(2026, 1, 13))
        self.assertEqual((first, second), (540, 120) if week_a == 0 else (120, 540))

    def test_cache_is_reused_and_invalidated_by_a_new_holiday(self):
        """A new public holiday clears the cache and re-targets running clocks."""
        first = self._schedule(self.sla_calendar)
        self.assertIs(self._schedule(self.sla_calendar), first)
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        line = self._line(ticket, "response")
        self.assertEqual(line.deadline, utc(2026, 1, 6, 8))
        with freeze_time("2026-01-05 10:00:00"):
            self.env["resource.calendar.leaves"].create(
                {
                    "name": "Company day",
                    "calendar_id": self.sla_calendar.id,
                    "date_from": utc(2026, 1, 5, 23),
                    "date_to": utc(2026, 1, 6, 23),
                }
            )
        self.assertIsNot(self._schedule(self.sla_calendar), first)
        self.assertEqual(line.consumed_minutes, 60)
        self.assertEqual(line.deadline, utc(2026, 1, 7, 8))  # Tuesday skipped

    def test_attendance_edit_retargets_running_clock(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        with freeze_time("2026-01-05 09:00:00"):
            self.sla_calendar.attendance_ids.filtered(
                lambda a: a.dayofweek == "1"
            ).hour_to = 12
        # Monday 10-17 (7h) + Tuesday 08:00-09:00 (1h): unchanged on Tuesday morning
        self.assertEqual(self._line(ticket, "response").deadline, utc(2026, 1, 6, 8))
        with freeze_time("2026-01-05 09:00:00"):
            self.sla_calendar.attendance_ids.filtered(
                lambda a: a.dayofweek == "0"
            ).hour_to = 12
        # Monday 10-12 (2h) + Tuesday 08-12 (4h) + Wednesday 08-10 (2h)
        self.assertEqual(self._line(ticket, "response").deadline, utc(2026, 1, 7, 9))

    def test_closure_covering_years_refused(self):
        with self.assertRaisesRegex(ValidationError, "more than 366 days"):
            self.env["resource.calendar.leaves"].create(
                {
                    "name": "Typo",
                    "calendar_id": self.sla_calendar.id,
                    "date_from": utc(2026, 1, 1),
                    "date_to": utc(2036, 1, 1),
                }
            )

    def test_plan_with_sla_needs_working_hours(self):
        empty = self.env["resource.calendar"].create(
            {"name": "Empty", "tz": "Europe/Paris", "attendance_ids": [Command.clear()]}
        )
        with (
            self.assertRaisesRegex(ValidationError, "no working hours"),
            self.cr.savepoint(),
        ):
            self.plan_light.resource_calendar_id = empty
        self.plan_light.invalidate_recordset()
        self.assertEqual(self.plan_light.resource_calendar_id, self.sla_calendar)

    def test_addon_covering_public_holidays(self):
        """C4: a 365 add-on opens weekends and the plan's holidays for critical
        tickets; its hours are those of its weekend attendances."""
        weekend = self.env["resource.calendar"].create(
            {
                "name": "365 weekends 08:00-17:00",
                "tz": "Europe/Paris",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"D{d}",
                            "dayofweek": str(d),
                            "hour_from": 8,
                            "hour_to": 17,
                        }
                    )
                    for d in (5, 6)
                ],
            }
        )
        self.addon_365.write(
            {
                "resource_calendar_id": weekend.id,
                "covers_public_holidays": True,
                "critical_only": True,
            }
        )
        self.contract.addon_line_ids = [
            Command.create({"addon_id": self.addon_365.id, "date_start": "2026-01-01"})
        ]
        critical = self.contract._sla_get_schedule(
            critical=True, moment=utc(2026, 4, 30)
        )
        normal = self.contract._sla_get_schedule(
            critical=False, moment=utc(2026, 4, 30)
        )
        labour_day = (utc(2026, 4, 30, 22), utc(2026, 5, 1, 22))
        self.assertEqual(critical.between(*labour_day), 9 * 60)
        self.assertEqual(normal.between(*labour_day), 0)
        saturday = (utc(2026, 5, 1, 22), utc(2026, 5, 2, 22))
        self.assertEqual(critical.between(*saturday), 9 * 60)
        self.assertEqual(normal.between(*saturday), 0)
