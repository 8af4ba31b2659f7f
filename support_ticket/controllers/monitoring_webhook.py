"""Alertmanager and Grafana webhooks on the monitoring route (T1).

Prometheus Alertmanager (``webhook_configs``, webhook version 4) and Grafana
(unified alerting, webhook contact point) post a group of alerts::

    {"version": "4", "status": "firing", "receiver": "support",
     "groupLabels": {...}, "commonLabels": {...},
     "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull",
                 "severity": "critical", ...},
                 "annotations": {"summary": "...", "description": "..."},
                 "startsAt": "...", "endsAt": "...", "generatorURL": "...",
                 "fingerprint": "c6f1..."}]}

Grafana adds ``orgId``, ``state``, ``title``, ``message`` and, per alert,
``silenceURL``, ``dashboardURL``, ``panelURL`` and ``values``. Each alert's
fingerprint (else a digest of its labels) is its key; its ``severity``
label gives the urgency through the contract's map. Every alert is checked
before any ticket is touched: one bad alert refuses the whole body."""

from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..tools import monitoring
from .monitoring import MonitoringError, SupportMonitoringController

MAX_ALERTS_PARAM = "support_ticket.monitoring_max_alerts"


class SupportMonitoringWebhookController(SupportMonitoringController):
    def _intake(self, token, payload):
        if not monitoring.webhook_kind(payload):
            return super()._intake(token, payload)
        alerts = self._webhook_alerts(payload, token)
        Ticket = request.env["support.ticket"].sudo()
        try:
            with request.env.cr.savepoint():
                results = Ticket._monitoring_intake_batch(token, alerts)
        except (UserError, ValidationError) as exc:
            raise MonitoringError(422, "rejected", str(exc)) from exc
        body = {
            "ok": True,
            "alerts": [
                {
                    "alert_key": alert["alert_key"],
                    "status": outcome,
                    "ticket": {"id": ticket.id, "number": ticket.number}
                    if ticket
                    else None,
                }
                for alert, (ticket, outcome) in zip(alerts, results, strict=True)
            ],
        }
        created = any(outcome == "created" for _ticket, outcome in results)
        return body, (201 if created else 200)

    def _webhook_alerts(self, payload, token):
        """The checked alerts of the body, or the refusal of the first bad
        one (nothing recorded)."""
        max_alerts = token._param_int(MAX_ALERTS_PARAM, monitoring.DEFAULT_MAX_ALERTS)
        try:
            _kind, alerts = monitoring.webhook_alerts(payload, max_alerts)
        except monitoring.AlertError as err:
            raise MonitoringError(
                err.status, err.code, self._webhook_message(err.code, err.params)
            ) from err
        accepted = token.contract_id._monitoring_severity_urgency()
        for index, alert in enumerate(alerts, start=1):
            if alert["severity"] not in accepted:
                raise MonitoringError(
                    422,
                    "unknown_severity",
                    request.env._(
                        "Alert %(index)s: unknown severity %(severity)s; "
                        "accepted: %(accepted)s.",
                        index=index,
                        severity=alert["severity"],
                        accepted=", ".join(accepted),
                    ),
                )
        return alerts

    def _webhook_message(self, code, params):
        _ = request.env._
        messages = {
            "invalid_alerts": lambda: _("The field alerts must be a list of alerts."),
            "no_alerts": lambda: _("The body holds no alert."),
            "too_many_alerts": lambda: _(
                "The body holds %(count)s alerts; at most %(limit)s are accepted "
                "in one call (set max_alerts in the webhook configuration).",
                **params,
            ),
            "unknown_status": lambda: (
                _(
                    "Alert %(index)s: unknown status %(status)s; accepted: firing, "
                    "resolved.",
                    **params,
                )
                if "index" in params
                else _(
                    "Unknown status %(status)s; accepted: firing, resolved.", **params
                )
            ),
            "invalid_alert": lambda: _("Alert %(index)s is not an object.", **params),
            "missing_labels": lambda: _("Alert %(index)s has no labels.", **params),
            "missing_severity": lambda: _(
                "Alert %(index)s has no severity label.", **params
            ),
            "missing_summary": lambda: _(
                "Alert %(index)s has neither a summary annotation nor an "
                "alertname label.",
                **params,
            ),
            "invalid_fingerprint": lambda: _(
                "Alert %(index)s: the fingerprint is longer than %(size)s characters.",
                **params,
            ),
            "duplicate_alert": lambda: _(
                "Alert %(index)s repeats the fingerprint of an earlier alert of "
                "the body.",
                **params,
            ),
        }
        return messages[code]()
