#!/usr/bin/env python3
"""Set up what the suite needs, inside ``.local/`` of the checkout.

When ``import odoo`` does not give Odoo 19.0, ``ensure_odoo()`` creates
``.local/venv``, installs Odoo 19.0 Community into it from its source (Odoo's
nightly source archive, or ``ODOO_SOURCE``: a local ``.tar.gz``/``.zip``
archive or a source folder), then Odoo's requirements and the suite's, and
re-executes the command with the venv's python. A second run finds the
marker files and starts at once. ``ensure_system_packages()`` installs the
missing PostgreSQL, wkhtmltopdf and Chromium with ``apt-get`` when run as root
on Debian/Ubuntu, and otherwise names the package and the command.

``python3 dev/bootstrap.py --local DIR`` builds such a venv in ``DIR`` even
when Odoo is importable (used by ``tests/test_bootstrap.py``).
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ODOO_ARCHIVE = "https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz"
ODOO_DOCS = "https://www.odoo.com/documentation/19.0/administration/on_premise.html"
VERSION_CODE = "import odoo.release as r; print('%s.%s' % r.version_info[:2])"
# executable -> Debian/Ubuntu package that provides it
SYSTEM_PACKAGES = {
    "postgresql": (["initdb", "pg_ctl"], "postgresql"),
    "wkhtmltopdf": (["wkhtmltopdf"], "wkhtmltopdf"),
    "chromium": (["chromium", "chromium-browser", "google-chrome"], "chromium"),
}


def say(msg):
    print(f"[setup] {msg}", flush=True)


def odoo_version(python):
    """The ``major.minor`` of the Odoo that ``python`` imports, or None."""
    res = subprocess.run(
        [python, "-c", VERSION_CODE],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    return res.stdout.strip() if res.returncode == 0 else None


# ------------------------------------------------------------------ odoo source
def _source_root(folder):
    """The folder holding the ``odoo`` package (at most two levels down)."""
    for cand in [folder, *folder.glob("*"), *folder.glob("*/*")]:
        if (cand / "odoo" / "release.py").is_file():
            return cand
    return None


def _download(url, dest):
    if dest.exists():
        say(f"reusing the downloaded {dest.name}")
        return dest
    say(f"downloading Odoo 19.0 Community from {url}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_suffix(".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as resp, part.open("wb") as out:
            shutil.copyfileobj(resp, out)
    except OSError as err:
        sys.exit(
            f"[setup] cannot download {url} ({err}): set ODOO_SOURCE to a local "
            "Odoo 19.0 archive or source folder"
        )
    part.rename(dest)
    return dest


def _extract(archive, local):
    digest = hashlib.sha256(str(archive.resolve()).encode()).hexdigest()[:12]
    target = local / f"odoo-src-{digest}"
    if (target / ".extracted").exists():
        say(f"reusing the Odoo source unpacked in {target}")
        return _source_root(target)
    say(f"unpacking {archive.name} into {target}")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(target)
    else:
        with tarfile.open(archive) as tf:
            safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tf.extractall(target, **safe)
    (target / ".extracted").touch()
    return _source_root(target)


def odoo_source(local):
    """A folder with Odoo's source: ODOO_SOURCE, or the nightly archive."""
    given = os.environ.get("ODOO_SOURCE")
    if given and Path(given).is_dir():
        found = _source_root(Path(given).resolve())
        if not found:
            sys.exit(f"[setup] ODOO_SOURCE={given} holds no odoo/release.py")
        say(f"using the Odoo source folder {found}")
        return found
    if given:
        archive = Path(given).resolve()
        if not archive.is_file():
            sys.exit(f"[setup] ODOO_SOURCE={given} is neither a folder nor an archive")
    else:
        archive = _download(ODOO_ARCHIVE, local / "downloads" / Path(ODOO_ARCHIVE).name)
    found = _extract(archive, local)
    if not found:
        sys.exit(f"[setup] {archive} holds no odoo/release.py")
    return found


# ------------------------------------------------------------------------- venv
def _pip(python, *args, quiet=False):
    cmd = [python, "-m", "pip", "install", "-q", "--prefer-binary", *args]
    out = subprocess.DEVNULL if quiet else None
    return subprocess.run(cmd, check=False, stdout=out, stderr=out).returncode == 0


def odoo_requirements(source):
    """Odoo's requirements with wheels: psycopg2-binary, python-ldap apart."""
    keep, ldap = [], []
    req = source / "requirements.txt"
    for line in req.read_text().splitlines() if req.exists() else []:
        line = line.split("#")[0].strip()
        if line.lower().startswith("psycopg2"):
            line = "psycopg2-binary" + line[len("psycopg2") :]
        (ldap if line.lower().startswith("python-ldap") else keep).append(line)
    return [x for x in keep if x], [x for x in ldap if x]


