#!/usr/bin/env python3
"""Developer commands of the support suite: ``run``, ``stop`` and ``test``.

``python3 dev/suite.py run``   start (or reuse) a private PostgreSQL cluster under
                               ``.local/``, create the demo database with the five
                               addons and serve Odoo on http://127.0.0.1:8069.
``python3 dev/suite.py stop``  stop that cluster.
``python3 dev/suite.py test``  lint, pure tests, then every Odoo test on a fresh
                               database of a temporary private cluster.

With PGHOST/PGPORT/PGUSER/PGPASSWORD set, the server they name is used instead of
a private cluster. When ``import odoo`` does not give Odoo 19.0, ``run`` and
``test`` first set up ``.local/venv`` (see ``dev/bootstrap.py``; ``ODOO_SOURCE``
names a local Odoo archive or source folder).
"""

import argparse
import atexit
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from bootstrap import SYSTEM_PACKAGES, ensure_odoo, ensure_system_packages
from pgcluster import Cluster, free_port

ROOT = Path(__file__).resolve().parent.parent
ADDONS = [
    "support_contract",
    "support_ticket",
    "support_sla",
    "support_billing",
    "support_portal",
]
# the demo's providers run on their country's accounting (issue 12); installed
# beside the suite, never a dependency of it: a provider chooses its own
DEMO_LOCALISATIONS = ["l10n_fr_account", "l10n_se"]


def install_list(addons):
    """The addons to install, with the demo's localisations when invoicing."""
    extra = DEMO_LOCALISATIONS if "support_billing" in addons else []
    return ",".join([*addons, *extra])


DEMO_LOGINS = [
    ("administrator", "admin", "admin"),
    ("support agent", "agent", "agent"),
    ("support manager", "manager", "manager"),
    ("portal key user", "keyuser", "keyuser"),
]


def say(msg):
    print(f"[suite] {msg}", flush=True)


