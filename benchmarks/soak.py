#!/usr/bin/env python3
"""Soak test of the suite on Odoo's multi-process server (issue 13).

Starts Odoo with ``--workers=2 --max-cron-threads=1`` on a copy of a demo
database, then for ``--duration`` seconds sends traffic to 127.0.0.1 only:
``--portal-users`` key users open tickets and reply through the portal pages
(session, CSRF and form tokens as a browser), monitoring senders post alerts
with their Bearer token (one in four twice at once), the demo agents
(``agent``, ``manager``) read their queue, answer and resolve through
JSON-RPC ``call_kw``. Time passes faster for the SLA clocks: every
``--breach-every`` seconds a batch of running clocks of the soak's tickets is
given a deadline just past (SQL) and the breach watcher is triggered as
``ir.cron._trigger`` does (a trigger row and a ``cron_trigger``
notification), so that the cron worker runs it; the monthly invoicing is
triggered twice the same way. At the end it lets the crons finish and checks:
no HTTP 5xx (nor JSON-RPC server error), every accepted alert is exactly one
new ticket or one update (one open ticket per contract and alert key), every
due clock breached and none notified twice, one invoice per contract and
month. It prints requests per second and p50/p95 latency per route, the
checks, and ``RESULT`` lines (see ``run_all.py``); it exits 1 when a check
fails and stops everything it started (also on Ctrl-C).

    python3 benchmarks/soak.py --duration 60 --portal-users 4
    python3 benchmarks/soak.py --odoo-config FILE --database DB   # a copy of DB

Without ``--odoo-config`` it creates a private PostgreSQL cluster and a demo
database in a temporary folder (several minutes), or in ``--workdir``, where
a later run reuses them. With ``--odoo-config`` the database server of that
file is used and ``--database`` is copied (with its filestore) to a soak
database dropped at the end: the given database is left unchanged.
"""

import argparse
import configparser
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _benchdb as bench
import _soak_checks as checks
import psycopg2
import requests
from _soak_traffic import Agent, MonitoringSender, PortalUser, Recorder

