"""A private PostgreSQL cluster with the demo database, for the benchmarks.

Used by ``run_all.py`` and ``soak.py`` (not a benchmark itself: run_all skips
files whose name starts with ``_``). It reuses ``dev/suite.py``: the cluster
class (as root, PostgreSQL runs as the ``postgres`` or ``nobody`` user, so the
work folder must be traversable by that user), the Odoo configuration file and
the install of the five addons with their demo data.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "dev"))

import suite  # dev/suite.py, found through the path above
from pgcluster import Cluster, free_port

__all__ = ["ROOT", "Cluster", "free_port", "suite"]


def say(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def open_traversable(path):
    """Create ``path`` and let PostgreSQL's system user (as root) enter it."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o755)
    for parent in path.parents:
        if parent == Path("/") or not str(parent).startswith(str(ROOT)):
            break
        os.chmod(parent, os.stat(parent).st_mode | 0o011)
    return path


def start_cluster(workdir):
    """The private cluster of ``workdir``/pgdata, started (or already running)."""
    workdir = open_traversable(workdir)
    cluster = Cluster(workdir / "pgdata")
    started = cluster.start()
    cluster.started_here = started  # stop it at the end only then
    say(
        ("started" if started else "reusing")
        + f" PostgreSQL on 127.0.0.1:{cluster.port} ({cluster.datadir})"
    )
    return cluster


def write_config(workdir, cluster, dbname, **extra):
    """An Odoo configuration file for ``dbname`` on ``cluster``; returns it."""
    config = Path(workdir) / f"odoo-{dbname}.cfg"
    options = {
        "data_dir": Path(workdir) / "filestore",
        "db_name": dbname,
        "dbfilter": f"^{dbname}$",
        "list_db": "False",
        "http_interface": "127.0.0.1",
        "http_port": free_port(),
        "log_level": "warn",
        "max_cron_threads": 0,
    }
    options.update(extra)
    suite.write_config(config, cluster.db_options(), options)
    return config


def ensure_demo_database(config, dbname, logfile=None):
    """Create ``dbname`` with the five addons and their demo data if missing."""
    if suite.db_exists(config, dbname):
        say(f"reusing database {dbname}")
        return False
    say(f"creating database {dbname} with the suite and its demo data (minutes)")
    cmd = suite.odoo_cmd(config, "-i", suite.install_list(suite.ADDONS), "--with-demo")
    cmd += ["--stop-after-init"]
    if logfile:
        cmd += [f"--logfile={logfile}"]
    subprocess.run(cmd, check=True, cwd=ROOT)
    suite.offline_demo(config, dbname)
    return True


def duplicate_database(config, source, target):
    """Copy ``source`` (with its filestore) to ``target`` (Odoo's db command)."""
    cmd = [sys.executable, "-m", "odoo", "db", "-c", str(config)]
    subprocess.run([*cmd, "duplicate", "-f", source, target], check=True, cwd=ROOT)


def drop_database(config, name):
    cmd = [sys.executable, "-m", "odoo", "db", "-c", str(config), "drop", name]
    subprocess.run(cmd, check=False, cwd=ROOT, stdout=subprocess.DEVNULL)
