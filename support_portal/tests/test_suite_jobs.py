from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.support_billing.tools.pricing import month_period
from odoo.addons.support_contract.tests.cron_runner import CronRunnerMixin

ADDONS = (
    "support_contract",
    "support_ticket",
    "support_sla",
    "support_billing",
    "support_portal",
)
# every scheduled action of the suite: a job added later fails the first test
# until it is listed here, and so runs through the second one
JOBS = (
    "support_contract.ir_cron_contract_expire_renew",
    "support_sla.ir_cron_sla_watcher",
    "support_billing.ir_cron_support_reserved_hours",
    "support_billing.ir_cron_support_monthly_invoicing",
    "support_portal.ir_cron_service_statements",
    "support_ticket.ir_cron_support_patch_reminder",
)
# what a job could create again on a second pass
WATCHED = (
    "support.billing.run",
    "support.billing.period",
    "account.move",
    "support.hours.ledger",
    "support.service.statement",
    "support.patch.run",
    "mail.message",
    "mail.mail",
    "mail.activity",
)


@tagged("post_install", "-at_install")
class TestSuiteJobs(CronRunnerMixin, TransactionCase):
    """Every job of the suite, run by Odoo's cron runner on the demo data:
    it ends "fully done" after one pass, and a second pass creates nothing."""

    def _counts(self):
        return {model: self.env[model].sudo().search_count([]) for model in WATCHED}

    def test_every_job_is_listed(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.cron"), ("module", "in", ADDONS)]
        )
        self.assertEqual(sorted(d.complete_name for d in data), sorted(JOBS))

    def test_every_job_ends_after_one_pass(self):
        for xmlid in JOBS:
            with self.subTest(job=xmlid):
                self.assertEqual(self._run_job(xmlid), (1, 0), "first pass")
                counts = self._counts()
                self.assertEqual(self._run_job(xmlid), (1, 0), "second pass")
                self.assertEqual(self._counts(), counts, "the second pass creates")

    def test_statements_stop_when_the_time_is_up(self):
        """A run out of time stops after the contract in hand; the runner's
        next pass goes on with the rest, nothing twice."""
        Statement = self.env["support.service.statement"]
        today = fields.Date.context_today(Statement)
        date_start, date_end = month_period(today - relativedelta(months=1))
        contracts = Statement._contracts_in_force(date_start, date_end)
        todo = Statement._statements_to_do(contracts, date_start)
        self.assertGreater(len(todo), 1, "the demo has several statements to do")
        IrCron = type(self.env["ir.cron"])
        commit_progress = IrCron._commit_progress

        def out_of_time(cron, processed=0, **kwargs):
            left = commit_progress(cron, processed, **kwargs)
            return 0.0 if processed else left

        # one contract per pass; the runner makes at most ten passes a run
        runs = []
        with patch.object(IrCron, "_commit_progress", out_of_time):
            while not runs or runs[-1][1]:
                runs.append(self._run_job("support_portal.ir_cron_service_statements"))
                self.assertLessEqual(len(runs), len(todo), "the job makes progress")
        self.assertEqual(sum(passes for passes, _left in runs), len(todo))
        built = Statement.search(
            [("contract_id", "in", todo.ids), ("date_start", "=", date_start)]
        )
        self.assertEqual(built.contract_id, todo, "one statement per contract")
