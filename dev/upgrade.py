"""``dev/suite.py upgrade-test``: the previous release, upgraded to HEAD, keeps data.

The previous release (the last line of ``RELEASES``) is checked out with ``git
worktree`` into a temporary folder and installed with demo data on a fresh
database of a private cluster. Contracts, tickets, SLA clocks and pauses,
ledger lines, invoices and statements are read, the database is upgraded with
HEAD's addons (``-u``), read again and compared: every record must still be
there with the same values, none may appear, and the upgrade must log no error
and no warning of the suite's code.
"""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pgcluster import Cluster
from suite import ADDONS, ROOT, die, odoo_cmd, our_warnings, say, write_config

RELEASES = ROOT / "RELEASES"
# model -> (domain, fields): the values an upgrade must keep
SNAPSHOT = {
    "support.contract": (
        [],
        (
            "name partner_id company_id plan_id state date_start date_end user_count "
            "code_lines reserved_hours hourly_rate monthly_amount"
        ),
    ),
    "support.ticket": (
        [],
        (
            "number name partner_id contract_id stage_id priority impact urgency "
            "user_id active"
        ),
    ),
    "support.ticket.sla": (
        [],
        (
            "ticket_id target_type cycle priority date_start deadline date_reached "
            "breach_date consumed_minutes state"
        ),
    ),
    "support.ticket.sla.pause": (
        [],
        "sla_id ticket_id date_start date_end reason business_minutes",
    ),
    "support.hours.ledger": (
        [],
        (
            "name contract_id date entry_type source hours ticket_id move_id "
            "covered_hours overage_hours balance_after"
        ),
    ),
    "account.move": (
        [("move_type", "in", ["out_invoice", "out_refund"])],
        "name partner_id state invoice_date amount_untaxed amount_tax amount_total",
    ),
    "support.service.statement": (
        [],
        (
            "name contract_id date_start date_end tickets_opened tickets_resolved "
            "sla_met sla_breached hours_drawn hours_balance amount_invoiced "
            "amount_invoiced_untaxed amount_invoiced_tax"
        ),
    ),
    "support.billing.period": (
        [],
        (
            "contract_id date_start date_end revision state move_id run_id "
            "overage_hours reserved_hours"
        ),
    ),
}
SNAPSHOT_CODE = """
import json, sys
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry
from odoo.tools import config
config.parse_config(["-c", sys.argv[1]])
spec = json.loads(sys.argv[3])
out = {}
with Registry(sys.argv[2]).cursor() as cr:
    env = Environment(cr, SUPERUSER_ID, {"active_test": False})
    for model, (domain, names) in spec.items():
        records = env[model].search(domain, order="id")
        fields = [n for n in names.split() if n in env[model]._fields]
        out[model] = {"fields": fields, "rows": records.read(fields, load=None)}
json.dump(out, sys.stdout, default=str)
"""
# The records an update leaves as they are (``noupdate``) whose content matters
# for security or for what customers receive: after the upgrade they must be
# those of a fresh install (the migrations refresh them). model -> fields
NOUPDATE = {
    "ir.rule": (
        "name model_id domain_force groups perm_read perm_write perm_create "
        "perm_unlink active"
    ),
    "mail.template": "name model_id subject email_from email_to partner_to body_html",
}
NOUPDATE_CODE = """
import json, sys
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry
from odoo.tools import config
config.parse_config(["-c", sys.argv[1]])
spec, addons = json.loads(sys.argv[3])
out = {}
with Registry(sys.argv[2]).cursor() as cr:
    env = Environment(cr, SUPERUSER_ID, {"active_test": False})
    domain = [("module", "in", addons), ("model", "in", list(spec))]
    for data in env["ir.model.data"].search(domain):
        record = env[data.model].browse(data.res_id).exists()
        if not record:
            out[data.complete_name] = "record gone"
            continue
        names = spec[data.model].split()
        values = record.read(names, load=None)[0]
        for name in names:  # relations by xml id: ids differ between databases
            if record._fields[name].relational:
                values[name] = sorted(record[name].get_external_id().values())
        values["noupdate"] = data.noupdate
        out[data.complete_name] = {name: values[name] for name in [*names, "noupdate"]}
json.dump(out, sys.stdout, default=str)
"""


