"""Business-time engine of support_sla (pure, no database): L1, L2, L5, L6, C4.

The engine is checked against a brute-force oracle written independently below: it
finds each window edge by scanning UTC minutes for the first one whose local clock
reading is at or past the edge's wall time (the documented edge rule), marks every
working minute in a bitmap, and walks that bitmap minute by minute.
"""

import importlib.util
import os
import pathlib
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

_PATH = pathlib.Path(__file__).parents[1] / "support_sla" / "tools" / "business_time.py"
_SPEC = importlib.util.spec_from_file_location("support_sla_business_time", _PATH)
bt = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bt)

Schedule, UnionSchedule, Window = bt.Schedule, bt.UnionSchedule, bt.Window
NoWorkingTimeError = bt.NoWorkingTimeError

ZONES = ["Europe/Paris", "Europe/Stockholm", "America/New_York", "Australia/Sydney"]
# 2026 DST transitions (local dates) of the zones above
DST_DAYS = {
    "Europe/Paris": [date(2026, 3, 29), date(2026, 10, 25)],
    "Europe/Stockholm": [date(2026, 3, 29), date(2026, 10, 25)],
    "America/New_York": [date(2026, 3, 8), date(2026, 11, 1)],
    "Australia/Sydney": [date(2026, 4, 5), date(2026, 10, 4)],
}
EPOCH = datetime(1970, 1, 1)
MIN = timedelta(minutes=1)


def utc(*args):
    return datetime(*args)


def office(tz, start=8 * 60, end=17 * 60, days=range(5), **kw):
    return Schedule(tz, [Window(d, start, end) for d in days], **kw)


# --------------------------------------------------------------------------------------
# brute-force oracle
# --------------------------------------------------------------------------------------
def to_min(dt):
    return int((dt - EPOCH).total_seconds()) // 60


def from_min(m):
    return EPOCH + timedelta(minutes=m)


def local_reading(tz, minute):
    return datetime.fromtimestamp(minute * 60, tz).replace(tzinfo=None)


def oracle_edge(tz, wall, _cache={}):  # noqa: B006 (memo)
    """First UTC minute whose local clock reads ``wall`` or later (scan)."""
    key = (tz.key, wall)
    if key not in _cache:
        m = to_min(wall) - 15 * 60
        while local_reading(tz, m) < wall:
            m += 1
        _cache[key] = m
    return _cache[key]


