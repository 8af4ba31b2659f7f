"""``dev/bootstrap.py`` builds a venv that imports Odoo 19.0 and serves the login.

The bootstrap runs into a temporary folder with ``ODOO_SOURCE`` naming the Odoo
source this machine imports; pip's cache keeps it to a minute or two. The venv
sees no system site-packages, so a requirement the bootstrap forgets shows.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "dev"))

import bootstrap
from pgcluster import Cluster, free_port


def odoo_source():
    spec = importlib.util.find_spec("odoo")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("the bootstrap test needs an importable Odoo to take its source")
    return Path(next(iter(spec.submodule_search_locations))).resolve().parent


@pytest.fixture(scope="module")
def work():
    folder = Path(tempfile.mkdtemp(prefix="support-bootstrap-"))
    os.chmod(folder, 0o755)  # the cluster's user (root: postgres) enters it
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def run_bootstrap(local):
    env = {**os.environ, "ODOO_SOURCE": str(odoo_source())}
    cmd = [sys.executable, str(ROOT / "dev" / "bootstrap.py"), "--local", str(local)]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return None, ""


def serve_login(python, work):
    cluster = Cluster(work / "pgdata")
    cluster.start()
    port = free_port()
    cmd = [str(python), "-m", "odoo", "server", "-d", "bootstrap_test", "-i", "base"]
    cmd += ["--db_host=127.0.0.1", f"--db_port={cluster.port}", "--db_user=odoo"]
    cmd += ["--http-interface=127.0.0.1", f"--http-port={port}"]
    cmd += [f"--data-dir={work / 'data'}", "--max-cron-threads=0"]
    cmd += [f"--logfile={work / 'odoo.log'}"]
    proc = subprocess.Popen(cmd, cwd=work)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and proc.poll() is None:
            status, body = get(f"http://127.0.0.1:{port}/web/login")
            if status is not None:
                return status, body
            time.sleep(2)
        return None, (work / "odoo.log").read_text(errors="replace")[-3000:]
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        cluster.stop()


def test_bootstrap_builds_a_venv_that_serves_the_login_page(work):
    out = run_bootstrap(work / "local")
    venv = work / "local" / "venv"
    python = venv / "bin" / "python"
    assert str(python) in out
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    res = subprocess.run(
        [str(python), "-c", bootstrap.VERSION_CODE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.stdout.strip() == "19.0", res.stderr
    odoo_bin = [str(venv / "bin" / "odoo"), "--version"]
    res = subprocess.run(odoo_bin, capture_output=True, text=True, check=False)
    assert "19.0" in res.stdout, res.stderr
    status, body = serve_login(python, work)
    assert status == 200, body
    assert 'name="login"' in body and 'name="password"' in body

    started = time.monotonic()
    again = run_bootstrap(work / "local")
    assert "reusing" in again
    assert time.monotonic() - started < 15, "a second bootstrap must start in seconds"


@pytest.mark.parametrize("kind", ["gztar", "zip"])
def test_odoo_source_unpacks_an_archive_once(tmp_path, monkeypatch, capsys, kind):
    tree = tmp_path / "tree" / "odoo-19.0.post20261201"
    (tree / "odoo").mkdir(parents=True)
    (tree / "odoo" / "release.py").write_text("version_info = (19, 0)\n")
    archive = shutil.make_archive(str(tmp_path / "odoo_19.0"), kind, tree.parent)
    monkeypatch.setenv("ODOO_SOURCE", archive)
    local = tmp_path / "local"
    found = bootstrap.odoo_source(local)
    assert (found / "odoo" / "release.py").is_file()
    assert found.name == tree.name and local in found.parents
    assert bootstrap.odoo_source(local) == found
    assert "reusing the Odoo source" in capsys.readouterr().out


def test_odoo_requirements_prefer_wheels(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "psycopg2==2.9.5 ; python_version == '3.11'\n"
        "python-ldap==3.4.0 ; sys_platform != 'win32'  # LDAP\n"
        "lxml==4.9.3\n"
    )
    keep, ldap = bootstrap.odoo_requirements(tmp_path)
    assert keep == ["psycopg2-binary==2.9.5 ; python_version == '3.11'", "lxml==4.9.3"]
    assert ldap == ["python-ldap==3.4.0 ; sys_platform != 'win32'"]
