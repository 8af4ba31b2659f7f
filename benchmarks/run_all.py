#!/usr/bin/env python3
"""Run every benchmark of ``benchmarks/`` and print one table (issue 13).

Each benchmark prints, for each figure it measures, one tab-separated line
``RESULT<TAB>figure<TAB>measured<TAB>goal<TAB>ok|FAIL``. This script sets up
(once: a later run reuses it) a private PostgreSQL cluster in ``--workdir``
(default ``.local/bench``) with a database holding the five addons and their
demo data, runs the pure benchmarks without arguments and the database ones
with ``--odoo-config FILE --database DB`` (each leaves the database
unchanged), and prints the figures as one table: figure, measured, goal, ok.
A benchmark that printed no ``RESULT`` line, or failed without a FAIL line, is
a FAIL row of its own. The scripts are those of ``BENCHMARKS`` below, then any
other ``benchmarks/*.py`` (not starting with ``_``): a script whose source
mentions ``--odoo-config`` gets the database arguments.

    python3 benchmarks/run_all.py              # or: make bench
    python3 benchmarks/run_all.py --markdown   # the table for the README
    python3 benchmarks/run_all.py --only bench_billing.py --only soak.py

Exit status 1 when a row is not ok.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (script, runs on the demo database, extra arguments); order = table order
BENCHMARKS = [
    ("bench_business_time.py", False, []),
    ("ticket_create.py", True, []),
    ("portal_pages.py", True, []),
    ("breach_watcher.py", True, []),
    ("billing_run.py", True, ["--contracts", "1000", "--tickets", "3"]),
    ("soak.py", True, ["--duration", "120", "--portal-users", "8"]),
]
# entry points of another script's mode, not benchmarks of their own
# (bench_billing.py: its database mode is billing_run.py; its pure mode times
# the pricing tools, a figure of no goal)
NOT_BENCHMARKS = {"run_all.py", "sla_engine.py", "bench_billing.py"}
STATUSES = {"ok": True, "fail": False}


# ------------------------------------------------------------------ pure part
def parse_results(text):
    """The ``(figure, measured, goal, ok)`` rows of a benchmark's output, and
    its malformed ``RESULT`` lines. Tolerant: surrounding spaces, ``\\r``,
    case of ok/FAIL; a line without its status field is malformed."""
    rows, malformed = [], []
    for line in text.splitlines():
        line = line.rstrip("\r\n")
        if not line.startswith("RESULT\t"):
            continue
        fields = [f.strip() for f in line.split("\t")[1:]]
        status = STATUSES.get(fields[-1].lower()) if len(fields) >= 4 else None
        if len(fields) < 4 or status is None or not fields[0]:
            malformed.append(line)
            continue
        figure, measured, goal = fields[0], fields[1], "\t".join(fields[2:-1])
        rows.append((figure, measured, goal, status))
    return rows, malformed


def script_rows(script, output, returncode):
    """The table rows of one script's run, with a FAIL row when it printed no
    result, printed a malformed one, or failed without saying which figure."""
    rows, malformed = parse_results(output)
    rows = [(f, m, g, ok) for f, m, g, ok in rows]
    for line in malformed:
        rows.append((f"{script}: malformed line", line[:80], "-", False))
    if not rows:
        rows.append((script, f"no RESULT line (exit status {returncode})", "-", False))
    elif returncode and all(ok for *_rest, ok in rows):
        rows.append((script, f"exit status {returncode}", "0", False))
    return rows


def _cells(rows):
    head = ("figure", "measured", "goal", "ok")
    return head, [(f, m, g, "ok" if ok else "FAIL") for f, m, g, ok in rows]


def format_table(rows):
    """A plain-text table, columns aligned."""
    head, cells = _cells(rows)
    widths = [max(len(str(r[i])) for r in [head, *cells]) for i in range(4)]
    lines = []
    for row in [head, tuple("-" * w for w in widths), *cells]:
        lines.append(
            "  ".join(
                str(c).ljust(w) for c, w in zip(row, widths, strict=True)
            ).rstrip()
        )
    return "\n".join(lines)


def format_markdown(rows):
    """The table in Markdown (pipes in cells escaped)."""
    head, cells = _cells(rows)

    def line(row):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |"

    return "\n".join([line(head), "|---|---|---|---|", *map(line, cells)])


def discover(folder, listed):
    """The benchmarks of ``folder`` not in ``listed``: ``(name, needs_db, [])``."""
    found = []
    for path in sorted(Path(folder).glob("*.py")):
        name = path.name
        if name.startswith("_") or name in listed or name in NOT_BENCHMARKS:
            continue
        found.append((name, "--odoo-config" in path.read_text(), []))
    return found


def plan(folder, only=(), skip=()):
    """``(todo, missing)``: the benchmarks to run (``BENCHMARKS`` found in
    ``folder``, then the others there) and the listed scripts not found;
    ``only`` / ``skip`` filter by script name."""
    folder = Path(folder)
    names = {name for name, _db, _extra in BENCHMARKS}
    missing = [name for name in names if not (folder / name).exists()]
    todo = [b for b in BENCHMARKS if b[0] not in missing] + discover(folder, names)

    def wanted(name):
        return (not only or name in only) and name not in skip

    missing = [n for n, _db, _extra in BENCHMARKS if n in missing and wanted(n)]
    return [b for b in todo if wanted(b[0])], missing


def machine():
    """One line: the machine the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = os.cpu_count()
    return f"{platform.node()}: {model or platform.machine()}, {cpus} CPUs"