def _install(venv, source):
    python = str(venv / "bin" / "python")
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    say(f"installing Odoo from {source} into {venv}")
    (Path(purelib) / "odoo-19-source.pth").write_text(f"{source}\n")
    launcher = venv / "bin" / "odoo"
    launcher.write_text(f"#!{python}\nimport odoo.cli\n\nodoo.cli.main()\n")
    launcher.chmod(0o755)
    keep, ldap = odoo_requirements(source)
    say("installing Odoo's requirements (wheels preferred)")
    reqfile = venv / "odoo-requirements.txt"
    reqfile.write_text("\n".join(keep) + "\n")
    if not _pip(python, "-r", str(reqfile)):
        sys.exit("[setup] installing Odoo's requirements failed (see pip above)")
    if ldap and not _pip(python, "--only-binary=:all:", *ldap, quiet=True):
        say("python-ldap skipped: no wheel here (only the LDAP login needs it)")
    say("installing the suite's requirements and test requirements")
    reqs = [ROOT / "requirements.txt", ROOT / "test-requirements.txt"]
    args = [a for r in reqs if r.exists() for a in ("-r", str(r))]
    if args and not _pip(python, *args):
        sys.exit("[setup] installing the suite's requirements failed (see pip above)")


def _stamp(source):
    files = [source / "requirements.txt", ROOT / "requirements.txt"]
    files.append(ROOT / "test-requirements.txt")
    text = str(source) + "".join(f.read_text() for f in files if f.exists())
    return hashlib.sha256(text.encode()).hexdigest()


def build_venv(local):
    """``local/venv`` with Odoo 19.0 and every requirement; returns its python."""
    venv = local / "venv"
    marker = venv / ".suite-ready"
    python = venv / "bin" / "python"
    if marker.exists() and python.exists():
        source = Path(marker.read_text().split("\n")[1])
        if marker.read_text().split("\n")[0] == _stamp(source):
            say(f"reusing {venv}")
            return python
    local.mkdir(parents=True, exist_ok=True)
    source = odoo_source(local)
    if not python.exists():
        say(f"creating the virtual environment {venv}")
        res = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        if res.returncode != 0:
            ensure_system_packages({"venv": (["-"], "python3-venv")}, required=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    _install(venv, source)
    if odoo_version(str(python)) != "19.0":
        sys.exit(f"[setup] {source} does not give Odoo 19.0 in {venv}")
    marker.write_text(f"{_stamp(source)}\n{source}\n")
    say(f"{venv} is ready (Odoo 19.0)")
    return python


def ensure_odoo(argv):
    """Use an importable Odoo 19.0 as is; else build ``.local/venv`` and re-exec.

    With SUITE_NO_BOOTSTRAP set (and in the re-executed command), a python
    without Odoo 19.0 stops with one line instead.
    """
    found = odoo_version(sys.executable)
    if found == "19.0":
        os.environ.pop("SUITE_REEXEC", None)  # not inherited by child commands
        return
    if os.environ.get("SUITE_REEXEC") or os.environ.get("SUITE_NO_BOOTSTRAP"):
        why = f"gives Odoo {found}" if found else f"fails in {sys.executable}"
        print(
            f"[setup] Odoo 19.0 is required but 'import odoo' {why}; unset "
            f"SUITE_NO_BOOTSTRAP to set up .local/venv, or see {ODOO_DOCS}",
            file=sys.stderr,
            flush=True,
        )
        sys.exit(2)
    say("'import odoo' does not give Odoo 19.0: setting up .local/venv")
    python = build_venv(ROOT / ".local")
    os.environ["SUITE_REEXEC"] = "1"
    say(f"continuing with {python}")
    os.execv(str(python), [str(python), *argv])


# ---------------------------------------------------------------- system tools
def _missing(wanted):
    return {
        key: package
        for key, (names, package) in wanted.items()
        if not any(shutil.which(n) for n in names)
        and not any(Path("/usr/lib/postgresql").glob(f"*/bin/{names[0]}"))
    }


def ensure_system_packages(wanted, required=True):
    """Install the missing system packages, or name them and the command."""
    missing = _missing(wanted)
    if not missing:
        return True
    packages = sorted(set(missing.values()))
    apt = shutil.which("apt-get") and Path("/etc/debian_version").exists()
    if os.geteuid() == 0 and apt:
        say(f"installing {' '.join(packages)} with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
        subprocess.run([*cmd, *packages], check=True, env=env)
        if not _missing(wanted):
            return True
    msg = (
        f"missing {', '.join(missing)}: install the package(s) "
        f"{' '.join(packages)}, e.g. `sudo apt-get install {' '.join(packages)}`"
    )
    if required:
        sys.exit(f"[setup] {msg}")
    say(msg)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local", required=True, help="folder to set up in")
    args = parser.parse_args()
    python = build_venv(Path(args.local).resolve())
    print(python)


if __name__ == "__main__":
    main()
