"""Every rule id cited by the addons and the tests is defined in docs/RULES.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE_ID = re.compile(r"\b[CSTLBP][0-9]\b")
DEFINED = re.compile(r"^- \*\*([CSTLBP][0-9]) ", re.MULTILINE)
SUFFIXES = {".py", ".xml", ".js", ".csv", ".md", ".rst", ".txt", ".scss", ".po", ".pot"}


def cited_ids():
    cited = {}
    folders = [*sorted(ROOT.glob("support_*")), ROOT / "tests"]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            for rule in RULE_ID.findall(path.read_text(errors="replace")):
                cited.setdefault(rule, path.relative_to(ROOT))
    return cited


def defined_ids():
    return DEFINED.findall((ROOT / "docs" / "RULES.md").read_text())


def test_every_cited_rule_is_defined():
    defined = set(defined_ids())
    missing = {rule: str(path) for rule, path in cited_ids().items()}
    missing = {rule: path for rule, path in missing.items() if rule not in defined}
    assert not missing, f"rule ids cited but not defined in docs/RULES.md: {missing}"


def test_rules_are_defined_once_and_cited():
    defined = defined_ids()
    assert len(defined) == len(set(defined)), "a rule id is defined twice"
    assert len(cited_ids()) >= 30, "the rule citations were not found"