def die(msg, code=2):
    print(f"[suite] {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


# --------------------------------------------------------------------------- odoo
def odoo_addons_paths(root=ROOT):
    import odoo

    base = Path(next(iter(odoo.__path__)))
    paths = [base / "addons"]
    # source checkouts keep the standard addons beside the odoo package
    if any((base.parent / "addons").glob("*/__manifest__.py")):
        paths.append(base.parent / "addons")
    paths.append(root)
    return ",".join(str(p) for p in paths)


# --------------------------------------------------------------------- postgres
def external_db_options():
    """The server named by PGHOST/PGPORT/PGUSER/PGPASSWORD, if any."""
    if not os.environ.get("PGHOST"):
        return None
    opts = {"db_host": os.environ["PGHOST"]}
    for env, key in (
        ("PGPORT", "db_port"),
        ("PGUSER", "db_user"),
        ("PGPASSWORD", "db_password"),
    ):
        if os.environ.get(env):
            opts[key] = os.environ[env]
    return opts


def write_config(path, db_opts, extra, root=ROOT):
    lines = ["[options]", f"addons_path = {odoo_addons_paths(root)}"]
    for key, value in {**db_opts, **extra}.items():
        lines.append(f"{key} = {value}")
    Path(path).write_text("\n".join(lines) + "\n")


def odoo_cmd(config, *args):
    return [sys.executable, "-m", "odoo", "server", "-c", str(config), *args]


def db_exists(config, name):
    code = f"""
import sys
from odoo.tools import config
import odoo.sql_db as sql_db
config.parse_config(["-c", {str(config)!r}])
with sql_db.db_connect("postgres").cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [{name!r}])
    found = bool(cr.fetchone())
sys.exit(0 if found else 1)
"""
    return subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# Odoo jobs that call Odoo SA's online services: the demo serves offline, so
# they are switched off in the demo database (a provider's own database keeps them)
ONLINE_JOBS = ["base_vat.vies_iap_check_update"]


def offline_demo(config, name):
    code = f"""
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry
from odoo.tools import config
config.parse_config(["-c", {str(config)!r}])
with Registry({name!r}).cursor() as cr:
    env = Environment(cr, SUPERUSER_ID, {{}})
    for xmlid in {ONLINE_JOBS!r}:
        job = env.ref(xmlid, raise_if_not_found=False)
        if job:
            job.active = False
"""
    say("the demo runs offline: Odoo's online VAT (VIES) sync job is switched off")
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------- run
def prepare(command, required, optional=()):
    """Odoo 19.0 importable (maybe from .local/venv), the system tools present."""
    ensure_odoo([__file__, *sys.argv[1:]])
    if external_db_options():
        required = [name for name in required if name != "postgresql"]
    say(f"{command}: checking {', '.join([*required, *optional])}")
    for names, must in ((required, True), (optional, False)):
        ensure_system_packages({n: SYSTEM_PACKAGES[n] for n in names}, required=must)


def run_cluster(local):
    """The checkout's own cluster in .local/pgdata (None with PGHOST)."""
    if external_db_options() is not None:
        return None
    cluster = Cluster(local / "pgdata")
    if cluster.runas and not _traversable(local, cluster.runas.pw_name):
        die(
            f"{local} is not reachable by the '{cluster.runas.pw_name}' user that "
            "runs PostgreSQL for root: run as a normal user, or set PGHOST"
        )
    started = cluster.start()
    say(
        ("started" if started else "reusing")
        + f" PostgreSQL on 127.0.0.1:{cluster.port} ({cluster.datadir})"
    )
    return cluster


def cmd_run(args):
    local = ROOT / ".local"
    local.mkdir(exist_ok=True)
    cluster = run_cluster(local)
    db_opts = cluster.db_options() if cluster else external_db_options()
    config = local / "odoo.cfg"
    write_config(
        config,
        db_opts,
        {
            "data_dir": local / "filestore",
            "http_interface": "127.0.0.1",
            "http_port": args.port,
            "db_name": args.database,
            "dbfilter": f"^{args.database}$",
            "list_db": "False",
        },
    )
    if args.fresh and db_exists(config, args.database):
        say(f"dropping database {args.database} (--fresh)")
        drop = [sys.executable, "-m", "odoo", "db", "-c", str(config), "drop"]
        subprocess.run([*drop, args.database], check=False)
    if not db_exists(config, args.database):
        say(f"creating database {args.database} with the suite and its demo data")
        subprocess.run(
            odoo_cmd(
                config, "-i", install_list(ADDONS), "--with-demo", "--stop-after-init"
            ),
            check=True,
        )
        offline_demo(config, args.database)
    say(f"serving Odoo on http://127.0.0.1:{args.port}  (Ctrl-C stops)")
    for role, login, password in DEMO_LOGINS:
        say(f"  {role:16s} login: {login:10s} password: {password}")
    proc = subprocess.Popen(odoo_cmd(config))
    try:
        proc.wait()
    except KeyboardInterrupt:
        # A terminal's Ctrl-C reaches Odoo too; otherwise ask it to stop.
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGINT)
            proc.wait()
    finally:
        if cluster:
            cluster.stop()
            say("PostgreSQL stopped (its data stays in .local/ for the next run)")
    return 0


def _traversable(path, user):
    res = subprocess.run(
        ["runuser", "-u", user, "--", "test", "-x", str(path)], check=False
    )
    return res.returncode == 0


def cmd_stop(_args):
    cluster = Cluster(ROOT / ".local" / "pgdata")
    if cluster.running_port():
        cluster.stop()
        say("PostgreSQL stopped")
    else:
        say("no PostgreSQL running for this checkout")
    return 0


# --------------------------------------------------------------------------- test
def _tool(name):
    """A console script beside this python (a venv's bin/), else on PATH."""
    found = Path(sys.executable).parent / name
    if found.exists() or shutil.which(name):
        return str(found) if found.exists() else shutil.which(name)
    die(f"lint: {name} is missing: pip install -r test-requirements.txt")
    return None


