"""Proactive monitoring intake (issue 7; T1, C1 tiers with monitoring, T4).

Each bad call must get a clear JSON error with its HTTP status and create
nothing; a repeated alert must update the one open ticket of its key."""

import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import SupportTicketCommon

URL = "/support/monitoring/alert"


class MonitoringCase(HttpCase, SupportTicketCommon):
    """Three contracts with a token each, and helpers to post alerts."""

    @classmethod
    def default_env_context(cls):
        return {
            **super().default_env_context(),
            "mail_create_nolog": True,
            "tracking_disable": True,
        }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the shared fixtures: the contracts of Acme and Globex are on
        # plan_light (proactive monitoring), Initech's on plan_basic (none)
        cls.acme = cls.customer
        cls.globex = cls.other_customer
        cls.initech = cls.env["res.partner"].create(
            {"name": "Initech Monitoring", "is_company": True}
        )
        cls.plain_contract = cls._contract(
            partner_id=cls.initech.id, plan_id=cls.plan_basic.id
        )
        cls.plain_contract.write({"state": "active"})
        Token = cls.env["support.monitoring.token"]
        cls.token, cls.secret = Token._issue(cls.contract)
        cls.other_token, cls.other_secret = Token._issue(cls.other_contract)
        # a token issued while the plan had monitoring, then the plan lost it
        cls.plain_token, cls.plain_secret = Token._issue(cls.plain_contract)

    # ------------------------------------------------------------ helpers
    def alert(self, secret=None, payload=None, raw=None, headers=None, **values):
        body = {
            "alert_key": "db-disk",
            "summary": "Database disk 95% full",
            "severity": "critical",
            "source": "zabbix",
        }
        body.update(values)
        if payload is not None:
            body = payload
        data = raw if raw is not None else json.dumps(body)
        all_headers = {"Content-Type": "application/json"}
        if secret is not None:
            all_headers["X-Support-Token"] = secret
        all_headers.update(headers or {})
        return self.url_open(URL, data=data, headers=all_headers)

    def tickets(self):
        # only this test's customers: demo data may hold monitoring tickets too
        return self.env["support.ticket"].search(
            [
                ("channel", "=", "monitoring"),
                (
                    "commercial_partner_id",
                    "in",
                    (self.acme | self.globex | self.initech).ids,
                ),
            ],
            order="id",
        )

    def assert_refused(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        body = response.json()
        self.assertFalse(body["ok"])
        self.assertEqual(body["error"]["code"], code)
        self.assertTrue(body["error"]["message"])
        return body


@tagged("post_install", "-at_install")
class TestMonitoringIntake(MonitoringCase):
    # ------------------------------------------------------------ success
    def test_alert_opens_a_system_wide_monitoring_ticket(self):
        """T1/T4: channel monitoring, impact system-wide, urgency from the
        severity; critical x system-wide = critical priority."""
        response = self.alert(self.secret)
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        self.assertEqual(body["status"], "created")
        ticket = self.env["support.ticket"].browse(body["ticket"]["id"])
        self.assertEqual(ticket.number, body["ticket"]["number"])
        self.assertEqual(ticket.channel, "monitoring")
        self.assertEqual(ticket.impact, "system")
        self.assertEqual(ticket.urgency, "high")
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.contract_id, self.contract)
        self.assertEqual(ticket.commercial_partner_id, self.acme)
        self.assertEqual(ticket.name, "Database disk 95% full")
        self.assertEqual(ticket.monitoring_alert_key, "db-disk")
        self.assertEqual(ticket.monitoring_token_id, self.token)
        self.assertIn("zabbix", ticket.description)
        self.token.invalidate_recordset()
        self.assertEqual(self.token.call_count, 1)

    def test_severity_maps_to_urgency(self):
        for severity, urgency in (("warning", "medium"), ("INFO", "low")):
            response = self.alert(self.secret, alert_key=severity, severity=severity)
            self.assertEqual(response.status_code, 201, response.text)
            ticket = self.env["support.ticket"].browse(response.json()["ticket"]["id"])
            self.assertEqual(ticket.urgency, urgency)
            self.assertEqual(ticket.impact, "system")

    def test_bearer_header_is_accepted(self):
        response = self.alert(headers={"Authorization": f"Bearer {self.secret}"})
        self.assertEqual(response.status_code, 201, response.text)

    def test_same_alert_updates_the_open_ticket(self):
        """A flood of the same alert: one ticket, updated, never duplicated."""
        first = self.alert(self.secret).json()["ticket"]["id"]
        ticket = self.env["support.ticket"].browse(first)
        messages_before = len(ticket.message_ids)
        for _i in range(3):
            response = self.alert(self.secret, summary="Still 97% full")
            self.assertEqual(response.status_code, 200, response.text)
            self.assertEqual(response.json()["status"], "updated")
            self.assertEqual(response.json()["ticket"]["id"], first)
        self.assertEqual(len(self.tickets()), 1)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.monitoring_alert_count, 4)
        self.assertEqual(len(ticket.message_ids), messages_before + 3)
        self.assertIn("Still 97% full", ticket.message_ids[0].body)
        # the subject of the ticket is not rewritten by the repeats
        self.assertEqual(ticket.name, "Database disk 95% full")

    def test_recovery_is_added_and_resolved_ticket_is_not_reused(self):
        first = self.alert(self.secret).json()["ticket"]["id"]
        response = self.alert(self.secret, status="resolved", summary="Disk at 60%")
        self.assertEqual(response.json()["status"], "updated")
        ticket = self.env["support.ticket"].browse(first)
        ticket.stage_id = self.env.ref("support_ticket.stage_resolved")
        # a recovery without an open ticket is acknowledged, nothing is created
        response = self.alert(self.secret, status="resolved")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "ignored")
        self.assertEqual(len(self.tickets()), 1)
        # the alert fires again after resolution: a new ticket
        response = self.alert(self.secret)
        self.assertEqual(response.status_code, 201)
        self.assertNotEqual(response.json()["ticket"]["id"], first)
        self.assertEqual(len(self.tickets()), 2)

    def test_same_key_on_another_contract_is_another_ticket(self):
        """Dedupe is per contract: another customer's alert never lands on
        (or reveals) this contract's ticket."""
        mine = self.alert(self.secret).json()["ticket"]["id"]
        response = self.alert(self.other_secret)
        self.assertEqual(response.status_code, 201)
        theirs = self.env["support.ticket"].browse(response.json()["ticket"]["id"])
        self.assertNotEqual(theirs.id, mine)
        self.assertEqual(theirs.contract_id, self.other_contract)
        self.assertEqual(
            self.env["support.ticket"].browse(mine).monitoring_alert_count, 1
        )

    # ------------------------------------------------------------ refusals
    def test_missing_token(self):
        self.assert_refused(self.alert(), 401, "missing_token")
        self.assertFalse(self.tickets())

    def test_wrong_token(self):
        self.assert_refused(self.alert("smt_not-a-real-token"), 401, "invalid_token")
        # a token's digest is not a token
        digest = self.token.sudo().token_hash
        self.assert_refused(self.alert(digest), 401, "invalid_token")
        self.assertFalse(self.tickets())

    def test_revoked_token(self):
        self.token.with_user(self.manager).action_revoke()
        self.assertEqual(self.token.state, "revoked")
        self.assert_refused(self.alert(self.secret), 401, "revoked_token")
        self.assertFalse(self.tickets())
        self.assertEqual(self.token.call_count, 0)

    def test_other_contracts_token(self):
        """A token names its contract: naming another one is refused."""
        response = self.alert(self.other_secret, contract=self.contract.name)
        self.assert_refused(response, 403, "contract_mismatch")
        self.assertFalse(self.tickets())
        # the right pairing is accepted
        response = self.alert(self.secret, contract=self.contract.name)
        self.assertEqual(response.status_code, 201, response.text)

    def test_plan_without_monitoring(self):
        """C1: only tiers with proactive monitoring take alerts."""
        self.assert_refused(
            self.alert(self.plain_secret), 403, "monitoring_not_included"
        )
        self.assertFalse(self.tickets())

    def test_inactive_contract(self):
        self.contract.action_suspend()
        self.assert_refused(self.alert(self.secret), 403, "contract_not_active")
        self.assertFalse(self.tickets())

    def test_malformed_json(self):
        for raw in ('{"alert_key": "x",', "not json", "[1, 2]", b"\xff\xfe"):
            self.assert_refused(self.alert(self.secret, raw=raw), 400, "malformed_json")
        self.assertFalse(self.tickets())

    def test_oversize_payload(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "support_ticket.monitoring_max_payload_bytes", "2048"
        )
        response = self.alert(self.secret, description="x" * 5000)
        body = self.assert_refused(response, 413, "payload_too_large")
        self.assertIn("2048", body["error"]["message"])
        self.assertFalse(self.tickets())

    def test_unknown_severity(self):
        body = self.assert_refused(
            self.alert(self.secret, severity="apocalyptic"), 422, "unknown_severity"
        )
        self.assertIn("critical", body["error"]["message"])
        self.assertFalse(self.tickets())

    def test_missing_and_invalid_fields(self):
        self.assert_refused(
            self.alert(self.secret, payload={"summary": "x"}), 422, "missing_field"
        )
        self.assert_refused(
            self.alert(self.secret, summary=["not", "text"]), 422, "invalid_field"
        )
        self.assert_refused(
            self.alert(self.secret, url="javascript:alert(1)"), 422, "invalid_field"
        )
        self.assert_refused(
            self.alert(self.secret, status="exploded"), 422, "invalid_field"
        )
        self.assertFalse(self.tickets())

    def test_get_is_not_allowed(self):
        response = self.url_open(URL, headers={"X-Support-Token": self.secret})
        self.assertEqual(response.status_code, 405)
        self.assertFalse(self.tickets())

    # ------------------------------------------------------------ rate limit
    def test_rate_limit_per_token(self):
        """Stored counters per token: beyond the limit, 429 with Retry-After and
        nothing created; another token is not affected; a new window accepts
        again."""
        self.token.rate_limit = 2
        self.assertEqual(self.alert(self.secret, alert_key="a").status_code, 201)
        self.assertEqual(self.alert(self.secret, alert_key="b").status_code, 201)
        response = self.alert(self.secret, alert_key="c")
        self.assert_refused(response, 429, "rate_limited")
        self.assertGreater(int(response.headers["Retry-After"]), 0)
        self.assertEqual(len(self.tickets()), 2)
        self.token.invalidate_recordset()
        self.assertEqual(self.token.rejected_count, 1)
        self.assertEqual(self.token.call_count, 3)
        # the other customer's token has its own counters
        self.assertEqual(self.alert(self.other_secret).status_code, 201)
        # once the window has passed, calls are accepted again
        self.token.rate_window_start = fields.Datetime.now() - timedelta(hours=1)
        self.assertEqual(self.alert(self.secret, alert_key="c").status_code, 201)

    def test_rate_limit_default_is_a_setting(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "support_ticket.monitoring_rate_limit", "7"
        )
        token, _secret = self.env["support.monitoring.token"]._issue(self.contract)
        self.assertEqual(token.rate_limit, 7)


