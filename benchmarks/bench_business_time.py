"""Speed of the support_sla business-time engine.

``python3 benchmarks/bench_business_time.py`` (pure Python, no database) prints,
for 10,000 random (start, minutes) cases over a 5-year horizon, the time of
``add``, ``between`` and ``add_days`` on the plan calendar of C1 (Europe/Paris,
08:00-17:00 business days, French public holidays) and on the union plan + Extended
+ 365 add-ons (C4), plus the one-off cost of precomputing the intervals.

``python3 benchmarks/bench_business_time.py --odoo [--cases N]`` also runs the same
(calendar, start, hours) cases through Odoo's ``resource.calendar.plan_hours(...,
compute_leaves=True)`` on a temporary database (a private PostgreSQL cluster from
``dev/suite.py``, with only ``resource`` installed) and prints the agreement (to
the second) and the speed ratio.

``python3 benchmarks/bench_business_time.py --watcher --odoo-config FILE
--database DB`` runs the breach watcher benchmark instead
(``benchmarks/breach_watcher.py``).
"""

import argparse
import atexit
import importlib.util
import pathlib
import random
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

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


ADD_DAYS_GOAL_US = 20


def result_add_days(scheds, rng):
    """RESULT line (benchmarks protocol): ``add_days(start, 3)`` per call, warm
    (the best of three passes over 10,000 starts), on the slower schedule."""
    origin = datetime(2026, 1, 1)
    starts = [
        origin + timedelta(minutes=rng.randrange(YEARS * 365 * 1440)) for _i in range(N)
    ]
    worst = 0.0
    for sched in scheds.values():
        best = None
        for _pass in range(3):
            t0 = time.perf_counter()
            for start in starts:
                sched.add_days(start, 3)
            spent = (time.perf_counter() - t0) / N * 1e6
            best = spent if best is None else min(best, spent)
        worst = max(worst, best)
    verdict = "ok" if worst <= ADD_DAYS_GOAL_US else "FAIL"
    print(
        f"RESULT\tadd_days of the business-time engine\t{worst:.1f} us"
        f"\t<= {ADD_DAYS_GOAL_US} us\t{verdict}"
    )


