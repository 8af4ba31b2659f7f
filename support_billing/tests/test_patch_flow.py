from datetime import datetime

from freezegun import freeze_time

from odoo import Command

from odoo.addons.support_ticket.tests.patch_common import (
    FIRST_TUESDAY,
    PatchScheduleMixin,
)

from .common import SupportBillingCommon

OWNER_RULES = (
    "support_billing.rule_odoo_community",
    "support_billing.rule_odoo_enterprise",
    "support_billing.rule_third_party",
    "support_billing.rule_provider_localisation",
    "support_billing.rule_customer_custom",
)


class TestPatchFlow(PatchScheduleMixin, SupportBillingCommon):
    """S5 and C3 end to end: the module named on the ticket gives its code
    owner, the owner's rule who pays, the owner who fixes (an upstream report
    or the provider); the released or provider fix goes into the
    environment's next patch run, and recording that run as done resolves
    the ticket with a note to the customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        team = cls.env["support.team"].create(
            {"name": "Patch desk (test)", "member_ids": [Command.set(cls.agent.ids)]}
        )
        cls._setup_patch_schedule(team=team)
        cls.env["support.billability.rule"].browse(
            [cls.env.ref(xmlid).id for xmlid in OWNER_RULES]
        ).active = True
        cls.patch_env.write(FIRST_TUESDAY)
        cls.stage_progress = cls.env.ref("support_ticket.stage_in_progress")
        cls.stage_vendor = cls.env.ref("support_ticket.stage_waiting_vendor")

    def test_upstream_bug_from_report_to_patch_run(self):
        ticket = self._patch_ticket(
            self.module_enterprise,
            number="PATCH-00001",
            stage_id=self.stage_progress.id,
        )
        # who owns, who pays, who fixes
        self.assertEqual(ticket.code_ownership, "odoo_enterprise")
        self.assertEqual(
            ticket.billability_rule_id,
            self.env.ref("support_billing.rule_odoo_enterprise"),
        )
        self.assertEqual(ticket.billing_decision, "billable")
        self.assertEqual(ticket.fix_by, "upstream")
        # the upstream report, from "to report" to "released"
        with freeze_time("2026-11-10 09:00:00"):
            action = ticket.with_user(self.agent).action_report_upstream()
            report = self.env["support.upstream.report"].browse(action["res_id"])
            self.assertEqual(report.where, "odoo_sa")
            report.with_user(self.agent).write(
                {"reference": "OPW-4242", "url": "https://www.odoo.com/help"}
            )
            report.with_user(self.agent).action_mark_reported()
        self.assertEqual(ticket.stage_id, self.stage_vendor)
        with freeze_time("2026-11-18 09:00:00"):
            report.with_user(self.agent).action_mark_fixed()
        with freeze_time("2026-11-20 12:00:00"):
            report.with_user(self.agent).action_mark_released()
        run = ticket.patch_run_id
        self.assertEqual(run.environment_id, self.patch_env)
        self.assertEqual(run.date, datetime(2026, 12, 1, 19))
        self.assertEqual(ticket.stage_id, self.stage_vendor)
        self._log(ticket, 1.0)
        # the run done: the ticket is resolved, the customer told
        run.summary = "Odoo 18.0 enterprise update with the fix of OPW-4242"
        with freeze_time("2026-12-01 21:30:00"):
            run.with_user(self.agent).action_done()
        self.assertTrue(ticket.is_resolved)
        message = ticket.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )[:1]
        self.assertIn("installed on Fjord production", message.body)
        self.assertEqual(ticket.billed_hours, 1.0)

    def test_provider_localisation_fix_is_free_and_patched(self):
        ticket = self._patch_ticket(
            self.module_l10n, number="PATCH-00002", stage_id=self.stage_progress.id
        )
        self.assertEqual(ticket.code_ownership, "provider_localisation")
        self.assertEqual(ticket.billing_decision, "free")
        self.assertEqual(ticket.fix_by, "provider")
        self._log(ticket, 2.0)
        with freeze_time("2026-11-20 12:00:00"):
            ticket.with_user(self.agent).action_fix_in_next_patch()
        run = ticket.patch_run_id
        run.summary = "l10n_se_sie 18.0.1.3.0"
        with freeze_time("2026-12-01 21:30:00"):
            run.with_user(self.agent).action_done()
        self.assertTrue(ticket.is_resolved)
        self.assertEqual(ticket.billed_hours, 0.0)
        self.assertFalse(ticket.ledger_entry_ids)

    def test_customer_code_is_billable_and_patched(self):
        ticket = self._patch_ticket(self.module_custom, number="PATCH-00003")
        self.assertEqual(ticket.code_ownership, "customer_custom")
        self.assertEqual(ticket.billing_decision, "billable")
        self.assertEqual(ticket.fix_by, "provider")