def lint():
    """The checks of .pre-commit-config.yaml, with the installed tools."""
    oca = [_tool("oca-checks-odoo-module"), *ADDONS]
    pos = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("support_*/i18n/*.po*"))
    steps = [
        ("ruff", [sys.executable, "-m", "ruff", "check", "."]),
        ("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "."]),
        ("pylint-odoo (mandatory checks)", [sys.executable, "-m", "pylint"]),
        ("oca-checks-odoo-module", oca),
        ("oca-checks-po", [_tool("oca-checks-po"), *pos]),
    ]
    steps[2][1].extend(["--rcfile=.pylintrc-mandatory", *ADDONS])
    for name, cmd in steps:
        say(f"lint: {name}")
        if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
            die(f"lint failed: {' '.join(cmd)}", 1)


def cmd_lint(_args):
    lint()
    say("lint passed")
    return 0


def junit_counts(path):
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    if not Path(path).exists():
        return counts
    root = ET.parse(path).getroot()
    for suite in root.iter("testsuite"):
        tests = int(suite.get("tests", 0))
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped = int(suite.get("skipped", 0))
        counts["failed"] += failed
        counts["skipped"] += skipped
        counts["passed"] += tests - failed - skipped
    return counts


OUR_WARNING = re.compile(
    r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) \S+ (odoo\.addons\.support_\S+)"
)


def our_warnings(logfile):
    if not Path(logfile).exists():
        return []
    return [
        line.rstrip()
        for line in Path(logfile).read_text(errors="replace").splitlines()
        if OUR_WARNING.match(line)
    ]


# the bundles the tours load: built once before the first tour, so that no tour
# waits on their generation (and on the test cursor's lock) under load
TOUR_BUNDLES = [
    "web.assets_web",
    "web.assets_web_print",
    "web.assets_frontend",
    "web.assets_frontend_minimal",
    "web.assets_frontend_lazy",
    "web.assets_tests",
]
ASSETS_CODE = """
import sys
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry
from odoo.tools import config
config.parse_config(["-c", sys.argv[1]])
with Registry(sys.argv[2]).cursor() as cr:
    env = Environment(cr, SUPERUSER_ID, {})
    for name in sys.argv[3:]:
        bundle = env["ir.qweb"]._get_asset_bundle(name)
        bundle.css()
        bundle.js()
"""


def build_assets(config, dbname):
    say(f"building the web assets the tours load ({len(TOUR_BUNDLES)} bundles)")
    cmd = [sys.executable, "-c", ASSETS_CODE, str(config), dbname, *TOUR_BUNDLES]
    if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
        die("building the web assets failed: see the lines above", 1)


def run_pure(work, skip):
    pure_xml = work / "pure.xml"
    if skip:
        say("pure tests skipped (--no-pure)")
        return junit_counts(pure_xml)
    say("pure tests (no database)")
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:odoo"]
    cmd += ["-p", "no:cacheprovider", "tests", f"--junitxml={pure_xml}"]
    res = subprocess.run(cmd, cwd=ROOT, check=False)
    if res.returncode not in (0, 1, 5):  # 5: no test collected
        die("pure tests could not run", 1)
    return junit_counts(pure_xml)


def test_database(work):
    """The PGHOST server, or a temporary private cluster stopped at exit."""
    db_opts = external_db_options()
    if db_opts is None:
        cluster = Cluster(work / "pgdata")
        atexit.register(cluster.stop)
        cluster.start()
        say(f"private PostgreSQL on 127.0.0.1:{cluster.port}")
        db_opts = cluster.db_options()
    return db_opts


def install_suite(config, dbname, addons, logfile):
    say(f"installing {', '.join(addons)} (with demo data) on {dbname}")
    res = subprocess.run(
        odoo_cmd(
            config, "-i", install_list(addons), "--with-demo", "--stop-after-init"
        ),
        cwd=ROOT,
        check=False,
    )
    install_errors = [
        line
        for line in Path(logfile).read_text(errors="replace").splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]
    if res.returncode != 0 or install_errors:
        print("\n".join(install_errors[-40:]))
        die("installing the suite failed: see the lines above", 1)


