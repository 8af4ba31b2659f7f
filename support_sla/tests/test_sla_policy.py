from freezegun import freeze_time
from lxml import etree
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import SupportSlaCommon, utc


class TestSlaPolicy(SupportSlaCommon):
    """Policies an administrator edits; bad input gives clear errors (issue 4)."""

    def test_zero_or_negative_target_refused(self):
        for value in (0, -5):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.policy_high.target_value = value
        self.policy_high.invalidate_recordset()
        self.assertEqual(self.policy_high.target_value, 8)

    def test_fractional_business_days_refused(self):
        with self.assertRaisesRegex(ValidationError, "whole number"):
            self.policy_low.target_value = 1.5

    def test_ambiguous_policies_refused(self):
        with self.assertRaisesRegex(ValidationError, "same tickets"):
            self.env["support.sla.policy"].create(
                {
                    "name": "Duplicate high",
                    "target_type": "response",
                    "priority": "2",
                    "target_value": 4,
                    "target_unit": "hours",
                }
            )
        # the same case with another sequence is an ordered choice, not ambiguous
        other = self.env["support.sla.policy"].create(
            {
                "name": "High for Light only",
                "target_type": "response",
                "priority": "2",
                "plan_ids": [Command.set(self.plan_light.ids)],
                "target_value": 4,
                "target_unit": "hours",
                "sequence": 1,
            }
        )
        self.assertTrue(other)

    def test_addon_windows_for_critical_only(self):
        with self.assertRaisesRegex(ValidationError, "critical"):
            self.policy_high.use_addon_windows = True

    def test_warn_percent_range(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.policy_high.warn_percent = 100
            self.policy_high.flush_recordset()

    def test_more_specific_policy_wins(self):
        """A plan-specific policy of the same sequence wins over the general one."""
        specific = self.env["support.sla.policy"].create(
            {
                "name": "High for Light: 2 hours",
                "target_type": "response",
                "priority": "2",
                "plan_ids": [Command.set(self.plan_light.ids)],
                "target_value": 2,
                "target_unit": "hours",
                "sequence": 10,
            }
        )
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        line = self._line(ticket, "response")
        self.assertEqual(line.policy_id, specific)
        self.assertEqual(line.deadline, utc(2026, 1, 5, 11))

    def test_clock_minutes_target(self):
        """L6: plain clock time (SLA 24h) ignores the working hours."""
        self.policy_high.write({"target_value": 24, "target_unit": "clock_hours"})
        with freeze_time("2026-01-09 14:00:00"):  # Friday
            ticket = self._ticket(urgency="high")
        self.assertEqual(self._line(ticket, "response").deadline, utc(2026, 1, 10, 14))

    def test_policy_edit_retargets_running_only(self):
        with freeze_time("2026-01-05 09:00:00"):
            done = self._ticket(urgency="high")
            running = self._ticket(urgency="high")
        with freeze_time("2026-01-05 10:00:00"):
            self._reply(done, self.agent)
        done_line = self._line(done, "response")
        before = (done_line.deadline, done_line.state, done_line.name)
        with freeze_time("2026-01-05 11:00:00"):
            self.policy_high.target_value = 4
        self.assertEqual((done_line.deadline, done_line.state, done_line.name), before)
        line = self._line(running, "response")
        self.assertEqual(line.consumed_minutes, 120)
        self.assertEqual(line.deadline, utc(2026, 1, 5, 13))
        self.assertEqual(line.name, "First response within 4 business hours")

    def test_archiving_policy_cancels_running_clock(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
            self.policy_high.active = False
        self.assertEqual(self._line(ticket, "response").state, "cancelled")

    def test_agent_cannot_edit_policies_nor_clocks(self):
        with self.assertRaises(AccessError):
            self.policy_high.with_user(self.agent).target_value = 1
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        line = self._line(ticket, "response")
        self.assertTrue(line.with_user(self.agent).has_access("read"))
        with self.assertRaises(AccessError):
            line.with_user(self.agent).write({"state": "met"})
        with self.assertRaises(AccessError):
            line.with_user(self.manager).unlink()
        self.assertEqual(line.state, "running")
        # an administrator edits policies
        self.policy_high.with_user(self.admin).target_value = 6
        self.assertEqual(self.policy_high.target_value, 6)

    def test_manager_recompute_button(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        line = self._line(ticket, "response")
        # 8 business hours from Monday 10:00 (Paris): Tuesday 09:00
        self.assertEqual(line.deadline, utc(2026, 1, 6, 8))
        # a stale deadline (e.g. computed before a calendar was fixed)
        line.sudo().deadline = utc(2026, 1, 30, 8)
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_sla_recompute()
        self.assertEqual(line.deadline, utc(2026, 1, 30, 8))
        with freeze_time("2026-01-05 11:00:00"):
            ticket.with_user(self.manager).action_sla_recompute()
        self.assertEqual(line.deadline, utc(2026, 1, 6, 8))
        self.assertEqual(line.state, "running")

    def test_multi_company_rule(self):
        other_company = self.env["res.company"].create({"name": "SLA Other Co"})
        policy = self.env["support.sla.policy"].create(
            {
                "name": "Other company policy",
                "company_id": other_company.id,
                "target_type": "response",
                "priority": "2",
                "target_value": 1,
                "target_unit": "hours",
            }
        )
        visible = self.env["support.sla.policy"].with_user(self.admin).search([])
        self.assertNotIn(policy, visible)
        self.assertIn(self.policy_high, visible)
        # and it never applies to this company's tickets
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        self.assertEqual(self._line(ticket, "response").policy_id, self.policy_high)

    def test_agent_sees_sla_on_views(self):
        """The agent's ticket views load with the SLA badge, tab and time left."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        Ticket = self.env["support.ticket"].with_user(self.agent)
        views = Ticket.get_views([(False, "form"), (False, "list"), (False, "kanban")])
        for view_type in ("form", "list", "kanban"):
            self.assertIn("sla_state", views["views"][view_type]["arch"])
        self.assertIn("sla_line_ids", views["views"]["form"]["arch"])
        with freeze_time("2026-01-05 10:00:00"):
            record = Ticket.browse(ticket.id)
            self.assertEqual(record.sla_state, "running")
            self.assertEqual(record.sla_time_left, "7 h 00 min")
            self.assertEqual(len(record.sla_line_ids), 3)
        self.assertEqual(
            Ticket.search([("id", "=", ticket.id), ("sla_state", "=", "running")]),
            record,
        )

    def test_compliance_report_is_a_rate(self):
        """The compliance graph is one line of averaged rates (never stacked
        above 100) over closed clocks only: a month of running clocks has no
        value rather than "0 %"."""
        arch = self.Line.get_views([(False, "graph")])["views"]["graph"]["arch"]
        graph = etree.fromstring(arch)
        self.assertEqual((graph.get("type"), graph.get("stacked")), ("line", "0"))
        self.assertEqual(
            graph.xpath("//field[@type='measure']/@name"), ["on_time_rate"]
        )
        self.assertEqual(self.Line._fields["on_time_rate"].aggregator, "avg")
        self.assertNotIn("target_type", graph.xpath("//field/@name"))
        action = self.env.ref("support_sla.support_ticket_sla_action_report")
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        with freeze_time("2026-01-06 08:00:00"):
            self.Line._cron_watch()  # response and assignment breached
        lines = ticket.sla_line_ids
        closed = lines.filtered(lambda ln: ln.state in ("met", "breached"))
        self.assertIn("running", lines.mapped("state"))
        self.assertEqual(set(closed.mapped("state")), {"breached"})
        domain = [("id", "in", lines.ids), *safe_eval(action.domain)]
        groups = self.Line._read_group(
            domain, ["date_start:month"], ["on_time_rate:avg"]
        )
        self.assertEqual([rate for _month, rate in groups], [0.0])
        self.assertEqual(self.Line.search(domain), closed)
