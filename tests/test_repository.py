"""Repository-wide checks that need no database (issue 2, section 1)."""

import ast
import csv
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = [
    "support_contract",
    "support_ticket",
    "support_sla",
    "support_billing",
    "support_portal",
]
CHAIN = {
    "support_contract": {"mail", "resource", "product"},
    "support_ticket": {"support_contract", "portal"},
    "support_sla": {"support_ticket"},
    "support_billing": {"support_ticket", "hr_timesheet", "account", "sale_management"},
    "support_portal": {"support_sla", "support_billing", "portal", "rating"},
}
SUPPORT_GROUPS = ("group_support_agent", "group_support_manager", "group_support_admin")


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def addon_files(suffix):
    for addon in ADDONS:
        yield from sorted((ROOT / addon).rglob(f"*{suffix}"))


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_is_valid(addon):
    data = manifest(addon)
    assert data["version"].startswith("19.0.") and len(data["version"].split(".")) == 5
    assert data["license"] == "LGPL-3"
    assert data["installable"] is True
    assert "description" not in data
    assert (ROOT / addon / "readme" / "DESCRIPTION.md").is_file()
    assert (ROOT / addon / "static" / "description" / "icon.png").is_file()
    assert (ROOT / addon / "tests" / "__init__.py").is_file()
    for key in ("data", "demo"):
        for path in data.get(key, []):
            assert (ROOT / addon / path).is_file(), f"{addon}: {path} missing"


@pytest.mark.parametrize("addon", ADDONS)
def test_dependency_chain_is_exactly_the_designed_one(addon):
    assert set(manifest(addon)["depends"]) == CHAIN[addon]


def test_only_the_ticket_addon_is_an_application():
    apps = [a for a in ADDONS if manifest(a).get("application")]
    assert apps == ["support_ticket"]


def declared_models(addon):
    """Model names declared with ``_name`` in an addon's Python files."""
    names = []
    for path in sorted((ROOT / addon).rglob("*.py")):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef) or any(
                getattr(base, "attr", None) == "AbstractModel" for base in node.bases
            ):
                continue
            attrs = {
                target.id: stmt.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                if isinstance(target, ast.Name)
            }
            name = attrs.get("_name")
            if not isinstance(name, ast.Constant):
                continue
            inherit = attrs.get("_inherit")
            inherited = (
                {e.value for e in inherit.elts if isinstance(e, ast.Constant)}
                if isinstance(inherit, ast.List)
                else {getattr(inherit, "value", None)}
            )
            if name.value not in inherited:  # an extension, not a new model
                names.append(name.value)
    return names


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rows_for_each_support_group(addon):
    csv_path = ROOT / addon / "security" / "ir.model.access.csv"
    models = declared_models(addon)
    if not models:
        return
    assert csv_path.is_file(), f"{addon} declares models but has no access rights"
    rows = list(csv.DictReader(csv_path.read_text().splitlines()))
    for model in models:
        model_ref = "model_" + model.replace(".", "_")
        groups = {
            r["group_id:id"].split(".")[-1]
            for r in rows
            if r["model_id:id"].split(".")[-1] == model_ref
        }
        missing = [g for g in SUPPORT_GROUPS if g not in groups]
        assert not missing, f"{model}: no access row for {missing}"


def test_no_sql_constraints_attribute():
    offenders = [
        str(p.relative_to(ROOT))
        for p in addon_files(".py")
        if re.search(r"^\s*_sql_constraints\s*=", p.read_text(), re.MULTILINE)
    ]
    assert not offenders, "_sql_constraints is ignored by Odoo 19.0: " + str(offenders)


def test_every_xml_file_parses():
    files = list(addon_files(".xml"))
    assert files
    for path in files:
        ET.parse(path)


def test_every_python_file_compiles():
    files = list(addon_files(".py")) + sorted((ROOT / "tests").glob("*.py"))
    for path in files:
        compile(path.read_text(), str(path), "exec")


def test_views_use_odoo_19_syntax():
    for path in addon_files(".xml"):
        text = path.read_text()
        assert "<tree" not in text, f"{path}: use <list>"
        assert " attrs=" not in text and " states=" not in text, path


def _run_suite_with_fake_odoo(tmp_path, body):
    fake = tmp_path / "odoo"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "release.py").write_text(body)
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    env["SUITE_NO_BOOTSTRAP"] = "1"  # else the suite sets up .local/venv
    return subprocess.run(
        [sys.executable, "-S", str(ROOT / "dev" / "suite.py"), "test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )


def test_suite_stops_in_one_line_without_odoo_19(tmp_path):
    res = _run_suite_with_fake_odoo(tmp_path, "version_info = (18, 0, 0, 'final', 0)\n")
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Odoo 18.0" in lines[0] and "19.0" in lines[0]
    assert "Traceback" not in res.stderr + res.stdout


def test_suite_stops_in_one_line_when_odoo_is_missing(tmp_path):
    res = _run_suite_with_fake_odoo(tmp_path, "raise ImportError('no odoo here')\n")
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "import odoo" in lines[0]
    assert "Traceback" not in res.stderr + res.stdout