def _suite():
    path = pathlib.Path(__file__).parents[1] / "dev" / "suite.py"
    spec = importlib.util.spec_from_file_location("support_suite_dev", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ATTENDANCES = [(d, 8, 12) for d in range(5)] + [(d, 13, 17) for d in range(5)]


def _temp_database(modules):
    """A private PostgreSQL cluster and a database with ``modules`` installed."""
    suite = _suite()
    work = pathlib.Path(tempfile.mkdtemp(prefix="sla-bench-"))
    atexit.register(shutil.rmtree, work, True)
    work.chmod(0o755)
    cluster = suite.Cluster(work / "pgdata")
    atexit.register(cluster.stop)
    cluster.start()
    config = work / "odoo.cfg"
    dbname = "sla_bench"
    suite.write_config(
        config,
        cluster.db_options(),
        {
            "data_dir": work / "data",
            "db_name": dbname,
            "log_level": "warn",
            "http_interface": "127.0.0.1",
        },
    )
    subprocess.run(
        suite.odoo_cmd(config, "-i", modules, "--stop-after-init"), check=True
    )
    import odoo.modules.registry  # only for the optional database benchmarks

    odoo.tools.config.parse_config(["-c", str(config)], setup_logging=False)
    return dbname


def compare_with_odoo(cases):
    """The same cases through our engine and resource.calendar.plan_hours."""
    dbname = _temp_database("resource")
    import odoo
    from odoo.modules.registry import Registry

    closures = [
        date(y, m, d) for y in range(2026, 2026 + YEARS + 1) for m, d in HOLIDAYS
    ]
    ours = bt.Schedule(
        "Europe/Paris",
        [bt.Window(d, h1 * 60, h2 * 60) for d, h1, h2 in ATTENDANCES],
        closures=closures,
    )
    rng = random.Random(19)
    origin = datetime(2026, 1, 1)
    horizon = (YEARS - 1) * 365 * 1440
    starts = [origin + timedelta(minutes=rng.randrange(horizon)) for _i in range(cases)]
    hours = [
        rng.choice([0.25, 1, 4, 8, 16, 24, rng.randrange(1, 200)])
        for _i in range(cases)
    ]
    with Registry(dbname).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        calendar = env["resource.calendar"].create(
            {
                "name": "Bench Paris 08-12 13-17",
                "tz": "Europe/Paris",
                "attendance_ids": [
                    odoo.Command.create(
                        {
                            "name": f"{d} {h1}",
                            "dayofweek": str(d),
                            "hour_from": h1,
                            "hour_to": h2,
                            "day_period": "morning" if h1 < 12 else "afternoon",
                        }
                    )
                    for d, h1, h2 in ATTENDANCES
                ],
            }
        )
        tz = ZoneInfo("Europe/Paris")
        for day in closures:
            start = datetime.combine(day, datetime.min.time()).replace(tzinfo=tz)
            env["resource.calendar.leaves"].create(
                {
                    "name": str(day),
                    "calendar_id": calendar.id,
                    "date_from": start.astimezone(UTC).replace(tzinfo=None),
                    "date_to": (start + timedelta(days=1))
                    .astimezone(UTC)
                    .replace(tzinfo=None),
                }
            )
        env.flush_all()
        t0 = time.perf_counter()
        theirs = [
            calendar.plan_hours(h, s.replace(tzinfo=UTC), compute_leaves=True)
            for s, h in zip(starts, hours, strict=True)
        ]
        t1 = time.perf_counter()
        ours.between(origin, origin + timedelta(days=YEARS * 366))  # precompute
        t2 = time.perf_counter()
        mine = [ours.add(s, h * 60) for s, h in zip(starts, hours, strict=True)]
        t3 = time.perf_counter()
        cr.rollback()

    def second(value):
        value = value.astimezone(UTC).replace(tzinfo=None)
        return (value + timedelta(microseconds=500_000)).replace(microsecond=0)

    agree = sum(bool(o) and second(o) == m for o, m in zip(theirs, mine, strict=True))
    print(
        f"{cases} (calendar, start, hours) cases, Europe/Paris 08-12/13-17 with "
        f"French holidays, starts over {YEARS - 1} years:\n"
        f"  plan_hours(compute_leaves=True): {t1 - t0:.2f} s "
        f"({1e3 * (t1 - t0) / cases:.2f} ms/case)\n"
        f"  support_sla add: {t3 - t2:.3f} s ({1e6 * (t3 - t2) / cases:.1f} us/case) "
        f"+ one-off precompute {1e3 * (t2 - t1):.0f} ms\n"
        f"  speed ratio: x{(t1 - t0) / (t3 - t2):.0f} per call, "
        f"x{(t1 - t0) / (t3 - t1):.0f} including the precompute\n"
        f"  agreement (to the second): {agree}/{cases} ({100 * agree / cases:.2f}%)"
    )
    for o, m, s, h in zip(theirs, mine, starts, hours, strict=True):
        if not (o and second(o) == m):
            print(f"  differs: start {s} hours {h}: plan_hours {o} / ours {m}")
            break


def main():
    if "--watcher" in sys.argv:
        # the breach watcher on a database: benchmarks/breach_watcher.py
        sys.argv.remove("--watcher")
        runpy.run_path(
            str(pathlib.Path(__file__).with_name("breach_watcher.py")),
            run_name="__main__",
        )
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo", action="store_true", help="compare with plan_hours")
    parser.add_argument("--cases", type=int, default=N)
    args = parser.parse_args()
    rng = random.Random(2026)
    print(
        f"support_sla business-time engine, {N} cases "
        f"over {YEARS} years (2026-{2025 + YEARS})"
    )
    scheds = schedules()
    for name, sched in scheds.items():
        run(name, sched, rng)
    if not args.odoo:
        # the figure of this script; sla_engine.py runs it for its own (one
        # RESULT line per figure in run_all.py's table)
        result_add_days(scheds, rng)
        sys.stdout.flush()
    if args.odoo:
        compare_with_odoo(args.cases)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
