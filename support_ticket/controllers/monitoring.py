"""Proactive monitoring intake (T1; tiers with monitoring, C1).

``POST /support/monitoring/alert`` with the contract's secret token in the
``X-Support-Token`` header (or ``Authorization: Bearer <token>``) and a JSON
object::

    {"alert_key": "db-disk-full", "summary": "Disk 95% full",
     "severity": "critical", "description": "...", "source": "zabbix",
     "url": "https://...", "status": "firing", "contract": "SUP/2026/0001"}

The same route takes the webhook bodies of Prometheus Alertmanager and
Grafana as they are sent (``monitoring_webhook.py``).

Every refusal is a JSON ``{"ok": false, "error": {"code", "message"}}`` with
its HTTP status, and creates nothing.
"""

import json
import logging

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..tools import monitoring

_logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-Support-Token"
FIELD_LIMITS = {
    "alert_key": 128,
    "summary": 200,
    "severity": 32,
    "description": 10000,
    "source": 128,
    "url": 2048,
    "status": 16,
    "contract": 64,
}
REQUIRED = ("alert_key", "summary", "severity")
STATUSES = monitoring.STATUSES


class MonitoringError(Exception):
    def __init__(self, status, code, message, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


class SupportMonitoringController(http.Controller):
    @http.route(
        "/support/monitoring/alert",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def monitoring_alert(self, **_kwargs):
        try:
            result, status = self._handle_alert()
        except MonitoringError as err:
            return request.make_json_response(
                {"ok": False, "error": {"code": err.code, "message": err.message}},
                headers=list(err.headers.items()),
                status=err.status,
            )
        return request.make_json_response(result, status=status)

    # ------------------------------------------------------------ steps
    def _presented_token(self):
        headers = request.httprequest.headers
        token = (headers.get(TOKEN_HEADER) or "").strip()
        if not token:
            auth = (headers.get("Authorization") or "").strip()
            if auth.lower().startswith("bearer "):
                token = auth[7:].strip()
        return token

    def _authenticate(self):
        _ = request.env._
        plain = self._presented_token()
        if not plain:
            raise MonitoringError(
                401,
                "missing_token",
                _(
                    "No monitoring token: send it in the %(header)s header.",
                    header=TOKEN_HEADER,
                ),
            )
        token = request.env["support.monitoring.token"]._find(plain)
        if not token:
            raise MonitoringError(
                401, "invalid_token", _("This monitoring token is not valid.")
            )
        if token.state != "active":
            raise MonitoringError(
                401,
                "revoked_token",
                _("This monitoring token was revoked: ask the provider for a new one."),
            )
        contract = token.contract_id
        if not contract.plan_id.has_monitoring:
            raise MonitoringError(
                403,
                "monitoring_not_included",
                _("The support plan of this contract does not include monitoring."),
            )
        if contract.state != "active":
            raise MonitoringError(
                403, "contract_not_active", _("The support contract is not active.")
            )
        return token

    def _read_payload(self, token):
        """The JSON object of the body. The body is read once and kept: Odoo
        replays the request after a serialization failure, and the replay
        must see the same alert."""
        _ = request.env._
        limit = token._max_payload_bytes()
        httpreq = request.httprequest
        too_large = MonitoringError(
            413,
            "payload_too_large",
            _("The alert is larger than %(limit)s bytes.", limit=limit),
        )
        if httpreq.content_length and httpreq.content_length > limit:
            raise too_large
        data = httpreq.get_data(cache=True)
        if len(data) > limit:
            raise too_large
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MonitoringError(
                400, "malformed_json", _("The body is not valid JSON.")
            ) from exc
        if monitoring.json_too_deep(text, monitoring.MAX_JSON_DEPTH):
            raise MonitoringError(
                400,
                "too_deep",
                _(
                    "The alert nests more than %(depth)s levels of objects or lists.",
                    depth=monitoring.MAX_JSON_DEPTH,
                ),
            )
        try:
            payload = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise MonitoringError(
                400, "malformed_json", _("The body is not valid JSON.")
            ) from exc
        if not isinstance(payload, dict):
            raise MonitoringError(
                400, "malformed_json", _("The body must be a JSON object.")
            )
        return payload

    def _validate(self, payload, token):
        """The alert of ``payload``, cleaned and checked (422 or 403 else)."""
        alert = self._clean_fields(payload)
        self._check_required(alert)
        self._check_choices(alert, token)
        self._check_url(alert)
        self._check_contract(alert, token)
        return alert

    def _clean_fields(self, payload):
        """The known fields of the payload: stripped strings within their
        size; empty values are left out."""
        _ = request.env._
        alert = {}
        for key, size in FIELD_LIMITS.items():
            value = payload.get(key)
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                raise MonitoringError(
                    422,
                    "invalid_field",
                    _("The field %(field)s must be a string.", field=key),
                )
            value = value.strip()
            if len(value) > size:
                raise MonitoringError(
                    422,
                    "invalid_field",
                    _(
                        "The field %(field)s is longer than %(size)s characters.",
                        field=key,
                        size=size,
                    ),
                )
            if value:
                alert[key] = value
        return alert

    def _check_required(self, alert):
        missing = [key for key in REQUIRED if key not in alert]
        if missing:
            raise MonitoringError(
                422,
                "missing_field",
                request.env._(
                    "Missing field(s): %(fields)s.", fields=", ".join(missing)
                ),
            )

    def _check_severity(self, alert, token):
        """The severity, lower-cased, among those of the contract's map."""
        alert["severity"] = alert["severity"].lower()
        accepted = token.contract_id._monitoring_severity_urgency()
        if alert["severity"] not in accepted:
            raise MonitoringError(
                422,
                "unknown_severity",
                request.env._(
                    "Unknown severity %(severity)s; accepted: %(accepted)s.",
                    severity=alert["severity"],
                    accepted=", ".join(accepted),
                ),
            )

    def _check_choices(self, alert, token):
        """Severity and status, lower-cased, among the accepted values."""
        _ = request.env._
        self._check_severity(alert, token)
        alert["status"] = alert.get("status", "firing").lower()
        if alert["status"] not in STATUSES:
            raise MonitoringError(
                422,
                "invalid_field",
                _(
                    "Unknown status %(status)s; accepted: %(accepted)s.",
                    status=alert["status"],
                    accepted=", ".join(STATUSES),
                ),
            )

    def _check_url(self, alert):
        url = alert.get("url")
        if url and not url.lower().startswith(("http://", "https://")):
            raise MonitoringError(
                422,
                "invalid_field",
                request.env._("The url must start with http:// or https://."),
            )

    def _check_contract(self, alert, token):
        """A token never reaches another contract's tickets."""
        if "contract" in alert and alert["contract"] != token.contract_id.name:
            raise MonitoringError(
                403,
                "contract_mismatch",
                request.env._(
                    "This token does not belong to contract %(contract)s.",
                    contract=alert["contract"],
                ),
            )

    def _handle_alert(self):
        token = self._authenticate()
        accepted, retry_after = token._consume_call()
        if not accepted:
            raise MonitoringError(
                429,
                "rate_limited",
                request.env._(
                    "Too many alerts with this token: retry in %(seconds)s seconds.",
                    seconds=retry_after,
                ),
                headers={"Retry-After": str(retry_after)},
            )
        payload = self._read_payload(token)
        return self._intake(token, payload)

    def _intake(self, token, payload):
        """The native single alert: validated, then recorded."""
        alert = self._validate(payload, token)
        Ticket = request.env["support.ticket"].sudo()
        try:
            with request.env.cr.savepoint():
                ticket, outcome = Ticket._monitoring_intake(token, alert)
        except (UserError, ValidationError) as exc:
            raise MonitoringError(422, "rejected", str(exc)) from exc
        body = {"ok": True, "status": outcome}
        if ticket:
            body["ticket"] = {"id": ticket.id, "number": ticket.number}
        return body, (201 if outcome == "created" else 200)
