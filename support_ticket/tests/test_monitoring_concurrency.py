"""Issue 11, real concurrency: two identical monitoring alerts arriving at
the same moment, each in its own database transaction, give one ticket.

The alerts go to the demo contract of Atelier Verne (committed data); what
the test commits is removed again in a cleanup."""

import threading
import uuid
from functools import partial

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestMonitoringConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.token = self.env.ref("support_ticket.monitoring_token_atelier_verne")
        self.key = f"concurrency-{uuid.uuid4().hex[:8]}"
        self.addCleanup(self._remove_committed_tickets)

    def _remove_committed_tickets(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["support.ticket"].with_context(active_test=False).search(
                [("monitoring_alert_key", "=", self.key)]
            ).unlink()

    def _intake(self, barrier, outcomes):
        alert = {
            "alert_key": self.key,
            "summary": "Disk full",
            "severity": "critical",
            "status": "firing",
        }
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            Ticket = env["support.ticket"]
            token = env["support.monitoring.token"].browse(self.token.id)

            tries = []

            def intake():
                # the alerts start together: each one's snapshot is taken
                # before the other's ticket exists (a replay starts alone)
                Ticket.search_count([("id", "=", 0)])
                if not tries:
                    barrier.wait(timeout=30)
                tries.append(1)
                return Ticket._monitoring_intake(token, alert)[1]

            outcomes.append(retrying(partial(intake), env))

    def test_two_identical_alerts_at_once_give_one_ticket(self):
        barrier = threading.Barrier(2)
        outcomes = []
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            threads = [
                threading.Thread(target=self._intake, args=(barrier, outcomes))
                for _i in range(2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertEqual(sorted(outcomes), ["created", "updated"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tickets = env["support.ticket"].search(
                [("monitoring_alert_key", "=", self.key)]
            )
            self.assertEqual(len(tickets), 1)
            self.assertEqual(tickets.monitoring_alert_count, 2)
