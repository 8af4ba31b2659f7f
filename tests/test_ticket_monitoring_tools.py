"""Pure tests of support_ticket/tools/monitoring.py (T1): the nesting of an
alert's JSON body is measured without parsing it; no database."""

import importlib

from pure import load_tools

mon = importlib.import_module(load_tools("support_ticket").__name__ + ".monitoring")


def test_depth_is_measured_without_recursion():
    assert mon.json_too_deep("[" * 10000 + "]" * 10000, mon.MAX_JSON_DEPTH)
    assert not mon.json_too_deep('{"a": {"b": [1, 2]}}', 3)
    assert mon.json_too_deep('{"a": {"b": [1, 2]}}', 2)


def test_brackets_in_strings_do_not_count():
    assert not mon.json_too_deep('{"summary": "[[[[{{{{"}', 1)
    assert not mon.json_too_deep('{"summary": "quote \\" [[[["}', 1)


# ---------------------------------------------------------------- webhooks
def _am(**alert):
    base = {
        "status": "firing",
        "labels": {"alertname": "Down", "severity": "critical"},
        "annotations": {"summary": "Host down"},
        "fingerprint": "abc",
    }
    base.update(alert)
    return base


def test_webhook_kind():
    assert mon.webhook_kind({"alert_key": "x"}) is None
    assert mon.webhook_kind({"version": "4", "alerts": []}) == "alertmanager"
    assert mon.webhook_kind({"orgId": 1, "alerts": []}) == "grafana"


def test_webhook_alerts_are_native_alerts():
    kind, alerts = mon.webhook_alerts(
        {"version": "4", "status": "firing", "receiver": "desk", "alerts": [_am()]}
    )
    assert kind == "alertmanager"
    (alert,) = alerts
    assert alert["alert_key"] == "abc"
    assert alert["summary"] == "Host down"
    assert alert["severity"] == "critical"
    assert alert["source"] == "alertmanager (desk)"
    assert ("labels", "alertname=Down, severity=critical") in alert["details"]


def test_summary_falls_back_to_alertname_and_key_to_labels():
    raw = _am(annotations={}, fingerprint="")
    _kind, (alert,) = mon.webhook_alerts({"alerts": [raw]})
    assert alert["summary"] == "Down"
    assert alert["alert_key"] == mon.labels_key(raw["labels"])
    # the key does not depend on the order of the labels
    reordered = {"severity": "critical", "alertname": "Down"}
    assert mon.labels_key(reordered) == alert["alert_key"]


def test_bad_webhook_bodies():
    cases = [
        ({"alerts": "x"}, 422, "invalid_alerts"),
        ({"alerts": []}, 422, "no_alerts"),
        ({"alerts": [_am()] * 3}, 413, "too_many_alerts"),
        ({"status": "odd", "alerts": [_am()]}, 422, "unknown_status"),
        ({"alerts": [_am(status="pending")]}, 422, "unknown_status"),
        ({"alerts": [_am(labels={})]}, 422, "missing_labels"),
        ({"alerts": [_am(labels={"alertname": "X"})]}, 422, "missing_severity"),
        (
            {"alerts": [_am(labels={"severity": "info"}, annotations={})]},
            422,
            "missing_summary",
        ),
        ({"alerts": [_am(fingerprint="f" * 200)]}, 422, "invalid_fingerprint"),
        ({"alerts": [_am(), _am()]}, 422, "duplicate_alert"),
        ({"alerts": [_am(), 3]}, 422, "invalid_alert"),
    ]
    for body, status, code in cases:
        try:
            mon.webhook_alerts(body, max_alerts=2)
        except mon.AlertError as err:
            assert (err.status, err.code) == (status, code), body
        else:
            raise AssertionError(f"{code} not raised")


def test_severity_map():
    urgencies = ("high", "medium", "low")
    assert mon.parse_severity_map(mon.DEFAULT_SEVERITY_MAP, urgencies) == {
        "critical": "high",
        "warning": "medium",
        "info": "low",
    }
    assert mon.parse_severity_map("P1: HIGH # pager\n\n", urgencies) == {"p1": "high"}
    for bad, line in (("critical = urgent", 1), ("ok = low\nnonsense", 2)):
        try:
            mon.parse_severity_map(bad, urgencies)
        except ValueError as err:
            assert err.args == (line,)
        else:
            raise AssertionError(bad)
