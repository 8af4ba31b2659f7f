"""Issue 16: no internal rule code (C1, L3, B1 ...) in customer-facing text.

The codes of DOMAIN.md help the team; customers and agents read plain words.
Scans every addon's ``.pot`` (all translatable text: field labels and helps,
views, data, messages of the code) and the text of the report and portal
QWeb templates (XML comments may keep their codes)."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
RULE_CODE = re.compile(r"\b[CSTLBP][0-9]\b")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TEMPLATES = sorted(
    path
    for addon in ADDONS
    for folder in ("report", "views", "data")
    for path in (ROOT / addon / folder).glob("*.xml")
    if "<template" in path.read_text(encoding="utf-8")
    or "mail.template" in path.read_text(encoding="utf-8")
)


def test_the_scan_sees_the_addons():
    assert len(ADDONS) >= 5
    assert any(path.parent.name == "report" for path in TEMPLATES)


@pytest.mark.parametrize("addon", ADDONS)
def test_no_rule_code_in_translatable_text(addon):
    pot = ROOT / addon / "i18n" / f"{addon}.pot"
    assert pot.is_file(), f"{addon} exports no .pot"
    found = [e.msgid for e in polib.pofile(str(pot)) if RULE_CODE.search(e.msgid)]
    assert not found, f"rule codes in {addon}: {found[:5]}"


@pytest.mark.parametrize(
    "path", TEMPLATES, ids=lambda p: f"{p.parent.parent.name}/{p.name}"
)
def test_no_rule_code_in_templates(path):
    text = COMMENT.sub("", path.read_text(encoding="utf-8"))
    found = [
        line.strip()
        for line in text.splitlines()
        if RULE_CODE.search(re.sub(r'(?:id|ref|t-call|name|t-name)="[^"]*"', "", line))
    ]
    assert not found, f"rule codes in {path.name}: {found[:5]}"


@pytest.mark.parametrize(
    "text", ["Assigned within the target (L3)", "Normal hourly rate (B1).", "C6: x"]
)
def test_the_pattern_catches_codes(text):
    assert RULE_CODE.search(text)


@pytest.mark.parametrize("text", ["SUP-0042", "CO2", "Level 3", "10 h 30 min"])
def test_the_pattern_spares_plain_words(text):
    assert not RULE_CODE.search(text)
