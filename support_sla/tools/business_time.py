"""Exact business-time arithmetic on weekly wall-clock schedules (L1, L2, L5, L6, C4).

Pure Python (no Odoo import): the addon builds :class:`Schedule` objects from
``resource.calendar`` records (see ``models/resource_calendar.py``) and asks them for
deadlines and elapsed business time.

Conventions
-----------
* **Datetimes in and out are naive UTC**, exactly as Odoo stores ``fields.Datetime``.
  Sub-second parts are ignored (Odoo stores whole seconds). Aware datetimes are
  accepted and converted to UTC.
* **Minutes** are business minutes. ``add`` accepts ``int`` or ``float`` minutes
  (rounded to the second); ``between`` returns a ``float`` (whole minutes are exact).
* **Windows are wall-clock time** in the schedule's time zone: a 08:00-17:00 window
  stays 08:00-17:00 local time across daylight saving time changes. A window whose
  end is not after its start crosses midnight (``Window(4, 22 * 60, 2 * 60)`` is
  Friday 22:00 to Saturday 02:00).
* **The edge rule** (skipped and repeated local hours): a window edge at wall time W
  is the *first instant at which the local clock reads W or later*. So an edge inside
  a skipped hour (spring forward) falls on the transition instant, and an edge in a
  repeated hour (fall back) is its first occurrence. A window therefore is always one
  contiguous interval; e.g. on the Paris fall-back day 00:00-08:00 lasts 9 real hours,
  and 02:15-02:45 on the spring-forward day lasts 0 minutes.
* **Closures** (public holidays) are removed from the weekly windows, then **extra
  windows** are added (so an extra window may reopen a closed day).
* ``add(start, m)`` returns the *earliest* instant ``t >= start`` with
  ``between(start, t) == m``: a deadline landing exactly on a window end is that end,
  not the next window's start. ``add(start, 0) == start``.
* ``between(a, b)`` is the business time in ``[a, b)``; it is negative when ``b < a``.
* ``add_days(start, n)``: the same local time ``n`` working days later (L1's "3
  business days"). A working day is a local date with some working time. A ``start``
  outside working time first moves to the next working instant. When the same wall
  time is not working time on the target day, the deadline is the end of that day's
  last working period before it (or the day's first working instant if none).
* Intervals are precomputed per schedule over a horizon that grows on demand
  (doubling), and queries answer by bisection on prefix sums: ``O(log n)``.
* A schedule with no working time raises :class:`NoWorkingTimeError` (at construction
  when it has no window at all, at query time when no working time exists within
  ``MAX_IDLE_DAYS`` days, e.g. a closure covering years).
"""

import bisect
import functools
import threading
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "MAX_IDLE_DAYS",
    "BusinessTime",
    "NoWorkingTimeError",
    "Schedule",
    "UnionSchedule",
    "Window",
    "wall_to_utc",
]

EPOCH = datetime(1970, 1, 1)
DAY = 86400
MAX_IDLE_DAYS = 400
_INITIAL_SPAN = 400 * DAY


class NoWorkingTimeError(ValueError):
    """The schedule has no working time (at all, or for more than MAX_IDLE_DAYS)."""


# ------------------------------------------------------------ conversions
def _to_sec(value):
    """Naive UTC (or aware) datetime -> integer seconds since 1970-01-01 UTC."""
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {value!r}")
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    delta = value - EPOCH
    return delta.days * DAY + delta.seconds


def _from_sec(sec):
    return EPOCH + timedelta(seconds=sec)


def _local(sec, tz):
    """UTC seconds -> naive local wall-clock datetime."""
    return datetime.fromtimestamp(sec, tz).replace(tzinfo=None)