class Oracle:
    """Working minutes of a schedule spec as a bitmap over [lo, hi) UTC minutes."""

    def __init__(self, specs, lo, hi):
        self.lo, self.hi = lo, hi
        bits = bytearray(hi - lo)
        for spec in specs:
            mine = bytearray(hi - lo)
            tz = ZoneInfo(spec["tz"])
            first = local_reading(tz, lo).date() - timedelta(days=2)
            last = local_reading(tz, hi).date() + timedelta(days=1)
            day = first
            while day <= last:
                parity = ((day.toordinal() - 1) // 7) % 2
                for wd, s, e, week in spec["windows"]:
                    if wd != day.weekday() or (week is not None and week != parity):
                        continue
                    if e <= s:
                        e += 1440
                    midnight = datetime(day.year, day.month, day.day)
                    a = oracle_edge(tz, midnight + timedelta(minutes=s))
                    b = oracle_edge(tz, midnight + timedelta(minutes=e))
                    for m in range(max(a, lo), min(b, hi)):
                        mine[m - lo] = 1
                day += timedelta(days=1)
            for cday in spec.get("closed_days", []):
                midnight = datetime(cday.year, cday.month, cday.day)
                a = oracle_edge(tz, midnight)
                b = oracle_edge(tz, midnight + timedelta(days=1))
                for m in range(max(a, lo), min(b, hi)):
                    mine[m - lo] = 0
            for cs, ce in spec.get("closures", []):
                for m in range(max(to_min(cs), lo), min(to_min(ce), hi)):
                    mine[m - lo] = 0
            for xs, xe in spec.get("extra", []):
                for m in range(max(to_min(xs), lo), min(to_min(xe), hi)):
                    mine[m - lo] = 1
            for i, bit in enumerate(mine):
                if bit:
                    bits[i] = 1
        self.bits = bits

    def between(self, a, b):
        return sum(self.bits[to_min(a) - self.lo : to_min(b) - self.lo])

    def add(self, a, minutes):
        m = to_min(a)
        if minutes == 0:
            return a
        count = 0
        while True:
            if self.bits[m - self.lo]:
                count += 1
                if count == minutes:
                    return from_min(m + 1)
            m += 1


def build(specs):
    schedules = [
        Schedule(
            spec["tz"],
            [Window(*w) for w in spec["windows"]],
            closures=list(spec.get("closed_days", [])) + list(spec.get("closures", [])),
            extra=spec.get("extra", []),
        )
        for spec in specs
    ]
    return schedules[0] if len(schedules) == 1 else UnionSchedule(schedules)


# --------------------------------------------------------------------------------------
# hypothesis strategies
# --------------------------------------------------------------------------------------
minutes_of_day = st.integers(0, 1439).map(lambda m: m - m % 15)


@st.composite
def windows(draw):
    wd = draw(st.integers(0, 6))
    s = draw(minutes_of_day)
    length = draw(st.sampled_from([15, 30, 60, 90, 240, 480, 540, 600, 960, 1440]))
    e = (s + length) % 1440
    if length == 1440:
        s, e = 0, 1440
    week = draw(st.sampled_from([None, None, None, 0, 1]))
    return (wd, s, e, week)


@st.composite
def specs(draw, tz, around):
    ws = draw(st.lists(windows(), min_size=1, max_size=8))
    if draw(st.booleans()):
        # a dense office schedule under the random windows keeps deadlines near
        ws += [(d, 480, 1020, None) for d in range(5)]
    closed = draw(
        st.lists(
            st.integers(-6, 6).map(lambda d: around + timedelta(days=d)), max_size=3
        )
    )
    base = datetime(around.year, around.month, around.day)
    extra = []
    for _i in range(draw(st.integers(0, 2))):
        off = draw(st.integers(-5 * 24 * 4, 5 * 24 * 4)) * 15
        length = draw(st.integers(1, 40)) * 15
        extra.append(
            (base + timedelta(minutes=off), base + timedelta(minutes=off + length))
        )
    return {"tz": tz, "windows": ws, "closed_days": closed, "extra": extra}


@st.composite
def cases(draw):
    tz = draw(st.sampled_from(ZONES))
    around = draw(st.sampled_from(DST_DAYS[tz]))
    n = draw(st.integers(1, 2))
    spec_list = [draw(specs(tz, around))]
    if n == 2:
        tz2 = draw(st.sampled_from([tz, "UTC"]))
        spec_list.append(draw(specs(tz2, around)))
    start = datetime(around.year, around.month, around.day) + timedelta(
        minutes=draw(st.integers(-4 * 1440, 4 * 1440))
    )
    return spec_list, start


# Examples per property: the oracle walks minute by minute, so the default keeps the
# suite quick; raise SUPPORT_HYPOTHESIS_EXAMPLES for a deep run (e.g. 2000).
EXAMPLES = int(os.environ.get("SUPPORT_HYPOTHESIS_EXAMPLES", "300"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------------------
# property tests against the oracle
# --------------------------------------------------------------------------------------
@SETTINGS
@given(cases(), st.integers(0, 4 * 1440), st.data())
def test_between_matches_oracle(case, span, data):
    """between() equals the minute count of the oracle, around 2026 DST days."""
    spec_list, start = case
    end = start + timedelta(minutes=span)
    sched = build(spec_list)
    oracle = Oracle(spec_list, to_min(start) - 10, to_min(end) + 10)
    assert sched.between(start, end) == oracle.between(start, end)
    assert sched.between(end, start) == -oracle.between(start, end)


@SETTINGS
@given(cases(), st.integers(0, 3000))
def test_add_matches_oracle(case, minutes):
    """add() is the earliest instant reaching the minutes, as the oracle walks them."""
    spec_list, start = case
    sched = build(spec_list)
    deadline = sched.add(start, minutes)
    # the oracle's window does not depend on the engine's answer: a wrong deadline
    # is a mismatch, never a filtered example
    hi = to_min(start) + 30 * 1440
    oracle = Oracle(spec_list, to_min(start) - 10, hi)
    # sparse schedules that do not reach the minutes within the window are filtered
    assume(oracle.between(start, from_min(hi - 10)) >= minutes)
    assert deadline == oracle.add(start, minutes)
    assert sched.between(start, deadline) == minutes


@SETTINGS
@given(cases(), st.integers(0, 200_000))
def test_between_add_roundtrip(case, minutes):
    """between(a, add(a, m)) == m and the deadline is the earliest such instant."""
    spec_list, start = case
    sched = build(spec_list)
    deadline = sched.add(start, minutes)
    assert deadline >= start
    assert sched.between(start, deadline) == minutes
    if minutes:
        assert sched.between(start, deadline - timedelta(seconds=1)) < minutes
        assert sched.is_working(deadline - timedelta(seconds=1))


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.integers(0, 5 * 365 * 1440),
    st.integers(0, 5 * 365 * 1440),
    st.integers(0, 5 * 365 * 1440),
)
def test_additivity_multi_year(tz, x, y, z):
    """between is additive over multi-year spans; add composes."""
    sched = office(tz, closures=[date(2027, 1, 1), date(2028, 12, 25)])
    origin = datetime(2025, 6, 1)
    a, b, c = sorted(origin + timedelta(minutes=v) for v in (x, y, z))
    assert sched.between(a, c) == sched.between(a, b) + sched.between(b, c)
    m1, m2 = sched.between(a, b), sched.between(b, c)
    if m2:
        assert sched.add(sched.add(a, m1), m2) == sched.add(a, m1 + m2)


# --------------------------------------------------------------------------------------
# daylight saving time: the documented edge rule
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("tz", ZONES)
def test_office_day_is_nine_hours_on_dst_days(tz):
    """L1: 08:00-17:00 stays 08:00-17:00 local time on both 2026 DST days."""
    sched = office(tz, days=range(7))
    for day in DST_DAYS[tz]:
        start = bt.wall_to_utc(tz, datetime(day.year, day.month, day.day))
        end = bt.wall_to_utc(
            tz, datetime(day.year, day.month, day.day) + timedelta(days=1)
        )
        assert sched.between(start, end) == 9 * 60
        eight = bt.wall_to_utc(tz, datetime(day.year, day.month, day.day, 8))
        assert sched.add(start, 60) == eight + timedelta(hours=1)
        local = sched.add(start, 9 * 60).replace(tzinfo=ZoneInfo("UTC"))
        assert local.astimezone(ZoneInfo(tz)).hour == 17


def test_paris_skipped_and_repeated_hours():
    """Edges in a skipped hour: the transition; in a repeated hour: first occurrence."""
    tz = "Europe/Paris"
    # spring forward 2026-03-29: 02:00 CET -> 03:00 CEST at 01:00 UTC
    assert bt.wall_to_utc(tz, datetime(2026, 3, 29, 2, 30)) == utc(2026, 3, 29, 1, 0)
    night = Schedule(tz, [Window(6, 0, 8 * 60)])  # Sunday 00:00-08:00
    assert night.between(utc(2026, 3, 28), utc(2026, 3, 30)) == 7 * 60
    skipped = Schedule(tz, [Window(6, 2 * 60 + 15, 2 * 60 + 45)])
    assert skipped.between(utc(2026, 3, 28), utc(2026, 3, 30)) == 0
    # fall back 2026-10-25: 03:00 CEST -> 02:00 CET at 01:00 UTC
    assert bt.wall_to_utc(tz, datetime(2026, 10, 25, 2, 30)) == utc(2026, 10, 25, 0, 30)
    assert night.between(utc(2026, 10, 24), utc(2026, 10, 26)) == 9 * 60
    repeated = Schedule(tz, [Window(6, 2 * 60 + 15, 2 * 60 + 45)])
    assert repeated.between(utc(2026, 10, 24), utc(2026, 10, 26)) == 30
    ending_in_fold = Schedule(tz, [Window(6, 0, 2 * 60 + 30)])  # ends at first 02:30
    assert ending_in_fold.between(utc(2026, 10, 24), utc(2026, 10, 26)) == 150
    starting_in_fold = Schedule(tz, [Window(6, 2 * 60 + 30, 4 * 60)])
    assert starting_in_fold.between(utc(2026, 10, 24), utc(2026, 10, 26)) == 150


def test_new_york_and_sydney_transitions():
    """America/New_York (March 8) and Australia/Sydney (April 5, southern autumn)."""
    ny = Schedule("America/New_York", [Window(6, 0, 1440)])
    assert ny.between(utc(2026, 3, 8, 5), utc(2026, 3, 9, 4)) == 23 * 60
    sydney = Schedule("Australia/Sydney", [Window(6, 0, 1440)])
    # 2026-04-05 is a Sunday: 03:00 AEDT -> 02:00 AEST, a 25-hour day
    assert sydney.between(utc(2026, 4, 4, 12), utc(2026, 4, 5, 15)) == 25 * 60


def test_window_crossing_midnight():
    """Friday 22:00 - Saturday 02:00 counts on both dates."""
    sched = Schedule("Europe/Paris", [Window(4, 22 * 60, 2 * 60)])
    fri = utc(2026, 1, 9, 21)  # 22:00 CET
    assert sched.add(fri, 240) == utc(2026, 1, 10, 1)
    assert sched.between(utc(2026, 1, 10, 0), utc(2026, 1, 11)) == 60
    assert sched.add(fri, 241) == utc(2026, 1, 16, 21, 1)


# --------------------------------------------------------------------------------------
# closures, extra windows, unions, two-week patterns
# --------------------------------------------------------------------------------------
def test_public_holiday_is_skipped():
    """L1: business time skips the provider's public holidays."""
    sched = office("Europe/Paris", closures=[date(2026, 5, 1)])
    thursday_16 = utc(2026, 4, 30, 14)  # 16:00 CEST
    assert sched.add(thursday_16, 120) == utc(2026, 5, 4, 7)  # Monday 09:00
    assert sched.between(utc(2026, 5, 1), utc(2026, 5, 2)) == 0


def test_closure_as_utc_interval_and_extra_window():
    """A half-day closure and an extra Saturday window."""
    sched = office(
        "Europe/Paris",
        closures=[(utc(2026, 6, 1, 10), utc(2026, 6, 1, 12))],
        extra=[(utc(2026, 6, 6, 8), utc(2026, 6, 6, 10))],
    )
    assert sched.between(utc(2026, 6, 1), utc(2026, 6, 2)) == 7 * 60
    assert sched.between(utc(2026, 6, 6), utc(2026, 6, 7)) == 120


def test_extra_window_reopens_closed_day():
    sched = office(
        "Europe/Paris",
        closures=[date(2026, 5, 1)],
        extra=[(utc(2026, 5, 1, 8), utc(2026, 5, 1, 9))],
    )
    assert sched.between(utc(2026, 5, 1), utc(2026, 5, 2)) == 60


def test_union_plan_and_addons():
    """C4: Extended (07:00-23:00 weekdays) and 365 (weekends 08:00-17:00) add time."""
    plan = office("Europe/Paris")
    extended = office("Europe/Paris", start=7 * 60, end=23 * 60)
    weekend = office("Europe/Paris", days=[5, 6])
    union = plan | extended | weekend
    assert isinstance(union, UnionSchedule)
    assert len(union.schedules) == 3
    friday_22 = utc(2026, 1, 9, 21)
    assert union.add(friday_22, 10) == utc(2026, 1, 9, 21, 10)
    assert union.add(utc(2026, 1, 9, 21, 55), 10) == utc(2026, 1, 10, 7, 5)
    assert plan.add(friday_22, 10) == utc(2026, 1, 12, 7, 10)
    assert union.between(utc(2026, 1, 5), utc(2026, 1, 12)) == 5 * 16 * 60 + 2 * 9 * 60


def test_two_week_pattern():
    """Two-week calendars use Odoo's week parity (resource.calendar.attendance)."""
    sched = Schedule(
        "Europe/Paris",
        [Window(d, 480, 1020, week=0) for d in range(5)]
        + [Window(d, 480, 720, week=1) for d in range(5)],
    )
    monday = date(2026, 1, 5)
    parity = ((monday.toordinal() - 1) // 7) % 2
    week1 = sched.between(utc(2026, 1, 5), utc(2026, 1, 12))
    week2 = sched.between(utc(2026, 1, 12), utc(2026, 1, 19))
    expected = (45 * 60, 20 * 60) if parity == 0 else (20 * 60, 45 * 60)
    assert (week1, week2) == expected


def test_always_is_plain_clock_time():
    """L6: plain clock minutes, including across DST."""
    clock = Schedule.always("Europe/Paris")
    start = utc(2026, 3, 28, 22)
    assert clock.add(start, 24 * 60) == start + timedelta(hours=24)
    assert clock.between(start, start + timedelta(days=400)) == 400 * 1440
    utc_clock = Schedule.always()
    assert utc_clock.add(start, 17) == start + timedelta(minutes=17)


# --------------------------------------------------------------------------------------
# business days (L1, L3)
# --------------------------------------------------------------------------------------
def test_add_days_same_local_time():
    """L1: Low = 3 business days, same local time, skipping weekend and holiday."""
    sched = office("Europe/Paris", closures=[date(2026, 5, 1)])
    wed_noon = utc(2026, 4, 29, 10)  # 12:00 CEST
    assert sched.add_days(wed_noon, 3) == utc(2026, 5, 5, 10)
    assert sched.add_days(wed_noon, 0) == wed_noon


def test_add_days_across_dst_keeps_wall_time():
    sched = office("Europe/Paris")
    friday = utc(2026, 3, 27, 9)  # 10:00 CET
    assert sched.add_days(friday, 1) == utc(2026, 3, 30, 8)  # 10:00 CEST


def test_add_days_start_outside_hours():
    """A ticket created at night counts from the next opening."""
    sched = office("Europe/Paris")
    friday_night = utc(2026, 1, 9, 20)
    assert sched.add_days(friday_night, 2) == utc(2026, 1, 14, 7)  # Wednesday 08:00


def test_add_days_short_target_day_clamps():
    """Same wall time not worked on the target day: end of that day's last period."""
    sched = Schedule(
        "Europe/Paris",
        [Window(d, 480, 1020) for d in range(4)] + [Window(4, 480, 720)],
    )
    thursday_15 = utc(2026, 1, 8, 14)
    assert sched.add_days(thursday_15, 1) == utc(2026, 1, 9, 11)  # Friday 12:00
    late = Schedule(
        "Europe/Paris",
        [Window(d, 480, 1020) for d in range(4)] + [Window(4, 900, 1020)],
    )
    monday_9 = utc(2026, 1, 5, 8)
    assert late.add_days(monday_9, 4) == utc(2026, 1, 9, 14)  # Friday 15:00


# --------------------------------------------------------------------------------------
# horizon, zero, errors
# --------------------------------------------------------------------------------------
def test_any_horizon():
    """No window-count limit: decades ahead, back in the past, all answered exactly."""
    sched = office("Europe/Stockholm")
    start = utc(2026, 1, 5, 7)  # Monday 08:00 CET
    weeks = 52 * 30
    deadline = sched.add(start, weeks * 45 * 60)
    assert sched.between(start, deadline) == weeks * 45 * 60
    assert deadline.year == 2055
    assert sched.between(utc(1990, 1, 1), utc(1990, 1, 8)) == 45 * 60
    assert sched.between(utc(2026, 1, 5), utc(2027, 1, 4)) == 52 * 45 * 60


def test_multi_year_against_oracle():
    """A 2-year span with holidays, checked minute by minute."""
    spec = {
        "tz": "Europe/Paris",
        "windows": [(d, 480, 1020, None) for d in range(5)],
        "closed_days": [date(2026, 12, 25), date(2027, 1, 1), date(2027, 5, 1)],
    }
    sched = build([spec])
    a, b = utc(2026, 2, 3, 9, 17), utc(2028, 1, 9, 3, 41)
    oracle = Oracle([spec], to_min(a) - 10, to_min(b) + 30 * 1440)
    total = oracle.between(a, b)
    assert sched.between(a, b) == total
    assert sched.add(a, total) == oracle.add(a, total)
    rng = random.Random(4)
    for _i in range(200):
        m = rng.randrange(0, total)
        assert sched.add(a, m) == oracle.add(a, m)


def test_zero_minutes_and_seconds():
    sched = office("Europe/Paris")
    saturday = utc(2026, 1, 10, 12)
    assert sched.add(saturday, 0) == saturday
    assert sched.between(saturday, saturday) == 0
    start = utc(2026, 1, 5, 7, 0, 30)
    assert sched.add(start, 10) == utc(2026, 1, 5, 7, 10, 30)
    assert sched.between(start, utc(2026, 1, 5, 7, 1)) == 0.5
    assert sched.add(start, 0.5) == utc(2026, 1, 5, 7, 1)


def test_aware_datetimes_are_converted():
    sched = office("Europe/Paris")
    aware = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert sched.add(aware, 60) == utc(2026, 1, 5, 9)


def test_no_working_time_errors():
    """A schedule with no working time raises a clear error, never a wrong deadline."""
    with pytest.raises(NoWorkingTimeError, match="no working time"):
        Schedule("Europe/Paris", [])
    years = Schedule(
        "Europe/Paris",
        [Window(0, 480, 1020)],
        closures=[(utc(2026, 1, 1), utc(2030, 1, 1))],
    )
    with pytest.raises(NoWorkingTimeError, match="no working time"):
        years.add(utc(2026, 2, 1), 60)
    with pytest.raises(NoWorkingTimeError):
        years.add_days(utc(2026, 2, 1), 1)
    with pytest.raises(NoWorkingTimeError):
        years.next_working(utc(2026, 2, 1))
    with pytest.raises(NoWorkingTimeError):
        UnionSchedule([])


def test_bad_arguments():
    sched = office("Europe/Paris")
    with pytest.raises(ValueError, match="zero or positive"):
        sched.add(utc(2026, 1, 5), -1)
    with pytest.raises(ValueError, match="whole number"):
        sched.add_days(utc(2026, 1, 5), 1.5)
    with pytest.raises(TypeError):
        sched.add(date(2026, 1, 5), 10)
    with pytest.raises(ValueError, match="weekday"):
        Window(7, 0, 60)
    with pytest.raises(ValueError, match="empty"):
        Window(0, 60, 60)
    with pytest.raises(ValueError, match="within a day"):
        Window(0, 0, 1500)
    with pytest.raises(ValueError, match="week"):
        Window(0, 0, 60, week=2)


def test_intervals_listing_and_repr():
    sched = office("Europe/Paris")
    assert sched.intervals(utc(2026, 1, 5), utc(2026, 1, 6)) == [
        (utc(2026, 1, 5, 7), utc(2026, 1, 5, 16))
    ]
    assert sched.intervals(utc(2026, 1, 6), utc(2026, 1, 5)) == []
    assert "Europe/Paris" in repr(sched)
    assert Window(0, 480, 1020) == Window(0, 480, 1020)
    assert len({Window(0, 480, 1020), Window(0, 480, 1020)}) == 1
