"""Pure tests of support_ticket/tools/patch_window.py (patch windows of the
patch agreement, C3): recurrence, time zones, windows that never occur."""

import importlib.util
from datetime import date, datetime
from pathlib import Path

PATH = (
    Path(__file__).resolve().parent.parent
    / "support_ticket"
    / "tools"
    / "patch_window.py"
)
_spec = importlib.util.spec_from_file_location("support_ticket_patch_window", PATH)
pw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pw)

STOCKHOLM = "Europe/Stockholm"


def first_tuesday(**kw):
    values = {
        "frequency": "monthly",
        "interval": 1,
        "weekday": 1,
        "week": 1,
        "hour_start": 20.0,
        "hour_end": 22.0,
        "tz": STOCKHOLM,
        "anchor": date(2026, 1, 1),
    }
    values.update(kw)
    return pw.Window(**values)


def test_module_needs_no_odoo():
    text = PATH.read_text()
    assert "import odoo" not in text and "from odoo" not in text


def test_first_tuesday_of_the_month_in_winter_and_summer():
    window = first_tuesday()
    # 2026-12-01 is a Tuesday; CET = UTC+1
    assert pw.next_window(window, datetime(2026, 11, 20)) == (
        datetime(2026, 12, 1, 19, 0),
        datetime(2026, 12, 1, 21, 0),
    )
    # 2026-07-07 is the first Tuesday of July; CEST = UTC+2
    assert pw.next_window(window, datetime(2026, 7, 1)) == (
        datetime(2026, 7, 7, 18, 0),
        datetime(2026, 7, 7, 20, 0),
    )


def test_a_window_in_progress_is_the_next_one_until_it_ends():
    window = first_tuesday()
    during = datetime(2026, 12, 1, 20, 0)  # 21:00 in Stockholm
    assert pw.next_window(window, during)[0] == datetime(2026, 12, 1, 19, 0)
    after = datetime(2026, 12, 1, 21, 0)
    assert pw.next_window(window, after)[0] == datetime(2027, 1, 5, 19, 0)


def test_occurrences_in_a_row():
    found = pw.occurrences(first_tuesday(), datetime(2026, 12, 2), 3)
    assert [start.date() for start, _end in found] == [
        date(2027, 1, 5),
        date(2027, 2, 2),
        date(2027, 3, 2),
    ]


def test_last_friday_every_two_months_from_the_anchor():
    window = first_tuesday(weekday=4, week=-1, interval=2, anchor=date(2026, 2, 1))
    found = pw.occurrences(window, datetime(2026, 1, 1), 3)
    # February, April, June 2026
    assert [start.date() for start, _end in found] == [
        date(2026, 2, 27),
        date(2026, 4, 24),
        date(2026, 6, 26),
    ]


def test_weekly_every_two_weeks():
    window = pw.Window(
        frequency="weekly",
        interval=2,
        weekday=2,
        hour_start=6.5,
        hour_end=7.0,
        tz="UTC",
        anchor=date(2026, 11, 30),  # a Monday
    )
    found = pw.occurrences(window, datetime(2026, 12, 3), 2)
    assert found == [
        (datetime(2026, 12, 16, 6, 30), datetime(2026, 12, 16, 7, 0)),
        (datetime(2026, 12, 30, 6, 30), datetime(2026, 12, 30, 7, 0)),
    ]


def test_fifth_weekday_skips_months_without_one():
    window = first_tuesday(week=5, tz="UTC")
    found = pw.occurrences(window, datetime(2026, 1, 1), 2)
    # Tuesdays: the fifth falls in March (31st) and June (30th) 2026
    assert [start.date() for start, _end in found] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
    ]


def test_day_of_month_skips_short_months():
    window = first_tuesday(week=0, month_day=31, tz="UTC")
    found = pw.occurrences(window, datetime(2026, 1, 1), 3)
    assert [start.date() for start, _end in found] == [
        date(2026, 1, 31),
        date(2026, 3, 31),
        date(2026, 5, 31),
    ]


def test_a_window_that_never_occurs_is_refused():
    # the 31st of June, every twelve months: never
    never = first_tuesday(week=0, month_day=31, interval=12, anchor=date(2026, 6, 1))
    assert pw.problems(never) == ["never"]
    assert pw.next_window(never, datetime(2026, 1, 1)) is None
    # the 30th of February neither
    feb = first_tuesday(week=0, month_day=30, interval=12, anchor=date(2026, 2, 1))
    assert pw.problems(feb) == ["never"]
    # the 29th of February does, in leap years
    leap = first_tuesday(week=0, month_day=29, interval=12, anchor=date(2026, 2, 1))
    assert pw.problems(leap) == []
    assert pw.next_window(leap, datetime(2026, 3, 1))[0].date() == date(2028, 2, 29)


def test_bad_values_are_named():
    assert pw.problems(first_tuesday(hour_start=22.0, hour_end=20.0)) == ["hours"]
    assert pw.problems(first_tuesday(hour_end=25.0)) == ["hours"]
    assert pw.problems(first_tuesday(interval=0)) == ["interval"]
    assert pw.problems(first_tuesday(weekday=7)) == ["weekday"]
    assert pw.problems(first_tuesday(week=6)) == ["week"]
    assert pw.problems(first_tuesday(week=0, month_day=32)) == ["month_day"]
    assert pw.problems(first_tuesday(tz="Mars/Olympus")) == ["tz"]
    assert pw.problems(first_tuesday(frequency="daily")) == ["frequency"]
    assert pw.occurrences(first_tuesday(interval=0), datetime(2026, 1, 1)) == []


def test_window_until_midnight_and_dst_change_day():
    # 2026-03-29: clocks go forward in Stockholm; a window that day is still
    # 20:00-24:00 local = 18:00-22:00 UTC
    window = first_tuesday(weekday=6, week=-1, hour_end=24.0)
    assert pw.next_window(window, datetime(2026, 3, 20)) == (
        datetime(2026, 3, 29, 18, 0),
        datetime(2026, 3, 29, 22, 0),
    )
