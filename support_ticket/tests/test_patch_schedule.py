from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.support_contract.tests.cron_runner import CronRunnerMixin

from .common import SupportTicketCommon
from .patch_common import FIRST_TUESDAY, PatchScheduleMixin


@tagged("post_install", "-at_install")
class TestPatchSchedule(CronRunnerMixin, PatchScheduleMixin, SupportTicketCommon):
    """C3 patch agreement: patch windows in the provider's time zone, the log
    of patch runs, the reminder before each window; S5: the module's origin
    gives the ticket's code owner, a fix goes into the next patch run, whose
    completion resolves the ticket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_patch_schedule(team=cls.team)
        cls.Run = cls.env["support.patch.run"]
        # the Light contract of SupportTicketCommon is no patch agreement
        cls.plain_env = cls._environment(cls.contract, "Acme production")

    def test_module_origin_gives_the_code_owner(self):
        expected = {
            self.module_enterprise: ("odoo_enterprise", "upstream"),
            self.module_oca: ("third_party", "upstream"),
            self.module_l10n: ("provider_localisation", "provider"),
            self.module_custom: ("customer_custom", "provider"),
        }
        for module, (owner, fix_by) in expected.items():
            ticket = self._patch_ticket(module)
            self.assertEqual(ticket.code_ownership, owner, module.name)
            self.assertEqual(ticket.fix_by, fix_by, module.name)
        # an agent may still say otherwise
        ticket = self._patch_ticket(self.module_oca)
        ticket.code_ownership = "customer_custom"
        self.assertEqual(ticket.code_ownership, "customer_custom")

    def test_module_of_another_environment_is_refused(self):
        other = self.plain_env.module_ids[:1]
        with self.assertRefused(ValidationError, "not one of the modules"):
            self._patch_ticket(self.module_custom, environment_module_id=other.id)

    def test_next_window_in_the_provider_time_zone(self):
        self.patch_env.write(FIRST_TUESDAY)
        with freeze_time("2026-11-20 12:00:00"):
            self.patch_env.invalidate_recordset(["patch_next_start", "patch_next_end"])
            # 2026-12-01 20:00-22:00 in Stockholm (UTC+1)
            self.assertEqual(self.patch_env.patch_next_start, datetime(2026, 12, 1, 19))
            self.assertEqual(self.patch_env.patch_next_end, datetime(2026, 12, 1, 21))
        self.assertEqual(self.patch_env.patch_tz, "Europe/Stockholm")
        self.assertEqual(
            self.patch_env.patch_window_label,
            "First Tuesday, every month, 20:00-22:00 (Europe/Stockholm)",
        )

    def test_window_that_never_occurs_is_refused(self):
        never = dict(
            FIRST_TUESDAY,
            patch_week="0",
            patch_month_day=31,
            patch_interval=12,
            patch_anchor="2026-06-01",
        )
        with self.assertRefused(ValidationError, "never occurs"):
            self.patch_env.write(never)
        self.assertUnchanged(self.patch_env, patch_frequency=False)
        with self.assertRefused(ValidationError, "ends after it starts"):
            self.patch_env.write(dict(FIRST_TUESDAY, patch_hour_end=19.0))
        self.assertUnchanged(self.patch_env, patch_frequency=False)

    def test_no_window_nor_run_without_patch_agreement(self):
        with self.assertRefused(ValidationError, "not covered by an active patch"):
            self.plain_env.write(FIRST_TUESDAY)
        self.assertUnchanged(self.plain_env, patch_frequency=False)
        with self.assertRefused(ValidationError, "no patch run can be recorded"):
            self.Run.create(
                {"environment_id": self.plain_env.id, "date": "2026-12-01 19:00:00"}
            )
        self.assertFalse(self.Run.search([("environment_id", "=", self.plain_env.id)]))
        # a run moved to an environment without agreement is refused too
        run = self.Run.create(
            {"environment_id": self.patch_env.id, "date": "2026-12-01 19:00:00"}
        )
        with self.assertRefused(ValidationError, "no patch run can be recorded"):
            run.environment_id = self.plain_env
        self.assertUnchanged(run, environment_id=self.patch_env)
        self.assertEqual(run.contract_id, self.patch_contract)

    def test_provider_fix_goes_into_next_run_which_resolves_it(self):
        self.patch_env.write(FIRST_TUESDAY)
        ticket = self._patch_ticket(self.module_l10n)
        ticket.stage_id = self.stage_progress
        with freeze_time("2026-11-20 12:00:00"):
            ticket.with_user(self.agent).action_fix_in_next_patch()
        run = ticket.patch_run_id
        self.assertEqual(run.environment_id, self.patch_env)
        self.assertEqual(run.state, "planned")
        self.assertEqual(run.date, datetime(2026, 12, 1, 19))
        self.assertIn("patch run of 2026-12-01", ticket.message_ids[0].body)
        # nothing done without saying what was updated
        with self.assertRefused(UserError, "Say what was updated"):
            run.with_user(self.agent).action_done()
        self.assertUnchanged(run, state="planned")
        self.assertEqual(ticket.stage_id, self.stage_progress)
        run.summary = "Ubuntu security updates; l10n_se_sie 18.0.1.2.1"
        with freeze_time("2026-12-01 21:00:00"):
            run.with_user(self.agent).action_done()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.user_id, self.agent)
        self.assertTrue(ticket.is_resolved)
        note = ticket.message_ids[0]
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn("installed on Fjord production", note.body)
        with self.assertRefused(UserError, "already recorded"):
            run.with_user(self.agent).action_done()

    def test_fix_without_patch_window_is_refused(self):
        ticket = self._patch_ticket(self.module_custom)
        with self.assertRefused(UserError, "install the fix yourself"):
            ticket.with_user(self.agent).action_fix_in_next_patch()
        self.assertFalse(ticket.patch_run_id)
        self.assertFalse(self.Run.search([("environment_id", "=", self.patch_env.id)]))

    def test_failed_run_sends_fixes_back_in_progress(self):
        self.patch_env.write(FIRST_TUESDAY)
        ticket = self._patch_ticket(self.module_custom)
        with freeze_time("2026-11-20 12:00:00"):
            ticket.with_user(self.agent).action_fix_in_next_patch()
        run = ticket.patch_run_id
        with self.assertRefused(UserError, "what went wrong"):
            run.with_user(self.agent).action_failed()
        run.result = "The database did not restart after the update."
        run.with_user(self.agent).action_failed()
        self.assertEqual(run.state, "failed")
        self.assertFalse(ticket.patch_run_id)
        self.assertEqual(ticket.stage_id, self.stage_progress)

    def test_run_actions_need_an_agent(self):
        run = self.Run.create(
            {
                "environment_id": self.patch_env.id,
                "date": "2026-12-01 19:00:00",
                "summary": "OS updates",
            }
        )
        ticket = self._patch_ticket(self.module_l10n)
        with self.assertRefused(AccessError, "support agents"):
            run.with_user(self.internal).action_done()
        with self.assertRefused(AccessError, "support agents"):
            run.with_user(self.internal).action_failed()
        with self.assertRefused(AccessError, "support agents"):
            ticket.with_user(self.internal).action_fix_in_next_patch()
        self.assertUnchanged(run, state="planned")

    def test_reminder_before_each_window_once(self):
        self.patch_env.write(FIRST_TUESDAY)
        self.patch_contract.user_id = self.agent
        # remind 40 days ahead: the next window is always within reach
        self.env["ir.config_parameter"].set_param(
            "support_ticket.patch_reminder_hours", "960"
        )
        passes, remaining = self._run_job(
            "support_ticket.ir_cron_support_patch_reminder"
        )
        self.assertEqual((passes, remaining), (1, 0))
        run = self.Run.search([("environment_id", "=", self.patch_env.id)])
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "planned")
        self.assertEqual(run.date, self.patch_env.patch_next_start)
        self.assertTrue(run.reminded)
        activity = run.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.agent)
        self._run_job("support_ticket.ir_cron_support_patch_reminder")
        self.assertEqual(
            self.Run.search([("environment_id", "=", self.patch_env.id)]), run
        )
        self.assertEqual(len(run.activity_ids), 1)

    def test_no_reminder_far_from_the_window(self):
        self.patch_env.write(FIRST_TUESDAY)
        self.env["ir.config_parameter"].set_param(
            "support_ticket.patch_reminder_hours", "0"
        )
        self._run_job("support_ticket.ir_cron_support_patch_reminder")
        self.assertFalse(self.Run.search([("environment_id", "=", self.patch_env.id)]))
