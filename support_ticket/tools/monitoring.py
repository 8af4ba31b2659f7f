"""Pure checks of a monitoring alert's body (T1): no ``odoo`` import."""

import hashlib
import json

MAX_JSON_DEPTH = 8


def json_too_deep(text, max_depth):
    """Whether the JSON ``text`` nests objects and lists deeper than
    ``max_depth``, found without parsing it (a parser recurses, and a
    10,000-deep body would exhaust the stack). Brackets inside strings do
    not count."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return True
        elif char in "]}":
            depth -= 1
    return False


# ---------------------------------------------------------------- webhooks
# Alertmanager (webhook v4) and Grafana (unified alerting contact point)
# bodies carry a list of alerts; each alert becomes one native alert dict.
STATUSES = ("firing", "resolved")
DEFAULT_MAX_ALERTS = 100
MAX_KEY = 128
MAX_SUMMARY = 200
MAX_DESCRIPTION = 10000
# T1: the urgency (T4) of a severity label; the contract's map adds to it
DEFAULT_SEVERITY_MAP = "critical = high\nwarning = medium\ninfo = low"
# the URLs of an alert worth keeping, in the order they are shown
DETAIL_URLS = (
    ("dashboard", "dashboardURL"),
    ("panel", "panelURL"),
    ("silence", "silenceURL"),
)


class AlertError(Exception):
    """A refused webhook body: HTTP ``status``, an error ``code`` and the
    ``params`` of its message (the caller translates it)."""

    def __init__(self, http_status, code, **params):
        super().__init__(code)
        self.status = http_status
        self.code = code
        self.params = params


def parse_severity_map(text, urgencies):
    """``{severity: urgency}`` of lines ``severity = urgency`` (or ``:``);
    blank lines and ``#`` comments are skipped. Raise ``ValueError(line)``
    with the 1-based number of a line that is not understood."""
    mapping = {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sep = "=" if "=" in line else ":"
        severity, _sep, urgency = (part.strip().lower() for part in line.partition(sep))
        if not _sep or not severity or urgency not in urgencies:
            raise ValueError(number)
        mapping[severity] = urgency
    return mapping


def webhook_kind(payload):
    """``alertmanager``, ``grafana`` or None (the native single alert)."""
    if "alerts" not in payload:
        return None
    return "grafana" if "orgId" in payload else "alertmanager"


def labels_key(labels):
    """A stable key of an alert without fingerprint: its labels' digest."""
    text = json.dumps(labels, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _text(value):
    if value is None:
        return ""
    return (value if isinstance(value, str) else json.dumps(value)).strip()


def _http_url(value):
    url = _text(value)
    return url if url.lower().startswith(("http://", "https://")) else ""


def _strings(mapping):
    return {str(key): _text(value) for key, value in mapping.items()}


def _alert_status(raw, default, index):
    status = _text(raw.get("status") or default).lower()
    if status not in STATUSES:
        raise AlertError(422, "unknown_status", index=index, status=status)
    return status


def _alert_summary(annotations, labels, index):
    summary = (
        annotations.get("summary")
        or annotations.get("title")
        or labels.get("alertname")
        or ""
    )
    if not summary:
        raise AlertError(422, "missing_summary", index=index)
    return summary[:MAX_SUMMARY]


def _alert_details(raw, labels):
    """``(key, text)`` rows kept in the ticket's description."""
    details = [("labels", ", ".join(f"{k}={v}" for k, v in sorted(labels.items())))]
    if isinstance(raw.get("values"), dict) and raw["values"]:
        values = _strings(raw["values"])
        details.append(("values", ", ".join(f"{k}={v}" for k, v in values.items())))
    if raw.get("startsAt"):
        details.append(("started", _text(raw["startsAt"])))
    for key, field in DETAIL_URLS:
        url = _http_url(raw.get(field))
        if url:
            details.append((key, url))
    return details


def _one_alert(raw, index, default_status, source):
    if not isinstance(raw, dict):
        raise AlertError(422, "invalid_alert", index=index)
    labels = raw.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise AlertError(422, "missing_labels", index=index)
    labels = _strings(labels)
    annotations = raw.get("annotations")
    annotations = _strings(annotations) if isinstance(annotations, dict) else {}
    severity = labels.get("severity", "").lower()
    if not severity:
        raise AlertError(422, "missing_severity", index=index)
    key = _text(raw.get("fingerprint")) or labels_key(labels)
    if len(key) > MAX_KEY:
        raise AlertError(422, "invalid_fingerprint", index=index, size=MAX_KEY)
    alert = {
        "alert_key": key,
        "summary": _alert_summary(annotations, labels, index),
        "severity": severity,
        "status": _alert_status(raw, default_status, index),
        "source": source,
        "details": _alert_details(raw, labels),
    }
    description = annotations.get("description") or annotations.get("message")
    if description:
        alert["description"] = description[:MAX_DESCRIPTION]
    url = _http_url(raw.get("generatorURL"))
    if url:
        alert["url"] = url
    return alert


def webhook_alerts(payload, max_alerts=DEFAULT_MAX_ALERTS):
    """The native alert dicts of an Alertmanager or Grafana body, all checked
    before any is used (a bad one refuses the whole body). Raise
    ``AlertError``; ``index`` in its params is the 1-based alert."""
    kind = webhook_kind(payload)
    alerts = payload.get("alerts")
    if not isinstance(alerts, list):
        raise AlertError(422, "invalid_alerts")
    if not alerts:
        raise AlertError(422, "no_alerts")
    if len(alerts) > max_alerts:
        raise AlertError(413, "too_many_alerts", count=len(alerts), limit=max_alerts)
    default_status = _text(payload.get("status") or "firing").lower()
    if default_status not in STATUSES:
        raise AlertError(422, "unknown_status", status=default_status)
    receiver = _text(payload.get("receiver"))
    source = f"{kind} ({receiver})" if receiver else kind
    result, seen = [], set()
    for index, raw in enumerate(alerts, start=1):
        alert = _one_alert(raw, index, default_status, source[:128])
        if alert["alert_key"] in seen:
            raise AlertError(422, "duplicate_alert", index=index)
        seen.add(alert["alert_key"])
        result.append(alert)
    return kind, result
