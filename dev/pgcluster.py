"""A private PostgreSQL cluster for the suite's commands and tests."""

import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path


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
    sys.exit(f"[suite] PostgreSQL server binary '{name}' not found: install PostgreSQL")


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
                sys.exit(
                    "[suite] as root, PostgreSQL needs a 'postgres' or 'nobody' user"
                )

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
        datadir = str(self.datadir)
        if not (self.datadir / "PG_VERSION").exists():
            self.datadir.mkdir(parents=True, exist_ok=True)
            self._own(self.datadir)
            initdb = [pg_bin("initdb"), "-D", datadir, "-U", self.user, "-E", "UTF8"]
            initdb += ["--auth=trust", "--locale=C"]
            self._run(initdb, check=True, stdout=subprocess.DEVNULL)
        self.port = free_port()
        opts = f"-h 127.0.0.1 -p {self.port} -k {datadir} -c fsync=off"
        log = str(self.datadir / "server.log")
        start = [pg_bin("pg_ctl"), "-D", datadir, "-o", opts, "-l", log, "-w", "start"]
        self._run(start, check=True, stdout=subprocess.DEVNULL)
        return True

    def stop(self):
        if not self.running_port():
            return
        stop = [pg_bin("pg_ctl"), "-D", str(self.datadir), "-m", "fast", "stop"]
        self._run(stop, check=False, stdout=subprocess.DEVNULL)

    def db_options(self):
        return {"db_host": "127.0.0.1", "db_port": str(self.port), "db_user": self.user}
