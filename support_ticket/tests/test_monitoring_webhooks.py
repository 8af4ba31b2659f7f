"""Issue 15: the monitoring route speaks Alertmanager (webhook v4) and
Grafana (unified alerting webhook contact point) as they send, over HTTP.

Every alert of a body is checked before any ticket is touched; new tickets
are created in one ``create()`` call; a fingerprint never reaches another
contract's ticket."""

import copy
import json
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_monitoring import URL, MonitoringCase

GENERATOR = "http://prometheus.acme.example:9090/graph?g0.expr=disk_free"


def am_alert(fingerprint, severity="critical", status="firing", **labels):
    """One alert as Alertmanager 0.27 sends it."""
    return {
        "status": status,
        "labels": {
            "alertname": "DiskAlmostFull",
            "instance": "db1.acme.example:9100",
            "job": "node",
            "severity": severity,
            **labels,
        },
        "annotations": {
            "summary": f"Disk of db1 almost full ({severity})",
            "description": "Less than 5% free on /var/lib/postgresql.",
            "runbook_url": "https://runbooks.acme.example/disk",
        },
        "startsAt": "2026-12-01T21:14:05.123Z",
        "endsAt": (
            "2026-12-01T22:02:05.123Z"
            if status == "resolved"
            else "0001-01-01T00:00:00Z"
        ),
        "generatorURL": GENERATOR,
        "fingerprint": fingerprint,
    }


