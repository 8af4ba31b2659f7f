from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.support_contract.tests.cron_runner import CronRunnerMixin

from .common import MARCH, D, SupportInvoicingCommon

INVOICING = "support_billing.ir_cron_support_monthly_invoicing"
RESERVED = "support_billing.ir_cron_support_reserved_hours"


@tagged("post_install", "-at_install")
class TestBillingCron(CronRunnerMixin, SupportInvoicingCommon):
    """The billing jobs, run by Odoo's cron runner: one pass, nothing left
    (a company without a sales journal included), and a second pass creates
    nothing."""

    def _counts(self):
        return {
            model: self.env[model].search_count([])
            for model in (
                "support.billing.run",
                "support.billing.period",
                "account.move",
                "support.hours.ledger",
            )
        }

    def test_invoicing_job_ends_after_one_pass(self):
        self._march_tickets()
        self.contract_b.action_activate()  # its company has no sales journal
        runs_before = self.env["support.billing.run"].search([]).ids
        with freeze_time("2026-04-02 06:00:00", tick=True):
            self.assertEqual(self._run_job(INVOICING), (1, 0))
        runs = self.env["support.billing.run"].search([("id", "not in", runs_before)])
        self.assertEqual(set(runs.mapped("trigger")), {"cron"})
        self.assertEqual(len(runs.filtered(lambda r: r.date_start == MARCH)), 1)
        self.assertIn(self.company_b.name, "\n".join(runs.mapped("log")))
        self.assertFalse(self._periods(self.contract_b), "it waits, logged")
        self.assertEqual(len(self._periods(self.reserved_contract).move_id), 1)
        counts = self._counts()
        with freeze_time("2026-04-02 07:00:00", tick=True):
            self.assertEqual(self._run_job(INVOICING), (1, 0))
        self.assertEqual(self._counts(), counts, "the second pass creates nothing")

    def test_invoicing_job_with_nothing_due_leaves_no_run(self):
        with freeze_time("2026-04-02 06:00:00", tick=True):
            self._run_job(INVOICING)
        counts = self._counts()
        for day in ("2026-04-03", "2026-04-04"):
            with freeze_time(f"{day} 06:00:00", tick=True):
                self.assertEqual(self._run_job(INVOICING), (1, 0))
        self.assertEqual(self._counts(), counts)

    def test_reserved_hours_job_ends_after_one_pass(self):
        with freeze_time("2026-03-02 06:00:00", tick=True):
            self.assertEqual(self._run_job(RESERVED), (1, 0))
        credit = self.reserved_contract.hours_ledger_ids.filtered(
            lambda e: e.source == "reserved"
        )
        self.assertEqual((credit.hours, credit.period_start), (15, D(2026, 3, 1)))
        counts = self._counts()
        with freeze_time("2026-03-03 06:00:00", tick=True):
            self.assertEqual(self._run_job(RESERVED), (1, 0))
        self.assertEqual(self._counts(), counts, "the second pass creates nothing")