HERE = Path(__file__).resolve().parent
ALERT_KEYS = ["erp-db-disk", "erp-cpu", "backup-failed", "api-latency", "cert-expiry"]
AGENTS = ["agent", "manager"]
# Odoo's odoo-bin; a websocket (gevent) process that cannot start on this
# machine waits instead of being started again every other second
LAUNCHER = """import os, sys, time
evented = sys.argv[1:2] == ["gevent"]
try:
    import odoo.cli
except Exception as exc:
    if not evented:
        raise
    print(f"[soak] no websocket process here: {exc!r}", file=sys.stderr)
    try:
        while os.getppid() != 1:
            time.sleep(5)
    except KeyboardInterrupt:
        pass
    sys.exit(1)
odoo.cli.main()
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=120, help="seconds")
    parser.add_argument("--portal-users", type=int, default=8)
    parser.add_argument("--senders", type=int, default=2, help="monitored contracts")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cron-threads", type=int, default=1)
    parser.add_argument("--breach-every", type=int, default=15, help="seconds")
    parser.add_argument("--breach-batch", type=int, default=10, help="clocks")
    parser.add_argument("--odoo-config", help="use this file's database server")
    parser.add_argument("--database", help="copy this demo database (not changed)")
    parser.add_argument("--workdir", help="keep the private cluster here for reuse")
    parser.add_argument(
        "--keep", action="store_true", help="keep the soak database and its folder"
    )
    args = parser.parse_args(argv)
    if args.odoo_config and not args.database:
        parser.error("--odoo-config needs --database")
    return args


def read_db_options(config_file):
    parser = configparser.ConfigParser()
    parser.read(config_file)
    options = dict(parser["options"]) if parser.has_section("options") else {}
    keys = ("db_host", "db_port", "db_user", "db_password", "data_dir")
    return {k: options[k] for k in keys if options.get(k) not in (None, "", "False")}


class Soak:
    def __init__(self, args):
        self.args = args
        self.cluster = None
        self.server = None
        self.tmpdir = None
        self.dbname = None
        self.copied = False
        self.setup = {}
        self.recorder = Recorder()
        self.made_due = 0
        self.passed = False
        self.logfile = None

    # ------------------------------------------------------------ database
    def prepare(self):
        args = self.args
        if args.workdir:
            self.workdir = bench.open_traversable(Path(args.workdir).resolve())
        else:
            self.tmpdir = Path(tempfile.mkdtemp(prefix="support-soak-"))
            self.workdir = bench.open_traversable(self.tmpdir)
        if args.odoo_config:
            self.db_options = read_db_options(args.odoo_config)
        else:
            self.cluster = bench.start_cluster(self.workdir)
            self.db_options = {
                **self.cluster.db_options(),
                "data_dir": str(self.workdir / "filestore"),
            }
        source = args.database or "support_soak_demo"
        base_config = self.write_config(source, workers=0, cron=0)
        if not args.odoo_config:
            bench.ensure_demo_database(base_config, source)
        self.dbname = f"support_soak_{os.getpid()}"
        bench.say(f"copying {source} to {self.dbname}")
        bench.duplicate_database(base_config, source, self.dbname)
        self.copied = True
        self.config = self.write_config(
            self.dbname, workers=args.workers, cron=args.cron_threads
        )
        self.run_setup()

    def write_config(self, dbname, workers, cron):
        opts = dict(self.db_options)
        options = {
            "data_dir": opts.pop("data_dir", self.workdir / "filestore"),
            "db_name": dbname,
            "dbfilter": f"^{dbname}$",
            "list_db": "False",
            "http_interface": "127.0.0.1",
            "http_port": bench.free_port(),
            "gevent_port": bench.free_port(),
            "workers": workers,
            "max_cron_threads": cron,
            "log_level": "info",
            "logfile": self.workdir / f"{dbname}.log",
        }
        config = self.workdir / f"odoo-{dbname}.cfg"
        bench.suite.write_config(config, opts, options)
        self.port = options["http_port"]
        self.logfile = options["logfile"]
        return config

    def run_setup(self):
        args = self.args
        cmd = [sys.executable, str(HERE / "_soak_setup.py"), str(self.config)]
        cmd += [self.dbname, str(args.portal_users), str(args.senders)]
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        self.setup = json.loads(out.strip().splitlines()[-1])
        bench.say(
            f"{args.portal_users} soak customers with contracts and portal logins, "
            f"{len(self.setup['tokens'])} monitoring tokens"
        )

    @contextlib.contextmanager
    def cursor(self, dbname=None):
        """A cursor in autocommit on the soak database (or ``dbname``)."""
        cnx = self.connect(dbname)
        try:
            with cnx.cursor() as cr:
                yield cr
        finally:
            cnx.close()

    def connect(self, dbname=None):
        opts = self.db_options
        cnx = psycopg2.connect(
            dbname=dbname or self.dbname,
            host=opts.get("db_host"),
            port=opts.get("db_port"),
            user=opts.get("db_user"),
            password=opts.get("db_password"),
        )
        cnx.autocommit = True
        return cnx

    # ------------------------------------------------------------ server
    def start_server(self):
        # Odoo's own launcher, not ``python -m odoo``: the prefork server starts
        # its gevent process (websockets) by running ``sys.argv[0]`` again
        launcher = self.workdir / "odoo-bin"
        launcher.write_text(LAUNCHER)
        cmd = [sys.executable, str(launcher), "-c", str(self.config)]
        bench.say(
            f"starting Odoo: --workers={self.args.workers} "
            f"--max-cron-threads={self.args.cron_threads} on 127.0.0.1:{self.port}"
        )
        self.server = subprocess.Popen(cmd, cwd=bench.ROOT, start_new_session=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start: see {self.logfile}")
            try:
                resp = requests.get(f"{self.base}/web/login", timeout=60)
                if resp.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError("Odoo did not answer within 300 s")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def stop_server(self):
        if not self.server or self.server.poll() is not None:
            return
        os.killpg(self.server.pid, signal.SIGINT)  # graceful: workers finish
        try:
            self.server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait()
        bench.say("Odoo stopped")

    # ------------------------------------------------------------ crons
    def trigger(self, cron_id):
        """What ``ir.cron._trigger()`` does: a trigger row due now, and the
        ``cron_trigger`` notification the cron workers listen to."""
        with self.cursor() as cr:
            cr.execute(
                "INSERT INTO ir_cron_trigger (cron_id, call_at) "
                "VALUES (%s, now() AT TIME ZONE 'UTC')",
                [cron_id],
            )
        with self.cursor("postgres") as cr:
            cr.execute("SELECT pg_notify('cron_trigger', %s)", [self.dbname])

    def make_due(self):
        """Time passes: a batch of running clocks of the soak's tickets reaches
        its deadline (rows another transaction holds are left alone)."""
        with self.cursor() as cr:
            cr.execute(
                """
                UPDATE support_ticket_sla
                   SET deadline = (now() AT TIME ZONE 'UTC') - interval '1 second',
                       warn_date = LEAST(warn_date,
                           (now() AT TIME ZONE 'UTC') - interval '2 seconds')
                 WHERE id IN (
                    SELECT s.id FROM support_ticket_sla s
                      JOIN support_ticket t ON t.id = s.ticket_id
                     WHERE s.state = 'running' AND t.contract_id = ANY(%s)
                     ORDER BY random() LIMIT %s
                       FOR NO KEY UPDATE OF s SKIP LOCKED)
                """,
                [self.setup["contracts"], self.args.breach_batch],
            )
            self.made_due += cr.rowcount
        self.trigger(self.setup["watcher_cron"])

    # ------------------------------------------------------------ traffic
    def actors(self, stop_at):
        rec, base, setup = self.recorder, self.base, self.setup
        actors = [
            PortalUser(login, base, rec, stop_at, i)
            for i, login in enumerate(setup["logins"])
        ]
        actors += [
            MonitoringSender(token, int(cid), ALERT_KEYS, base, rec, stop_at, 100 + i)
            for i, (cid, token) in enumerate(sorted(setup["tokens"].items()))
        ]
        actors += [
            Agent(login, self.dbname, setup["contracts"], base, rec, stop_at, 200 + i)
            for i, login in enumerate(AGENTS)
        ]
        return actors

    def traffic(self):
        args = self.args
        bench.say(
            f"traffic for {args.duration} s: {args.portal_users} portal users, "
            f"{args.senders} monitoring senders, {len(AGENTS)} agents"
        )
        started = time.monotonic()
        stop_at = started + args.duration
        actors = self.actors(stop_at)
        for actor in actors:
            actor.start()
        self.trigger(self.setup["invoicing_cron"])
        next_breach = started + args.breach_every
        invoiced_again = False
        while time.monotonic() < stop_at:
            time.sleep(0.5)
            now = time.monotonic()
            if now >= next_breach:
                self.make_due()
                next_breach = now + args.breach_every
            if not invoiced_again and now >= started + args.duration / 2:
                self.trigger(self.setup["invoicing_cron"])  # a second run: no-op
                invoiced_again = True
        for actor in actors:
            actor.join(timeout=240)
        self.elapsed = time.monotonic() - started
        self.make_due()

    def settle(self, timeout=180):
        """Let the cron worker finish: no due clock left running, nothing
        triggered left, the soak's contracts invoiced (or ``timeout``)."""
        with self.cursor() as cr:
            cr.execute("SELECT now() AT TIME ZONE 'UTC'")
            self.final_time = cr.fetchone()[0]
        self.trigger(self.setup["watcher_cron"])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(2)
            with self.cursor() as cr:
                if checks.settled(cr, self.setup, self.final_time):
                    return True
        bench.say(f"the crons did not settle within {timeout} s")
        return False

    # ------------------------------------------------------------ main
    def run(self):
        self.prepare()
        self.start_server()
        self.traffic()
        self.settle()
        with self.cursor() as cr:
            results = checks.evaluate(cr, self, self.recorder)
        checks.report(self, self.recorder, results)
        checks.report_log(self.logfile)
        self.passed = all(r[3] for r in results)
        return 0 if self.passed else 1

    def cleanup(self):
        try:
            self.stop_server()
        finally:
            if self.copied and not self.args.keep:
                bench.drop_database(self.config, self.dbname)
            elif self.copied:
                bench.say(f"kept database {self.dbname} ({self.config})")
            if self.cluster and self.cluster.started_here:
                self.cluster.stop()
            if self.tmpdir and self.args.keep:
                bench.say(f"kept {self.tmpdir}")
            elif self.tmpdir:
                log = self.logfile and Path(self.logfile)
                if not self.passed and log and log.exists():
                    kept = Path(tempfile.gettempdir()) / f"{self.dbname}.log"
                    shutil.copy(log, kept)
                    bench.say(f"the server log is kept in {kept}")
                shutil.rmtree(self.tmpdir, ignore_errors=True)


def main(argv=None):
    args = parse_args(argv)
    soak = Soak(args)

    def on_term(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        return soak.run()
    except KeyboardInterrupt:
        bench.say("interrupted: stopping what the soak started")
        return 130
    finally:
        soak.cleanup()


if __name__ == "__main__":
    sys.exit(main())