def alertmanager(*alerts, status=None):
    return {
        "version": "4",
        "groupKey": '{}/{severity=~"critical|warning"}:{alertname="DiskAlmostFull"}',
        "truncatedAlerts": 0,
        "status": status or alerts[0]["status"],
        "receiver": "support-desk",
        "groupLabels": {"alertname": "DiskAlmostFull"},
        "commonLabels": {"alertname": "DiskAlmostFull", "job": "node"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager.acme.example:9093",
        "alerts": list(alerts),
    }


def grafana(status="firing"):
    """A body of a Grafana 11 webhook contact point."""
    return {
        "receiver": "Support desk",
        "status": status,
        "orgId": 1,
        "alerts": [
            {
                "status": status,
                "labels": {
                    "alertname": "High API latency",
                    "grafana_folder": "Production",
                    "severity": "warning",
                },
                "annotations": {
                    "summary": "API p95 latency above 2 s",
                    "description": "The ERP API answers slowly.",
                },
                "startsAt": "2026-12-01T08:10:00Z",
                "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "https://grafana.acme.example/alerting/grafana/eb1/view",
                "fingerprint": "57c6d9296de2ad39",
                "silenceURL": "https://grafana.acme.example/alerting/silence/new",
                "dashboardURL": "https://grafana.acme.example/d/api",
                "panelURL": "https://grafana.acme.example/d/api?viewPanel=2",
                "values": {"B": 2.31, "C": 1},
                "valueString": "[ var='B' value=2.31 ]",
            }
        ],
        "groupLabels": {"alertname": "High API latency"},
        "commonLabels": {"alertname": "High API latency", "severity": "warning"},
        "commonAnnotations": {"summary": "API p95 latency above 2 s"},
        "externalURL": "https://grafana.acme.example/",
        "version": "1",
        "groupKey": '{}:{alertname="High API latency"}',
        "truncatedAlerts": 0,
        "title": "[FIRING:1] High API latency Production (warning)",
        "state": "alerting",
        "message": "**Firing**\n\nValue: B=2.31",
    }


@tagged("post_install", "-at_install")
class TestMonitoringWebhooks(MonitoringCase):
    def post(self, body, secret=None):
        return self.url_open(
            URL,
            data=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {secret or self.secret}",
            },
        )

    def ticket_of(self, response, index=0):
        ticket = response.json()["alerts"][index]["ticket"]
        return self.env["support.ticket"].browse(ticket["id"])

    # ------------------------------------------------------------ alertmanager
    def test_alertmanager_group_opens_one_ticket_per_alert_in_one_create(self):
        Ticket = self.registry["support.ticket"]
        calls = []
        original = Ticket.create

        def create(records, vals_list):
            calls.append(len(vals_list))
            return original(records, vals_list)

        body = alertmanager(am_alert("a1f0c2"), am_alert("b2e4d8", "warning"))
        with patch.object(Ticket, "create", create):
            response = self.post(body)
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(calls, [2], "the new tickets are created in one call")
        result = response.json()
        self.assertTrue(result["ok"])
        self.assertEqual(
            [(a["alert_key"], a["status"]) for a in result["alerts"]],
            [("a1f0c2", "created"), ("b2e4d8", "created")],
        )
        critical, warning = self.ticket_of(response, 0), self.ticket_of(response, 1)
        self.assertEqual((critical.urgency, warning.urgency), ("high", "medium"))
        self.assertEqual(critical.priority, "3")
        self.assertEqual(critical.channel, "monitoring")
        self.assertEqual(critical.contract_id, self.contract)
        self.assertEqual(critical.monitoring_alert_key, "a1f0c2")
        self.assertEqual(critical.name, "Disk of db1 almost full (critical)")
        self.assertEqual(critical.screen_url, GENERATOR)
        self.assertIn("Less than 5% free", critical.description)
        self.assertIn("instance=db1.acme.example:9100", critical.description)
        self.assertIn("alertmanager (support-desk)", critical.description)
        # the same group again: both tickets updated, none created
        response = self.post(body)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            [a["status"] for a in response.json()["alerts"]], ["updated", "updated"]
        )
        self.assertEqual(critical.monitoring_alert_count, 2)
        self.assertEqual(len(self.tickets()), 2)

    def test_alertmanager_resolved_notes_or_resolves_as_the_contract_says(self):
        ticket = self.ticket_of(self.post(alertmanager(am_alert("c3"))))
        resolved = alertmanager(am_alert("c3", status="resolved"))
        response = self.post(resolved)
        self.assertEqual(response.json()["alerts"][0]["status"], "updated")
        self.assertFalse(ticket.is_resolved, "by default a recovery is a note")
        self.assertIn("reports a recovery", ticket.message_ids[0].body)
        # the contract's setting: a recovery resolves the ticket
        self.contract.monitoring_auto_resolve = True
        response = self.post(resolved)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["alerts"][0]["status"], "resolved")
        self.assertTrue(ticket.is_resolved)
        # a recovery without an open ticket changes nothing
        response = self.post(resolved)
        self.assertEqual(response.json()["alerts"][0]["status"], "ignored")
        self.assertIsNone(response.json()["alerts"][0]["ticket"])
        self.assertEqual(len(self.tickets()), 1)

    def test_alert_without_fingerprint_is_keyed_by_its_labels(self):
        alert = am_alert("")
        del alert["fingerprint"]
        first = self.ticket_of(self.post(alertmanager(alert)))
        again = self.post(alertmanager(copy.deepcopy(alert)))
        self.assertEqual(again.json()["alerts"][0]["status"], "updated")
        self.assertEqual(self.ticket_of(again), first)
        self.assertEqual(len(first.monitoring_alert_key), 32)

    def test_fingerprint_of_another_contracts_alert_never_touches_it(self):
        theirs = self.ticket_of(
            self.post(alertmanager(am_alert("f00d")), self.other_secret)
        )
        self.contract.monitoring_auto_resolve = True
        response = self.post(alertmanager(am_alert("f00d", status="resolved")))
        self.assertEqual(response.json()["alerts"][0]["status"], "ignored")
        response = self.post(alertmanager(am_alert("f00d")))
        self.assertEqual(response.status_code, 201, response.text)
        mine = self.ticket_of(response)
        self.assertNotEqual(mine, theirs)
        self.assertEqual(mine.contract_id, self.contract)
        self.assertFalse(theirs.is_resolved)
        self.assertEqual(theirs.monitoring_alert_count, 1)
        self.assertEqual(theirs.contract_id, self.other_contract)

    # ------------------------------------------------------------ grafana
    def test_grafana_firing_then_resolved(self):
        response = self.post(grafana())
        self.assertEqual(response.status_code, 201, response.text)
        ticket = self.ticket_of(response)
        self.assertEqual(ticket.name, "API p95 latency above 2 s")
        self.assertEqual(ticket.monitoring_alert_key, "57c6d9296de2ad39")
        self.assertEqual(ticket.urgency, "medium")
        self.assertEqual(
            ticket.screen_url, "https://grafana.acme.example/alerting/grafana/eb1/view"
        )
        self.assertIn(
            "https://grafana.acme.example/d/api?viewPanel=2", ticket.description
        )
        self.assertIn("B=2.31", ticket.description)
        self.assertIn("grafana (Support desk)", ticket.description)
        response = self.post(grafana("resolved"))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["alerts"][0]["status"], "updated")
        self.assertEqual(ticket.monitoring_alert_count, 2)

    # ------------------------------------------------------------ severity map
    def test_severity_map_is_the_contracts(self):
        self.contract.monitoring_severity_map = "critical = medium\npage: high\n# note"
        response = self.post(
            alertmanager(am_alert("s1", "critical"), am_alert("s2", "page"))
        )
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(self.ticket_of(response, 0).urgency, "medium")
        self.assertEqual(self.ticket_of(response, 1).urgency, "high")
        # a severity of no map is refused, nothing created
        response = self.post(alertmanager(am_alert("s3", "sev1")))
        body = self.assert_refused(response, 422, "unknown_severity")
        self.assertIn("sev1", body["error"]["message"])
        with self.assertRaises(ValidationError):
            self.contract.monitoring_severity_map = "critical = urgent"
        self.assertEqual(len(self.tickets()), 2)

    # ------------------------------------------------------------ bad bodies
    def test_bad_bodies_are_refused_whole(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "support_ticket.monitoring_max_payload_bytes", str(4 * 1024 * 1024)
        )
        good = am_alert("ok1")
        no_labels = am_alert("x1")
        no_labels["labels"] = {}
        no_severity = am_alert("x2")
        del no_severity["labels"]["severity"]
        flood = [am_alert(f"fp{i}") for i in range(1000)]
        cases = [
            (alertmanager(*flood), 413, "too_many_alerts"),
            (alertmanager(good, no_labels), 422, "missing_labels"),
            (alertmanager(good, no_severity), 422, "missing_severity"),
            (
                alertmanager(good, am_alert("x3", status="pending")),
                422,
                "unknown_status",
            ),
            (alertmanager(good, status="exploded"), 422, "unknown_status"),
            (alertmanager(good, "not an alert"), 422, "invalid_alert"),
            (alertmanager(good, am_alert("ok1")), 422, "duplicate_alert"),
            ({"version": "4", "status": "firing", "alerts": []}, 422, "no_alerts"),
            ({"version": "4", "alerts": {"a": 1}}, 422, "invalid_alerts"),
        ]
        for body, status, code in cases:
            with self.subTest(code=code):
                self.assert_refused(self.post(body), status, code)
        self.assertFalse(self.tickets(), "nothing half-created")
        # a message names the alert
        response = self.post(alertmanager(good, no_labels))
        self.assertIn("2", response.json()["error"]["message"])
        # the limit is a setting
        self.env["ir.config_parameter"].sudo().set_param(
            "support_ticket.monitoring_max_alerts", "1"
        )
        self.assert_refused(
            self.post(alertmanager(good, am_alert("ok2"))), 413, "too_many_alerts"
        )

    def test_native_alert_still_works(self):
        response = self.alert(headers={"Authorization": f"Bearer {self.secret}"})
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["status"], "created")
