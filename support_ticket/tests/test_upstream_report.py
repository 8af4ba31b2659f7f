from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestUpstreamReport(SupportTicketCommon):
    """S5: who fixes; a bug of code owned upstream is reported to its owner and
    the ticket waits on the vendor until the fix is released."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_vendor = cls.env.ref("support_ticket.stage_waiting_vendor")
        cls.outsider = cls._support_user(
            "t_agent_outside", "support_contract.group_support_agent"
        )

    def _upstream_ticket(self, owner="odoo_community"):
        ticket = self._ticket(code_ownership=owner)
        ticket.stage_id = self.stage_progress
        return ticket

    def test_who_fixes_follows_the_code_owner(self):
        expected = {
            "odoo_community": "upstream",
            "odoo_enterprise": "upstream",
            "third_party": "upstream",
            "provider_localisation": "provider",
            "customer_custom": "provider",
        }
        for owner, fix_by in expected.items():
            self.assertEqual(self._ticket(code_ownership=owner).fix_by, fix_by)
        self.assertFalse(self._ticket().fix_by)

    def test_report_upstream_opens_one_report_to_the_owner(self):
        ticket = self._upstream_ticket("odoo_enterprise")
        action = ticket.with_user(self.agent).action_report_upstream()
        report = self.env["support.upstream.report"].browse(action["res_id"])
        self.assertEqual(report.ticket_id, ticket)
        self.assertEqual(report.where, "odoo_sa")
        self.assertEqual(report.state, "to_report")
        again = ticket.with_user(self.agent).action_report_upstream()
        self.assertEqual(again["res_id"], report.id)
        self.assertEqual(ticket.upstream_report_count, 1)
        third = self._upstream_ticket("third_party")
        action = third.with_user(self.agent).action_report_upstream()
        self.assertEqual(
            self.env["support.upstream.report"].browse(action["res_id"]).where, "oca"
        )

    def test_provider_code_is_not_reported_upstream(self):
        ticket = self._upstream_ticket("provider_localisation")
        with self.assertRefused(UserError, "nothing to report upstream"):
            ticket.with_user(self.agent).action_report_upstream()
        self.assertFalse(ticket.upstream_report_ids)

    def test_reported_ticket_waits_on_vendor_until_release(self):
        ticket = self._upstream_ticket()
        report = self.env["support.upstream.report"].create({"ticket_id": ticket.id})
        self.assertEqual(ticket.stage_id, self.stage_progress)
        report.url = "https://github.com/odoo/odoo/issues/123456"
        report.with_user(self.agent).action_mark_reported()
        self.assertEqual(ticket.stage_id, self.stage_vendor)
        self.assertTrue(ticket.is_waiting_vendor)
        self.assertTrue(report.date_reported)
        report.with_user(self.agent).action_mark_fixed()
        self.assertEqual(ticket.stage_id, self.stage_vendor)
        self.assertTrue(report.date_fixed)
        report.with_user(self.agent).action_mark_released()
        self.assertTrue(report.date_released)
        # no patch schedule: an agent installs the fix now
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertIn("is released", ticket.message_ids[0].body)

    def test_a_report_without_url_or_reference_stays_to_report(self):
        ticket = self._upstream_ticket()
        report = self.env["support.upstream.report"].create({"ticket_id": ticket.id})
        with self.assertRefused(ValidationError, "URL or the reference"):
            report.with_user(self.agent).action_mark_reported()
        self.assertUnchanged(report, state="to_report")
        self.assertUnchanged(ticket, stage_id=self.stage_progress)
        with self.assertRefused(ValidationError, "http"):
            report.url = "github.com/odoo/odoo/issues/1"

    def test_reports_are_team_scoped(self):
        ticket = self._upstream_ticket()
        report = self.env["support.upstream.report"].create({"ticket_id": ticket.id})
        Report = self.env["support.upstream.report"]
        self.assertIn(report, Report.with_user(self.agent2).search([]))
        self.assertNotIn(report, Report.with_user(self.outsider).search([]))
        self.assertIn(report, Report.with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            report.with_user(self.outsider).read(["state"])
        with self.assertRaises(AccessError):
            report.with_user(self.internal).read(["state"])

    def test_actions_need_an_agent(self):
        ticket = self._upstream_ticket()
        report = self.env["support.upstream.report"].create(
            {"ticket_id": ticket.id, "reference": "OPW-1"}
        )
        with self.assertRefused(AccessError, "support agents"):
            report.with_user(self.internal).action_mark_reported()
        with self.assertRefused(AccessError, "support agents"):
            ticket.with_user(self.internal).action_report_upstream()
        self.assertUnchanged(report, state="to_report")
