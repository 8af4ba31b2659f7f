#!/usr/bin/env python3
"""Developer commands of the support suite: ``run``, ``stop`` and ``test``.

``python3 dev/suite.py run``   start (or reuse) a private PostgreSQL cluster under
                               ``.local/``, create the demo database with the five
                               addons and serve Odoo on http://127.0.0.1:8069.
``python3 dev/suite.py stop``  stop that cluster.
``python3 dev/suite.py test``  lint, pure tests, then every Odoo test on a fresh
                               database of a temporary private cluster.

With PGHOST/PGPORT/PGUSER/PGPASSWORD set, the server they name is used instead of
a private cluster. Odoo 19.0 must be importable (``import odoo``): install it from
Odoo's official sources.
"""

import argparse
import atexit
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

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


ODOO_URL = "https://www.odoo.com/documentation/19.0/administration/on_premise.html"
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
def check_odoo():
    """Stop at once, with one line, unless ``import odoo`` gives Odoo 19.0."""
    code = "import odoo.release as r; print(r.version_info[0], r.version_info[1])"
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    if res.returncode != 0:
        die(
            "Odoo 19.0 is required but 'import odoo' fails in "
            f"{sys.executable}; install Odoo 19.0 Community from {ODOO_URL}"
        )
    if res.stdout.split() != ["19", "0"]:
        found = ".".join(res.stdout.split()) or "unknown"
        die(
            f"Odoo 19.0 is required but 'import odoo' gives Odoo {found}; "
            f"install Odoo 19.0 Community from {ODOO_URL}"
        )


def odoo_addons_paths():
    import odoo

    base = Path(next(iter(odoo.__path__)))
    paths = [base / "addons"]
    # source checkouts keep the standard addons beside the odoo package
    if any((base.parent / "addons").glob("*/__manifest__.py")):
        paths.append(base.parent / "addons")
    paths.append(ROOT)
    return ",".join(str(p) for p in paths)


# --------------------------------------------------------------------- postgres
def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    for cand in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(cand)
    die(f"PostgreSQL server binary '{name}' not found: install PostgreSQL >= 13")
    return None