def _wall_to_sec(wall, tz):
    """First instant (UTC seconds) at which the local clock reads ``wall`` or later."""
    offset = tz.utcoffset(wall)
    if offset == tz.utcoffset(wall.replace(fold=1)):
        # the usual case: the wall time exists once (no DST transition at hand)
        delta = wall - EPOCH - offset
        return delta.days * DAY + delta.seconds
    u0 = _to_sec(wall.replace(tzinfo=tz, fold=0))
    if _local(u0, tz) == wall:
        # Exists; for a repeated time fold=0 is the first occurrence.
        u1 = _to_sec(wall.replace(tzinfo=tz, fold=1))
        return min(u0, u1)
    # Skipped (gap): the transition instant lies between both fold readings.
    u1 = _to_sec(wall.replace(tzinfo=tz, fold=1))
    lo, hi = min(u0, u1), max(u0, u1)
    while lo < hi:
        mid = (lo + hi) // 2
        if _local(mid, tz) >= wall:
            hi = mid
        else:
            lo = mid + 1
    return lo


def wall_to_utc(tz, wall):
    """Naive local wall time -> naive UTC datetime, by the edge rule of this module."""
    tz = ZoneInfo(tz) if isinstance(tz, str) else tz
    return _from_sec(_wall_to_sec(wall, tz))


def _merge(intervals):
    """Sort and merge overlapping or touching intervals; drop empty ones."""
    out = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _subtract(intervals, holes):
    """intervals minus holes (both sorted, merged)."""
    out = []
    j = 0
    for start, end in intervals:
        cur = start
        while j < len(holes) and holes[j][1] <= cur:
            j += 1
        k = j
        while k < len(holes) and holes[k][0] < end:
            hs, he = holes[k]
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
            if cur >= end:
                break
            k += 1
        if cur < end:
            out.append((cur, end))
    return out


def _clip(intervals, lo, hi):
    return [(max(s, lo), min(e, hi)) for s, e in intervals if e > lo and s < hi]


# ------------------------------------------------------------ windows
class Window:
    """A weekly wall-clock window.

    ``weekday``: 0 = Monday .. 6 = Sunday; ``start``/``end``: minutes after local
    midnight (``end`` up to 1440, or ``end <= start`` to cross midnight);
    ``week``: ``None`` every week, or ``0``/``1`` for two-week patterns, with Odoo's
    parity ``floor((date.toordinal() - 1) / 7) % 2`` (``resource.calendar.attendance
    .get_week_type``) of the window's start date.
    """

    __slots__ = ("end", "start", "week", "weekday")

    def __init__(self, weekday, start, end, week=None):
        if weekday not in range(7):
            raise ValueError(
                f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}"
            )
        if week not in (None, 0, 1):
            raise ValueError(f"week must be None, 0 or 1, got {week!r}")
        start, end = round(start), round(end)
        if not 0 <= start < 1440 or not 0 <= end <= 1440:
            raise ValueError(f"window times must be within a day, got {start}-{end}")
        if end == start:
            raise ValueError(
                f"a window cannot be empty ({start}-{end}); use 0-1440 for a whole day"
            )
        if end < start:
            end += 1440  # crosses midnight
        self.weekday, self.start, self.end, self.week = weekday, start, end, week

    def __repr__(self):
        end = self.end % 1440 or 1440
        return f"Window({self.weekday}, {self.start}, {end}, week={self.week})"

    def __eq__(self, other):
        return isinstance(other, Window) and (
            (self.weekday, self.start, self.end, self.week)
            == (other.weekday, other.start, other.end, other.week)
        )

    def __hash__(self):
        return hash((self.weekday, self.start, self.end, self.week))