# ------------------------------------------------------------------ running
def run_script(name, needs_db, extra, db_args, timeout):
    cmd = [sys.executable, str(HERE / name), *(db_args if needs_db else []), *extra]
    print(f"[bench] {name} {' '.join(cmd[2:])}", file=sys.stderr, flush=True)
    started = time.monotonic()
    try:
        proc = subprocess.run(
            cmd,
            check=False,
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        output, code = proc.stdout, proc.returncode
        if proc.returncode:
            sys.stderr.write(proc.stderr[-3000:])
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout or ""
        output = output.decode() if isinstance(output, bytes) else output
        code = f"timeout after {timeout} s"
    rows = script_rows(name, output, code)
    spent = time.monotonic() - started
    print(f"[bench] {name}: {len(rows)} rows in {spent:.0f} s", file=sys.stderr)
    return rows


def database(args):
    """The bench cluster and its demo database: ``(cluster, db_args)``."""
    import _benchdb as bench

    workdir = Path(args.workdir).resolve()
    cluster = bench.start_cluster(workdir)
    config = bench.write_config(workdir, cluster, args.database)
    if args.fresh:
        bench.drop_database(config, args.database)
    bench.ensure_demo_database(config, args.database, logfile=workdir / "install.log")
    return cluster, ["--odoo-config", str(config), "--database", args.database]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown")
    parser.add_argument("--only", action="append", default=[], help="script name")
    parser.add_argument("--skip", action="append", default=[], help="script name")
    parser.add_argument("--workdir", default=str(HERE.parent / ".local" / "bench"))
    parser.add_argument("--database", default="support_bench")
    parser.add_argument("--fresh", action="store_true", help="recreate the database")
    parser.add_argument("--timeout", type=int, default=3600, help="per script, s")
    args = parser.parse_args(argv)
    todo, missing = plan(HERE, args.only, args.skip)
    cluster = None
    rows = [(name, "script not found", "-", False) for name in missing]
    try:
        db_args = []
        if any(needs_db for _name, needs_db, _extra in todo):
            cluster, db_args = database(args)
        for name, needs_db, extra in todo:
            rows += run_script(name, needs_db, extra, db_args, args.timeout)
    except KeyboardInterrupt:
        print("[bench] interrupted", file=sys.stderr)
        return 130
    finally:
        if cluster and cluster.started_here:
            cluster.stop()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"\nMeasured {stamp} on {machine()}\n")
    print(format_markdown(rows) if args.markdown else format_table(rows))
    return 0 if all(ok for *_rest, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
