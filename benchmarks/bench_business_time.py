"""Speed of the support_sla business-time engine (pure Python, no database).

Run: ``python3 benchmarks/bench_business_time.py``. Prints, for 10,000 random
(start, minutes) cases over a 5-year horizon, the time of ``add``, ``between`` and
``add_days`` on the plan calendar of C1 (Europe/Paris, 08:00-17:00 business days,
French public holidays) and on the union plan + Extended + 365 add-ons (C4), plus
the one-off cost of precomputing the intervals.
"""

import importlib.util
import pathlib
import random
import time
from datetime import date, datetime, timedelta

_PATH = pathlib.Path(__file__).parents[1] / "support_sla" / "tools" / "business_time.py"
_SPEC = importlib.util.spec_from_file_location("support_sla_business_time", _PATH)
bt = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bt)

N = 10_000
YEARS = 5
HOLIDAYS = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]


def schedules():
    closures = [
        date(y, m, d) for y in range(2026, 2026 + YEARS + 1) for m, d in HOLIDAYS
    ]
    plan = bt.Schedule(
        "Europe/Paris", [bt.Window(d, 480, 1020) for d in range(5)], closures=closures
    )
    extended = bt.Schedule(
        "Europe/Paris", [bt.Window(d, 420, 1380) for d in range(5)], closures=closures
    )
    weekend = bt.Schedule("Europe/Paris", [bt.Window(d, 480, 1020) for d in (5, 6)])
    return {"plan (C1)": plan, "plan + Extended + 365 (C4)": plan | extended | weekend}


def run(name, sched, rng):
    origin = datetime(2026, 1, 1)
    horizon = YEARS * 365 * 1440
    starts = [origin + timedelta(minutes=rng.randrange(horizon)) for _i in range(N)]
    minutes = [
        rng.choice([10, 60, 480, 960, 2400, rng.randrange(1, 100_000)])
        for _i in range(N)
    ]
    ends = [origin + timedelta(minutes=rng.randrange(horizon)) for _i in range(N)]

    t0 = time.perf_counter()
    sched.between(
        origin, origin + timedelta(days=YEARS * 365)
    )  # precompute the horizon
    t1 = time.perf_counter()
    deadlines = [sched.add(s, m) for s, m in zip(starts, minutes, strict=True)]
    t2 = time.perf_counter()
    spans = [sched.between(a, b) for a, b in zip(starts, ends, strict=True)]
    t3 = time.perf_counter()
    days = [sched.add_days(s, 3) for s in starts]
    t4 = time.perf_counter()
    agree = sum(
        sched.between(s, d) == m
        for s, d, m in zip(starts, deadlines, minutes, strict=True)
    )
    assert len(spans) == len(days) == N
    print(
        f"{name:28} precompute {1000 * (t1 - t0):7.1f} ms | "
        f"{N} add {1000 * (t2 - t1):6.1f} ms ({1e6 * (t2 - t1) / N:5.1f} us) | "
        f"{N} between {1000 * (t3 - t2):6.1f} ms ({1e6 * (t3 - t2) / N:5.1f} us) | "
        f"{N} add_days {1000 * (t4 - t3):6.1f} ms ({1e6 * (t4 - t3) / N:5.1f} us) | "
        f"between(a, add(a, m)) == m: {agree}/{N}"
    )


def main():
    rng = random.Random(2026)
    print(
        f"support_sla business-time engine, {N} cases "
        f"over {YEARS} years (2026-{2025 + YEARS})"
    )
    for name, sched in schedules().items():
        run(name, sched, rng)


if __name__ == "__main__":
    main()