def week_parity(day):
    """Odoo's two-week calendar parity of a date (0 = first week, 1 = second)."""
    return ((day.toordinal() - 1) // 7) % 2


# ------------------------------------------------------------ engine
def _locked(method):
    """Serialise queries: a schedule may be shared by threads (Odoo workers' cache)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class BusinessTime:
    """Common engine: sorted disjoint working intervals + prefix sums, lazily extended.

    Subclasses implement ``_generate(lo, hi)`` (UTC seconds) returning the sorted,
    merged working intervals clipped to ``[lo, hi)``, and set ``self.tz``.
    """

    tz = None

    def __init__(self):
        self._lock = threading.RLock()
        self._lo = self._hi = None
        self._starts = []
        self._ends = []
        self._cum = []  # business seconds before interval i (from self._lo)
        self._long_gaps = []
        self._cum_end = []  # business seconds up to the end of interval i
        self._days = {}  # local date ordinal -> (start, end, working), see _day

    # -- horizon -------------------------------------------------------------------
    def _ensure(self, lo, hi):
        if self._lo is not None and self._lo <= lo and hi <= self._hi:
            return
        if self._lo is None:
            new_lo, new_hi = lo - _INITIAL_SPAN, hi + _INITIAL_SPAN
        else:
            span = self._hi - self._lo
            new_lo = min(self._lo, lo - span) if lo < self._lo else self._lo
            new_hi = max(self._hi, hi + span) if hi > self._hi else self._hi
        intervals = self._generate(new_lo, new_hi)
        self._lo, self._hi = new_lo, new_hi
        self._starts = [s for s, _e in intervals]
        self._ends = [e for _s, e in intervals]
        cum, total, cum_end = [], 0, []
        for s, e in intervals:
            cum.append(total)
            total += e - s
            cum_end.append(total)
        self._cum, self._cum_end = cum, cum_end
        # idle stretches longer than MAX_IDLE_DAYS (e.g. a closure covering years)
        self._long_gaps = [
            (intervals[k][1], intervals[k + 1][0])
            for k in range(len(intervals) - 1)
            if intervals[k + 1][0] - intervals[k][1] > MAX_IDLE_DAYS * DAY
        ]

    def _check_gaps(self, a, b):
        """Raise when [a, b] crosses more than MAX_IDLE_DAYS without working time."""
        i = bisect.bisect_right(self._starts, a)
        if i < len(self._starts) and self._starts[i] - a > MAX_IDLE_DAYS * DAY:
            if i == 0 or self._ends[i - 1] <= a:
                gap = [(a, self._starts[i])]
            else:
                gap = []
        else:
            gap = []
        for gap_start, gap_end in gap + self._long_gaps:
            if gap_end > a and gap_start < b:
                raise NoWorkingTimeError(
                    f"no working time from {_from_sec(max(gap_start, a))} to "
                    f"{_from_sec(gap_end)} (UTC): more than {MAX_IDLE_DAYS} days; "
                    "check the schedule's closures"
                )

    def _cum_at(self, sec):
        """Business seconds in [self._lo, sec)."""
        i = bisect.bisect_right(self._starts, sec) - 1
        if i < 0:
            return 0
        return self._cum[i] + min(sec, self._ends[i]) - self._starts[i]

    @_locked
    def intervals(self, start, end):
        """Working intervals (naive UTC datetime pairs) intersecting [start, end)."""
        a, b = _to_sec(start), _to_sec(end)
        if b <= a:
            return []
        self._ensure(a, b)
        i = max(bisect.bisect_right(self._starts, a) - 1, 0)
        out = []
        while i < len(self._starts) and self._starts[i] < b:
            s, e = max(self._starts[i], a), min(self._ends[i], b)
            if e > s:
                out.append((_from_sec(s), _from_sec(e)))
            i += 1
        return out

    # -- queries ---------------------------------------------------------------------
    @_locked
    def between_seconds(self, a, b):
        """Business seconds in [a, b) (negative when b < a)."""
        sa, sb = _to_sec(a), _to_sec(b)
        if sb < sa:
            return -self.between_seconds(b, a)
        self._ensure(sa, sb)
        return self._cum_at(sb) - self._cum_at(sa)

    def between(self, a, b):
        """Business minutes (float) in [a, b); negative when b < a."""
        return self.between_seconds(a, b) / 60

    def add(self, start, minutes):
        """Deadline: the earliest t >= start with between(start, t) == minutes."""
        if minutes is None or minutes < 0:
            raise ValueError(f"minutes must be zero or positive, got {minutes!r}")
        return self.add_seconds(start, round(minutes * 60))

    @_locked
    def add_seconds(self, start, seconds):
        s = _to_sec(start)
        if seconds == 0:
            return _from_sec(s)
        self._ensure(s, s + seconds)
        base = self._cum_at(s)
        target = base + seconds
        while True:
            j = bisect.bisect_left(self._cum_end, target)
            if j < len(self._cum_end):
                deadline = self._starts[j] + target - self._cum[j]
                self._check_gaps(s, deadline)
                return _from_sec(deadline)
            # beyond the horizon: extend, checking that working time still exists
            old_total = self._cum_end[-1] if self._cum_end else 0
            old_hi = self._hi
            self._ensure(self._lo, self._hi + max(self._hi - self._lo, seconds))
            new_total = self._cum_end[-1] if self._cum_end else 0
            if new_total == old_total and self._hi - old_hi >= MAX_IDLE_DAYS * DAY:
                raise NoWorkingTimeError(
                    f"no working time in the {MAX_IDLE_DAYS} days after "
                    f"{_from_sec(max(s, old_hi - MAX_IDLE_DAYS * DAY))} (UTC)"
                )

    @_locked
    def is_working(self, moment):
        return self._is_working_sec(_to_sec(moment))

    def _is_working_sec(self, s):
        self._ensure(s, s + 1)
        i = bisect.bisect_right(self._starts, s) - 1
        return i >= 0 and s < self._ends[i]

    @_locked
    def next_working(self, moment):
        """``moment`` if it is working time, else the next working period's start."""
        return _from_sec(self._next_working_sec(_to_sec(moment)))

    def _next_working_sec(self, s):
        if self._is_working_sec(s):
            return s
        while True:
            self._ensure(s, s + 1)
            i = bisect.bisect_right(self._starts, s)
            if i < len(self._starts):
                self._check_gaps(s, self._starts[i])
                return self._starts[i]
            if self._hi - s > MAX_IDLE_DAYS * DAY:
                raise NoWorkingTimeError(
                    f"no working time in the {MAX_IDLE_DAYS} days "
                    f"after {_from_sec(s)} (UTC)"
                )
            self._ensure(self._lo, self._hi + (self._hi - self._lo))

    def _day_bounds(self, day):
        return (
            _wall_to_sec(datetime.combine(day, time()), self.tz),
            _wall_to_sec(datetime.combine(day + timedelta(days=1), time()), self.tz),
        )

    def _day(self, ordinal):
        """(start, end, working) of a local date (by its ordinal): its UTC seconds
        bounds and whether it has working time (memoized: a schedule never
        changes)."""
        info = self._days.get(ordinal)
        if info is None:
            lo, hi = self._day_bounds(date.fromordinal(ordinal))
            self._ensure(lo, hi)
            working = self._cum_at(hi) > self._cum_at(lo)
            info = self._days[ordinal] = (lo, hi, working)
        return info

    @_locked
    def add_days(self, start, days):
        """Same local time ``days`` working days later (see the module docstring)."""
        if days is None or days < 0 or int(days) != days:
            raise ValueError(f"days must be a whole number >= 0, got {days!r}")
        s = self._next_working_sec(_to_sec(start))
        if days == 0:
            return _from_sec(s)
        wall = _local(s, self.tz)
        ordinal = wall.toordinal()
        found = 0
        idle = 0
        known = self._days
        while found < days:
            ordinal += 1
            if (known.get(ordinal) or self._day(ordinal))[2]:
                found += 1
                idle = 0
            else:
                idle += 1
                if idle > MAX_IDLE_DAYS:
                    raise NoWorkingTimeError(
                        f"no working day in the {MAX_IDLE_DAYS} days "
                        f"after {date.fromordinal(ordinal - idle)}"
                    )
        day = date.fromordinal(ordinal)
        lo, hi, _working = self._day(ordinal)
        if hi - lo == DAY:
            # no DST change that day: the wall time is that far from midnight
            target = lo + wall.hour * 3600 + wall.minute * 60 + wall.second
        else:
            target = _wall_to_sec(datetime.combine(day, wall.time()), self.tz)
        target = min(max(target, lo), hi)
        if self._is_working_sec(target):
            return _from_sec(target)
        # the same wall time is not working on that day: last working end before it,
        # or else the day's first working instant
        i = bisect.bisect_right(self._starts, target) - 1
        if i >= 0 and self._ends[i] > lo:
            return _from_sec(self._ends[i])
        return _from_sec(max(self._starts[i + 1], lo))

    def __or__(self, other):
        return UnionSchedule([self, other])


class Schedule(BusinessTime):
    """Weekly wall-clock windows in a time zone, minus closures, plus extra windows.

    ``tz``: IANA name or ZoneInfo; ``windows``: :class:`Window` or tuples
    ``(weekday, start_minute, end_minute[, week])``; ``closures``: naive UTC
    ``(start, end)`` datetime pairs or ``date`` objects (a whole local day);
    ``extra``: naive UTC ``(start, end)`` pairs of additional working time.
    """

    def __init__(self, tz, windows, closures=(), extra=(), name=None):
        super().__init__()
        self.name = name
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self.windows = tuple(
            w if isinstance(w, Window) else Window(*w) for w in windows
        )
        closure_secs = []
        for item in closures:
            if isinstance(item, date) and not isinstance(item, datetime):
                closure_secs.append(self._day_bounds(item))
            else:
                start, end = item
                closure_secs.append((_to_sec(start), _to_sec(end)))
        self._closures = _merge(closure_secs)
        self._extra = _merge((_to_sec(s), _to_sec(e)) for s, e in extra)
        if not self.windows and not self._extra:
            label = f"schedule {name!r}" if name else "the schedule"
            raise NoWorkingTimeError(
                f"{label} has no working time (no weekly window, no extra window)"
            )

    @classmethod
    def always(cls, tz="UTC"):
        """24/7 (plain clock time, L6)."""
        return cls(tz, [Window(d, 0, 1440) for d in range(7)], name="24/7")

    def _generate(self, lo, hi):
        tz = self.tz
        first = _local(lo, tz).date() - timedelta(days=2)
        last = _local(hi, tz).date() + timedelta(days=1)
        by_day = {}
        for w in self.windows:
            by_day.setdefault(w.weekday, []).append(w)
        raw = []
        day = first
        while day <= last:
            windows = by_day.get(day.weekday())
            if windows:
                parity = week_parity(day)
                midnight = datetime.combine(day, time())
                for w in windows:
                    if w.week is not None and w.week != parity:
                        continue
                    raw.append(
                        (
                            _wall_to_sec(midnight + timedelta(minutes=w.start), tz),
                            _wall_to_sec(midnight + timedelta(minutes=w.end), tz),
                        )
                    )
            day += timedelta(days=1)
        intervals = _merge(raw)
        intervals = _subtract(intervals, self._closures)
        intervals = _merge(intervals + self._extra)
        return _clip(intervals, lo, hi)

    def __repr__(self):
        return f"Schedule({self.tz.key!r}, {list(self.windows)!r}, name={self.name!r})"


class UnionSchedule(BusinessTime):
    """Working time of any of several schedules (plan calendar + add-on calendars, C4).

    Local dates (``add_days``) use the first schedule's time zone.
    """

    def __init__(self, schedules):
        super().__init__()
        flat = []
        for sched in schedules:
            flat.extend(
                sched.schedules if isinstance(sched, UnionSchedule) else [sched]
            )
        if not flat:
            raise NoWorkingTimeError("a union of no schedule has no working time")
        self.schedules = tuple(flat)
        self.tz = flat[0].tz

    def _generate(self, lo, hi):
        raw = []
        for sched in self.schedules:
            raw.extend(sched._generate(lo, hi))
        return _merge(raw)

    def __repr__(self):
        return f"UnionSchedule({list(self.schedules)!r})"
