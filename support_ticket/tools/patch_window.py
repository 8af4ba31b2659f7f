"""Patch windows (C3 patch agreement): pure recurrence arithmetic, no ``odoo``.

A window recurs weekly (every ``interval`` weeks on ``weekday``) or monthly
(every ``interval`` months, on the ``week``-th ``weekday`` of the month,
``week`` 1-5 or -1 for the last one, or on day ``month_day`` when ``week`` is
0), from ``hour_start`` to ``hour_end`` (hours as floats, 20.5 = 20:30) in the
time zone ``tz``. ``anchor`` is the first day counted: the weeks or months
are counted from its week or month.

The model builds a :class:`Window` from its fields, asks :func:`problems` for
the codes of what is wrong (it words them in the user's language) and
:func:`next_window` for the next occurrence, in naive UTC datetimes like
Odoo's.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FREQUENCIES = ("weekly", "monthly")
WEEKS = (1, 2, 3, 4, 5, -1, 0)  # 0: by day of the month
# the Gregorian calendar repeats every 400 years: a window that does not occur
# in that span never occurs
_CYCLE_MONTHS = 400 * 12


@dataclass(frozen=True)
class Window:
    frequency: str = "monthly"
    interval: int = 1
    weekday: int = 1  # 0 = Monday
    week: int = 1
    month_day: int = 1
    hour_start: float = 20.0
    hour_end: float = 22.0
    tz: str = "UTC"
    anchor: date = date(2000, 1, 1)


def _zone(name):
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return None


def problems(window):
    """Codes of what makes ``window`` invalid, empty when it is valid:
    ``frequency``, ``interval``, ``weekday``, ``week``, ``month_day``,
    ``hours`` (outside 0-24 or not after the start), ``tz``, ``never`` (no
    occurrence at all)."""
    found = []
    if window.frequency not in FREQUENCIES:
        found.append("frequency")
    if not isinstance(window.interval, int) or window.interval < 1:
        found.append("interval")
    if window.weekday not in range(7):
        found.append("weekday")
    if window.frequency == "monthly" and window.week not in WEEKS:
        found.append("week")
    if window.week == 0 and window.month_day not in range(1, 32):
        found.append("month_day")
    if not 0 <= window.hour_start < window.hour_end <= 24:
        found.append("hours")
    if _zone(window.tz) is None:
        found.append("tz")
    if not found and _first_day(window, window.anchor) is None:
        found.append("never")
    return found


def _month_day(window, year, month):
    """The day of ``month`` the monthly window falls on, or None."""
    days = calendar.monthrange(year, month)[1]
    if window.week == 0:
        return window.month_day if window.month_day <= days else None
    if window.week == -1:
        last = date(year, month, days)
        return days - (last.weekday() - window.weekday) % 7
    first = date(year, month, 1)
    day = 1 + (window.weekday - first.weekday()) % 7 + 7 * (window.week - 1)
    return day if day <= days else None


def _days_from(window, start):
    """The days the window falls on, from ``start`` (a date) on, ascending;
    stops after a full Gregorian cycle."""
    anchor = window.anchor
    if window.frequency == "weekly":
        monday = anchor - timedelta(days=anchor.weekday())
        first = monday + timedelta(days=window.weekday)
        step = timedelta(weeks=window.interval)
        if start > first:
            periods = -(-(start - first).days // step.days)
            first += periods * step
        for k in range(_CYCLE_MONTHS):
            yield first + k * step
        return
    base = anchor.year * 12 + anchor.month - 1
    offset = max(0, (start.year * 12 + start.month - 1) - base)
    offset -= offset % window.interval
    for months in range(
        offset, offset + _CYCLE_MONTHS + window.interval, window.interval
    ):
        year, month = divmod(base + months, 12)
        day = _month_day(window, year, month + 1)
        if day is not None and date(year, month + 1, day) >= start:
            yield date(year, month + 1, day)


def _first_day(window, start):
    return next(iter(_days_from(window, start)), None)


def _at(day, hours, zone):
    """Naive UTC datetime of ``hours`` (a float) local time on ``day``."""
    minutes = round(hours * 60)
    local = datetime.combine(day, time()) + timedelta(minutes=minutes)
    aware = local.replace(tzinfo=zone)
    return aware.astimezone(timezone.utc).replace(tzinfo=None)


def occurrences(window, after, count=1):
    """The next ``count`` occurrences of ``window`` that end after ``after``
    (a naive UTC datetime): a list of (start, end) naive UTC datetimes; empty
    when the window is invalid or never occurs."""
    if problems(window):
        return []
    zone = _zone(window.tz)
    local_day = after.replace(tzinfo=timezone.utc).astimezone(zone).date()
    start_day = max(local_day - timedelta(days=1), window.anchor)
    found = []
    for day in _days_from(window, start_day):
        start = _at(day, window.hour_start, zone)
        end = _at(day, window.hour_end, zone)
        if end <= after:
            continue
        found.append((start, end))
        if len(found) >= count:
            break
    return found


def next_window(window, after):
    """The next occurrence ending after ``after``, or None."""
    found = occurrences(window, after, 1)
    return found[0] if found else None