def previous_release():
    """(version, commit) of the last release recorded in RELEASES."""
    lines = [
        line.split()
        for line in RELEASES.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        die(f"{RELEASES} records no release", 1)
    version, commit = lines[-1][:2]
    return version, commit


def snapshot(config, dbname, code=SNAPSHOT_CODE, spec=SNAPSHOT):
    cmd = [sys.executable, "-c", code, str(config), dbname]
    res = subprocess.run(
        [*cmd, json.dumps(spec)], capture_output=True, text=True, check=False
    )
    if res.returncode != 0:
        print(res.stderr[-3000:])
        die("reading the database failed: see the lines above", 1)
    return json.loads(res.stdout)


def _norm(value):
    return round(value, 6) if isinstance(value, float) else value


def compare(before, after):
    """Lines naming each record lost, added or changed by the upgrade."""
    problems = []
    for model, old in before.items():
        new = after[model]
        gone = set(old["fields"]) - set(new["fields"])
        if gone:
            problems.append(f"{model}: fields gone: {', '.join(sorted(gone))}")
        new_rows = {row["id"]: row for row in new["rows"]}
        old_ids = {row["id"] for row in old["rows"]}
        added = sorted(set(new_rows) - old_ids)
        if added:
            problems.append(f"{model}: records added by the upgrade: {added[:20]}")
        for row in old["rows"]:
            if row["id"] not in new_rows:
                problems.append(f"{model}({row['id']}): lost")
                continue
            for name in old["fields"]:
                was, now = _norm(row[name]), _norm(new_rows[row["id"]].get(name))
                if name in new["fields"] and was != now:
                    problems.append(f"{model}({row['id']}).{name}: {was!r} -> {now!r}")
    return problems


def check_statements(after):
    """Statements made before their untaxed and tax amounts existed get them
    from their invoices: together they make the invoiced total."""
    problems = []
    for row in after["support.service.statement"]["rows"]:
        parts = (row.get("amount_invoiced_untaxed") or 0.0) + (
            row.get("amount_invoiced_tax") or 0.0
        )
        if round(parts - row["amount_invoiced"], 2):
            problems.append(
                f"support.service.statement({row['id']}): untaxed + tax {parts!r} "
                f"!= invoiced {row['amount_invoiced']!r}"
            )
    return problems


def compare_noupdate(upgraded, fresh):
    """Lines naming each rule or template of ours that differs from a fresh
    install after the upgrade (an update keeps ``noupdate`` records)."""
    problems = []
    for xmlid in sorted(set(upgraded) | set(fresh)):
        was, now = upgraded.get(xmlid), fresh.get(xmlid)
        if was is None or now is None:
            where = (
                "only after the upgrade" if now is None else "only on a fresh install"
            )
            problems.append(f"{xmlid}: {where}")
            continue
        if isinstance(was, str) or isinstance(now, str):
            problems.append(f"{xmlid}: {was if isinstance(was, str) else now}")
            continue
        for name in now:
            if was.get(name) != now[name]:
                problems.append(
                    f"{xmlid}.{name}: upgraded {was.get(name)!r}, fresh {now[name]!r}"
                )
    return problems


def _worktree(commit, path):
    say(f"checking out {commit} with git worktree into {path}")
    add = ["git", "worktree", "add", "--detach", "--quiet", str(path), commit]
    subprocess.run(add, cwd=ROOT, check=True)
    remove = ["git", "worktree", "remove", "--force", str(path)]
    atexit.register(subprocess.run, remove, cwd=ROOT, check=False)


def _odoo(config, cwd, logfile, *args):
    cmd = odoo_cmd(config, *args, "--stop-after-init", f"--logfile={logfile}")
    if subprocess.run(cmd, cwd=cwd, check=False).returncode != 0:
        print("\n".join(Path(logfile).read_text(errors="replace").splitlines()[-40:]))
        die(f"odoo {' '.join(args)} failed: see the lines above", 1)


def _log_problems(logfile):
    errors = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
    lines = Path(logfile).read_text(errors="replace").splitlines()
    return sorted(set(our_warnings(logfile)) | {x for x in lines if errors.match(x)})


def upgrade_test(_args):
    version, commit = previous_release()
    work = Path(tempfile.mkdtemp(prefix="support-upgrade-test-"))
    os.chmod(work, 0o755)
    atexit.register(shutil.rmtree, work, True)
    _worktree(commit, work / "release")
    cluster = Cluster(work / "pgdata")
    atexit.register(cluster.stop)
    cluster.start()
    say(f"private PostgreSQL on 127.0.0.1:{cluster.port}")
    dbname = "support_upgrade"
    base = {"data_dir": work / "data", "db_name": dbname, "max_cron_threads": 0}
    old_cfg, new_cfg = work / "release.cfg", work / "head.cfg"
    write_config(old_cfg, cluster.db_options(), base, root=work / "release")
    write_config(new_cfg, cluster.db_options(), base)
    logfile = work / "upgrade.log"
    say(f"installing release {version} ({commit}) with demo data on {dbname}")
    install = ["-i", ",".join(ADDONS), "--with-demo"]
    _odoo(old_cfg, work / "release", work / "install.log", *install)
    before = snapshot(old_cfg, dbname)
    counts = ", ".join(f"{len(v['rows'])} {k}" for k, v in before.items())
    say(f"release {version} holds {counts}")
    say(f"upgrading {dbname} to HEAD (-u {','.join(ADDONS)})")
    _odoo(new_cfg, ROOT, logfile, "-u", ",".join(ADDONS))
    after = snapshot(new_cfg, dbname)
    problems = compare(before, after) + check_statements(after)
    say("installing HEAD on a fresh database to compare its rules and templates")
    fresh = "support_fresh"
    _odoo(new_cfg, ROOT, work / "fresh.log", "-d", fresh, "-i", ",".join(ADDONS))
    spec = [NOUPDATE, ADDONS]
    reference = snapshot(new_cfg, fresh, NOUPDATE_CODE, spec)
    problems += compare_noupdate(
        snapshot(new_cfg, dbname, NOUPDATE_CODE, spec), reference
    )
    say(f"{len(reference)} record rules and mail templates compared with it")
    logged = _log_problems(logfile)
    if logged:
        problems.append("the upgrade logged errors or warnings of the suite:")
        problems += logged[:40]
    for line in problems[:200]:
        print(line)
    verdict = "FAILED" if problems else "passed"
    print(f"upgrade test {version} -> HEAD: {verdict} ({counts})", flush=True)
    return 1 if problems else 0