class Cluster:
    """A private PostgreSQL cluster: loopback only, trust auth, user ``odoo``.

    PostgreSQL refuses to run as root: as root, the server runs as the
    ``postgres`` system user (or ``nobody``) and owns its data directory.
    """

    user = "odoo"

    def __init__(self, datadir):
        self.datadir = Path(datadir)
        self.port = None
        self.runas = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.runas = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if not self.runas:
                die("running as root needs a 'postgres' or 'nobody' system user")

    def _run(self, args, check, **kw):
        # cwd "/": the server's user may not enter the caller's directory
        return subprocess.run(self._cmd(args), check=check, cwd="/", **kw)

    def _cmd(self, args):
        if self.runas:
            return ["runuser", "-u", self.runas.pw_name, "--", *args]
        return args

    def _own(self, path):
        if self.runas:
            os.chown(path, self.runas.pw_uid, self.runas.pw_gid)

    def running_port(self):
        pidfile = self.datadir / "postmaster.pid"
        if not pidfile.exists():
            return None
        lines = pidfile.read_text().splitlines()
        try:
            os.kill(int(lines[0]), 0)
            return int(lines[3])
        except (OSError, ValueError, IndexError):
            return None

    def start(self):
        port = self.running_port()
        if port:
            self.port = port
            return False
        if not (self.datadir / "PG_VERSION").exists():
            self.datadir.mkdir(parents=True, exist_ok=True)
            self._own(self.datadir)
            self._run(
                (
                    [
                        pg_bin("initdb"),
                        "-D",
                        str(self.datadir),
                        "-U",
                        self.user,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                    ]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        self.port = free_port()
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.datadir} -c fsync=off"
        self._run(
            (
                [
                    pg_bin("pg_ctl"),
                    "-D",
                    str(self.datadir),
                    "-o",
                    opts,
                    "-l",
                    str(self.datadir / "server.log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return True

    def stop(self):
        if not self.running_port():
            return
        self._run(
            [pg_bin("pg_ctl"), "-D", str(self.datadir), "-m", "fast", "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
        )

    def db_options(self):
        return {"db_host": "127.0.0.1", "db_port": str(self.port), "db_user": self.user}


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


def write_config(path, db_opts, extra):
    lines = ["[options]", f"addons_path = {odoo_addons_paths()}"]
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


# ---------------------------------------------------------------------------- run
def cmd_run(args):
    check_odoo()
    local = ROOT / ".local"
    local.mkdir(exist_ok=True)
    db_opts = external_db_options()
    cluster = None
    if db_opts is None:
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
        db_opts = cluster.db_options()
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
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                "db",
                "-c",
                str(config),
                "drop",
                args.database,
            ],
            check=False,
        )
    if not db_exists(config, args.database):
        say(f"creating database {args.database} with the suite and its demo data")
        subprocess.run(
            odoo_cmd(
                config, "-i", install_list(ADDONS), "--with-demo", "--stop-after-init"
            ),
            check=True,
        )
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
def lint():
    say("lint: ruff")
    steps = [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile=.pylintrc-mandatory",
            *ADDONS,
        ],
    ]
    for step in steps:
        if step[0] == sys.executable:
            say("lint: pylint-odoo (mandatory checks)")
        res = subprocess.run(step, cwd=ROOT, check=False)
        if res.returncode != 0:
            die(f"lint failed: {' '.join(step)}", 1)


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


def cmd_test(args):
    check_odoo()
    if not args.no_lint:
        lint()
    work = Path(tempfile.mkdtemp(prefix="support-suite-test-"))
    os.chmod(work, 0o755)
    atexit.register(shutil.rmtree, work, True)

    pure_xml = work / "pure.xml"
    if args.no_pure:
        say("pure tests skipped (--no-pure)")
    else:
        say("pure tests (no database)")
        res = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:odoo",
                "-p",
                "no:cacheprovider",
                "tests",
                f"--junitxml={pure_xml}",
            ],
            cwd=ROOT,
            check=False,
        )
        if res.returncode not in (0, 1, 5):  # 5: no test collected
            die("pure tests could not run", 1)
    pure = junit_counts(pure_xml)
    pure_failed = bool(pure["skipped"])
    if pure_failed:
        say(f"{pure['skipped']} pure test(s) skipped: a skipped pure test is a failure")

    db_opts = external_db_options()
    if db_opts is None:
        cluster = Cluster(work / "pgdata")
        atexit.register(cluster.stop)
        cluster.start()
        say(f"private PostgreSQL on 127.0.0.1:{cluster.port}")
        db_opts = cluster.db_options()
    dbname = f"support_test_{os.getpid()}"
    config = work / "odoo.cfg"
    logfile = work / "odoo.log"
    addons = args.addons.split(",") if args.addons else ADDONS
    write_config(
        config,
        db_opts,
        {
            "data_dir": work / "data",
            "db_name": dbname,
            "dbfilter": f"^{dbname}$",
            "http_interface": "127.0.0.1",
            "http_port": free_port(),
            "logfile": logfile,
            "log_level": "info",
            "max_cron_threads": 0,
        },
    )
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

    say("Odoo tests (pytest-odoo, HTTP server and headless Chromium)")
    odoo_xml = work / "odoo.xml"
    test_dirs = [f"{a}/tests" for a in addons if (ROOT / a / "tests").is_dir()]
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--odoo-config={config}",
        f"--odoo-database={dbname}",
        "--odoo-http",
        "--odoo-log-level=info",
        f"--junitxml={odoo_xml}",
        *test_dirs,
    ]
    if args.k:
        cmd += ["-k", args.k]
    res = subprocess.run(cmd, cwd=ROOT, check=False)
    odoo_counts = junit_counts(odoo_xml)
    status = 0
    if res.returncode not in (0, 1):
        say(f"the Odoo test run ended abnormally (pytest exit {res.returncode})")
        status = 1
    if odoo_counts["passed"] + odoo_counts["failed"] == 0:
        say("no Odoo test ran: that is a failure, never a skip")
        status = 1
    if odoo_counts["skipped"]:
        say(
            f"{odoo_counts['skipped']} Odoo test(s) skipped: the suite never skips an "
            "Odoo test silently (missing Chromium or websocket-client?)"
        )
        status = 1
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
    if total["failed"] or pure_failed:
        status = 1
    print(
        f"total: {total['passed']} passed, {total['failed']} failed, "
        f"{total['skipped']} skipped",
        flush=True,
    )
    return status


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
    test = sub.add_parser("test", help="lint and run every test")
    test.add_argument("--no-lint", action="store_true")
    test.add_argument("--no-pure", action="store_true", help="skip the pure tests")
    test.add_argument("--addons", help="comma-separated subset to install and test")
    test.add_argument("-k", help="pytest -k expression for the Odoo tests")
    args = parser.parse_args()
    handler = {"run": cmd_run, "stop": cmd_stop, "test": cmd_test}[args.command]
    sys.exit(handler(args))


if __name__ == "__main__":
    main()