def run_odoo_tests(config, dbname, addons, work, k):
    """pytest-odoo on the installed database; returns (counts, status)."""
    say("Odoo tests (pytest-odoo, HTTP server and headless Chromium)")
    odoo_xml = work / "odoo.xml"
    test_dirs = [f"{a}/tests" for a in addons if (ROOT / a / "tests").is_dir()]
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    cmd += [f"--odoo-config={config}", f"--odoo-database={dbname}", "--odoo-http"]
    cmd += ["--odoo-log-level=info", f"--junitxml={odoo_xml}", *test_dirs]
    if k:
        cmd += ["-k", k]
    res = subprocess.run(cmd, cwd=ROOT, check=False)
    counts = junit_counts(odoo_xml)
    status = 0
    if res.returncode not in (0, 1):
        say(f"the Odoo test run ended abnormally (pytest exit {res.returncode})")
        status = 1
    if counts["passed"] + counts["failed"] == 0:
        say("no Odoo test ran: that is a failure, never a skip")
        status = 1
    if counts["skipped"]:
        say(
            f"{counts['skipped']} Odoo test(s) skipped: the suite never skips an "
            "Odoo test silently (missing Chromium or websocket-client?)"
        )
        status = 1
    return counts, status


def cmd_test(args):
    if not args.no_lint:
        lint()
    work = Path(tempfile.mkdtemp(prefix="support-suite-test-"))
    os.chmod(work, 0o755)
    atexit.register(shutil.rmtree, work, True)
    pure = run_pure(work, args.no_pure)
    db_opts = test_database(work)
    dbname = f"support_test_{os.getpid()}"
    config, logfile = work / "odoo.cfg", work / "odoo.log"
    addons = args.addons.split(",") if args.addons else ADDONS
    extra = {"data_dir": work / "data", "db_name": dbname, "dbfilter": f"^{dbname}$"}
    extra.update(http_interface="127.0.0.1", http_port=free_port(), logfile=logfile)
    write_config(config, db_opts, {**extra, "log_level": "info", "max_cron_threads": 0})
    install_suite(config, dbname, addons, logfile)
    build_assets(config, dbname)
    odoo_counts, status = run_odoo_tests(config, dbname, addons, work, args.k)
    warnings = our_warnings(logfile)
    if warnings:
        say("the suite's code logged warnings or errors during the tests:")
        print("\n".join(warnings[:40]))
        status = 1
    total = {k: pure[k] + odoo_counts[k] for k in pure}
    say(
        f"pure tests: {pure['passed']} passed, {pure['failed']} failed, "
        f"{pure['skipped']} skipped; "
        f"Odoo tests: {odoo_counts['passed']} passed, {odoo_counts['failed']} failed, "
        f"{odoo_counts['skipped']} skipped"
    )
    print(
        f"total: {total['passed']} passed, {total['failed']} failed, "
        f"{total['skipped']} skipped",
        flush=True,
    )
    if pure["skipped"]:
        say(f"{pure['skipped']} pure test(s) skipped: a skipped pure test is a failure")
        status = 1
    return 1 if total["failed"] else status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve the demo support desk")
    run.add_argument("--database", default="support_demo")
    run.add_argument("--port", default=8069, type=int)
    run.add_argument(
        "--fresh", action="store_true", help="drop and recreate the database"
    )
    sub.add_parser("stop", help="stop the private PostgreSQL cluster")
    sub.add_parser("lint", help="ruff, pylint-odoo and the OCA checks")
    sub.add_parser("upgrade-test", help="upgrade the previous release to HEAD")
    test = sub.add_parser("test", help="lint and run every test")
    test.add_argument("--no-lint", action="store_true")
    test.add_argument("--no-pure", action="store_true", help="skip the pure tests")
    test.add_argument("--addons", help="comma-separated subset to install and test")
    test.add_argument("-k", help="pytest -k expression for the Odoo tests")
    args = parser.parse_args()
    if args.command == "run":
        prepare("run", ["postgresql"], ["wkhtmltopdf"])
    elif args.command == "test":
        prepare("test", ["postgresql", "wkhtmltopdf", "chromium"])
    elif args.command == "upgrade-test":
        prepare("upgrade-test", ["postgresql"], ["wkhtmltopdf"])
        from upgrade import upgrade_test  # suite.py is imported by upgrade.py

        return sys.exit(upgrade_test(args))
    elif args.command == "lint" and not importlib.util.find_spec("pylint_odoo"):
        ensure_odoo([__file__, *sys.argv[1:]])  # the lint tools come with the venv
    commands = {"run": cmd_run, "stop": cmd_stop, "test": cmd_test, "lint": cmd_lint}
    handler = commands[args.command]
    sys.exit(handler(args))


if __name__ == "__main__":
    main()
