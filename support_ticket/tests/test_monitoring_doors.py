"""Issue 11, monitoring: bad bodies are refused as JSON (never a 500), the
body survives Odoo's replay of the request, the database keeps one open
ticket per alert key, and a token rotation locks its contract."""

from unittest.mock import patch

import psycopg2

from odoo import sql_db
from odoo.exceptions import ConcurrencyError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_monitoring import MonitoringCase


@tagged("post_install", "-at_install")
class TestMonitoringDoors(MonitoringCase):
    def test_bad_bodies_are_json_refusals(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "support_ticket.monitoring_max_payload_bytes", "65536"
        )
        deep = "[" * 10000 + "]" * 10000
        for raw, status, code in (
            (deep, 400, "too_deep"),
            ('{"alert_key": ' + "{" * 50 + "}" * 50 + "}", 400, "too_deep"),
            ("[1, 2]", 400, "malformed_json"),
            ("alert: disk full", 400, "malformed_json"),
            ("x" * 70000, 413, "payload_too_large"),
        ):
            with self.subTest(raw=raw[:20]):
                self.assert_refused(self.alert(self.secret, raw=raw), status, code)
        self.assert_refused(
            self.alert(self.secret, summary={"nested": "object"}), 422, "invalid_field"
        )
        # brackets inside strings are text, not nesting
        response = self.alert(self.secret, summary="[[[[[[[[[[ disk ]]]]]]]]]]")
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(len(self.tickets()), 1)

    def test_body_survives_the_replay_after_a_serialization_failure(self):
        Ticket = type(self.env["support.ticket"])
        original = Ticket._monitoring_intake
        calls = []

        def intake(model, token, alert):
            calls.append(alert["alert_key"])
            if len(calls) == 1:
                raise ConcurrencyError("simulated serialization failure")
            return original(model, token, alert)

        with (
            patch.object(Ticket, "_monitoring_intake", intake),
            patch("odoo.service.model.random.uniform", return_value=0),
        ):
            response = self.alert(self.secret, alert_key="replayed")
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(calls, ["replayed", "replayed"])
        self.assertEqual(self.tickets().monitoring_alert_key, "replayed")

    def test_database_keeps_one_open_ticket_per_alert_key(self):
        self.assertEqual(self.alert(self.secret).status_code, 201)
        first = self.tickets()
        vals = {
            "name": "Duplicate",
            "partner_id": self.acme.id,
            "contract_id": self.contract.id,
            "channel": "monitoring",
            "monitoring_alert_key": first.monitoring_alert_key,
        }
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["support.ticket"].create(vals)
        # once the first is resolved, the key opens a new ticket
        first.stage_id = self.stage_resolved
        first.flush_recordset()
        self.env["support.ticket"].create(vals).flush_recordset()
        self.assertEqual(len(self.tickets()), 2)

    def test_rotation_locks_the_contract_row(self):
        contract = self.env.ref("support_contract.contract_atelier_verne")
        contract.with_user(self.manager).action_rotate_monitoring_token()
        self.env.flush_all()
        # another connection cannot lock the contract until this transaction ends
        with (
            sql_db.db_connect(self.env.cr.dbname).cursor() as other,
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.LockNotAvailable),
        ):
            other.execute(
                "SELECT id FROM support_contract WHERE id = %s FOR UPDATE NOWAIT",
                (contract.id,),
            )
