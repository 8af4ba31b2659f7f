"""``dev/upgrade.py`` names every record an upgrade lost, added or changed."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "dev"))

import upgrade


def snap(rows, fields=("state", "amount")):
    return {"m": {"fields": list(fields), "rows": rows}}


def test_same_data_passes():
    before = snap([{"id": 1, "state": "active", "amount": 250.0}])
    after = snap([{"id": 1, "state": "active", "amount": 250.0000000001}])
    assert upgrade.compare(before, after) == []


def test_lost_added_and_changed_records_are_named():
    before = snap(
        [{"id": 1, "state": "active", "amount": 250.0}, {"id": 2, "state": "draft"}]
    )
    after = snap([{"id": 1, "state": "expired", "amount": 250.0}, {"id": 3}])
    problems = upgrade.compare(before, after)
    assert "m: records added by the upgrade: [3]" in problems
    assert "m(2): lost" in problems
    assert "m(1).state: 'active' -> 'expired'" in problems
    assert len(problems) == 3


def test_a_field_gone_is_named():
    before = snap([{"id": 1, "state": "active", "amount": 1.0}])
    after = snap([{"id": 1, "state": "active"}], fields=("state",))
    assert upgrade.compare(before, after) == ["m: fields gone: amount"]


def test_releases_are_recorded():
    lines = (ROOT / "RELEASES").read_text().splitlines()
    releases = dict(x.split()[:2] for x in lines if x.strip() and x[0] != "#")
    assert releases["19.0.1.0.0"].startswith("c3ed912")
    version, commit = upgrade.previous_release()
    assert releases[version] == commit
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", version)
    assert re.fullmatch(r"[0-9a-f]{40}", commit)


def test_noupdate_records_differing_from_a_fresh_install_are_named():
    rule = {"domain_force": "[('a', '=', 1)]", "groups": ["base.group_portal"]}
    fresh = {
        "x.rule_same": dict(rule),
        "x.rule_changed": dict(rule, domain_force="[('b', '=', 2)]"),
        "x.rule_new": dict(rule),
    }
    upgraded = {
        "x.rule_same": dict(rule),
        "x.rule_changed": dict(rule),
        "x.rule_old": dict(rule),
    }
    problems = upgrade.compare_noupdate(upgraded, fresh)
    changed = "x.rule_changed.domain_force: upgraded \"[('a', '=', 1)]\", "
    assert problems == [
        changed + "fresh \"[('b', '=', 2)]\"",
        "x.rule_new: only on a fresh install",
        "x.rule_old: only after the upgrade",
    ]


def test_statement_amounts_must_add_up():
    rows = [
        {"id": 1, "amount_invoiced": 120.0},
        {
            "id": 2,
            "amount_invoiced": 120.0,
            "amount_invoiced_untaxed": 100.0,
            "amount_invoiced_tax": 20.0,
        },
        {"id": 3, "amount_invoiced": 0.0},
    ]
    after = {"support.service.statement": {"rows": rows}}
    assert upgrade.check_statements(after) == [
        "support.service.statement(1): untaxed + tax 0.0 != invoiced 120.0"
    ]