@tagged("post_install", "-at_install")
class TestMonitoringTokens(MonitoringCase):
    # ------------------------------------------------------------ rotation
    def test_rotate_issues_new_token_once_and_revokes_old(self):
        action = self.contract.with_user(self.manager).action_rotate_monitoring_token()
        secret = action["context"]["default_token"]
        self.assertTrue(secret.startswith("smt_"))
        self.token.invalidate_recordset()
        self.assertEqual(self.token.state, "revoked")
        new = self.contract.sudo().monitoring_token_ids.filtered(
            lambda t: t.state == "active"
        )
        self.assertEqual(len(new), 1)
        # only the digest is stored, never the token
        self.assertNotEqual(new.token_hash, secret)
        self.assertFalse(
            self.env["support.monitoring.token.reveal"].search_count([]),
            "the dialog showing the token must not be saved",
        )
        self.assert_refused(self.alert(self.secret), 401, "revoked_token")
        self.assertEqual(self.alert(secret).status_code, 201)

    def test_rotate_refused_without_monitoring_or_rights(self):
        with self.assertRaises(UserError):
            self.plain_contract.with_user(self.manager).action_rotate_monitoring_token()
        with self.assertRaises(AccessError):
            self.contract.with_user(self.agent).action_rotate_monitoring_token()
        with self.assertRaises(AccessError):
            self.token.with_user(self.agent).action_revoke()
        self.assertEqual(self.token.state, "active")
        self.assertEqual(
            self.env["support.monitoring.token"].search_count(
                [("contract_id", "=", self.contract.id)]
            ),
            1,
        )

    def test_agent_cannot_read_token_digest(self):
        token = self.token.with_user(self.agent)
        self.assertEqual(token.token_hint, self.secret[:10])
        with self.assertRaises(AccessError):
            token.read(["token_hash"])
