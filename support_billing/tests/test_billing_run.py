from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import LockError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.support_billing.models.support_billing_period import (
    SupportBillingPeriod,
)

from .common import MARCH, D, SupportInvoicingCommon


@tagged("post_install", "-at_install")
class TestBillingRun(SupportInvoicingCommon):
    """Billing runs and the wizard: exactly once per month, whatever happens
    (B5)."""

    def test_rerun_three_times_one_invoice(self):
        self._march_tickets()
        for _i in range(3):
            self._run(self.reserved_contract | self.contract)
        self.assertEqual(len(self._periods(self.reserved_contract)), 1)
        self.assertEqual(len(self._periods(self.reserved_contract).move_id), 1)
        self.assertEqual(
            self.env["account.move"].search_count(
                [("support_contract_id", "=", self.reserved_contract.id)]
            ),
            1,
        )

    def test_cron_three_times_no_gap(self):
        """The job invoices March once, however often it runs."""
        self._march_tickets()
        with freeze_time("2026-04-02 06:00:00"):
            for _i in range(3):
                self.env["support.billing.run"]._cron_monthly_invoicing()
        periods = self._periods(self.reserved_contract)
        self.assertEqual(periods.mapped("date_start"), [MARCH])
        self.assertEqual(len(periods.move_id), 1)
        # two months later, the job fills April and May, no gap, no duplicate
        with freeze_time("2026-06-03 06:00:00"):
            self.env["support.billing.run"]._cron_monthly_invoicing()
            self.env["support.billing.run"]._cron_monthly_invoicing()
        periods = self._periods(self.reserved_contract).sorted("date_start")
        self.assertEqual(
            [str(p.date_start) for p in periods],
            ["2026-03-01", "2026-04-01", "2026-05-01"],
        )

    def test_crash_then_rerun(self):
        """An injected crash on one contract leaves the other invoiced; the
        re-run invoices only the missing one: one invoice each, no gap."""
        self._march_tickets()
        self._resolve(self.contract, 1, D(2026, 3, 11))
        original = SupportBillingPeriod._mark_invoiced
        crash = {"on": True}

        def flaky(model, billed):
            original(model, billed)
            if crash["on"] and self.contract in [
                m.support_contract_id for m, *_ in billed
            ]:
                raise RuntimeError("injected crash after the invoice was written")

        with (
            patch.object(SupportBillingPeriod, "_mark_invoiced", flaky),
            mute_logger("odoo.addons.support_billing.models.support_billing_run"),
        ):
            run = self._run(self.reserved_contract | self.contract)
        crash["on"] = False
        self.assertEqual(run.state, "failed")
        self.assertEqual(run.error_count, 1)
        self.assertEqual(len(self._periods(self.reserved_contract)), 1)
        self.assertFalse(self._periods(self.contract), "the crash rolled back")
        self.assertFalse(
            self.env["account.move"].search(
                [("support_contract_id", "=", self.contract.id)]
            )
        )
        rerun = self._run(self.reserved_contract | self.contract)
        self.assertEqual(rerun.state, "done")
        self.assertEqual(rerun.skipped_count, 1)
        self.assertEqual(len(self._periods(self.contract).move_id), 1)
        self.assertEqual(len(self._periods(self.reserved_contract).move_id), 1)

    def test_concurrent_run_skips_locked_contract(self):
        """Two runs at once: the one that cannot lock a contract skips it."""
        Contract = type(self.env["support.contract"])
        with (
            patch.object(Contract, "lock_for_update", side_effect=LockError("locked")),
            patch.object(
                Contract,
                "try_lock_for_update",
                lambda records, **kw: records.browse(),
            ),
        ):
            run = self._run(self.reserved_contract)
        self.assertEqual(run.skipped_count, 1)
        self.assertIn("another run", run.log)
        self.assertFalse(self._periods(self.reserved_contract))
        self._run(self.reserved_contract)
        self.assertEqual(len(self._periods(self.reserved_contract)), 1)

    def test_wizard_refuses_draft_and_cancelled(self):
        partner = self.env["res.partner"].create(
            {"name": "Draft Co", "is_company": True}
        )
        draft = self.env["support.contract"].create(
            {
                "partner_id": partner.id,
                "plan_id": self.plan.id,
                "date_start": D(2026, 1, 1),
            }
        )
        runs = self.env["support.billing.run"].search_count([])
        with freeze_time("2026-04-02"):
            wizard = (
                self.env["support.billing.wizard"]
                .with_user(self.manager)
                .create({"period_date": MARCH, "contract_ids": [(6, 0, draft.ids)]})
            )
            with self.assertRaises(UserError):
                wizard.action_invoice()
            draft.action_cancel()
            with self.assertRaises(UserError):
                wizard.action_invoice()
        self.assertEqual(self.env["support.billing.run"].search_count([]), runs)
        self.assertFalse(self._periods(draft))

    def test_wizard_invoices_month(self):
        self._march_tickets()
        with freeze_time("2026-04-02"):
            wizard = (
                self.env["support.billing.wizard"]
                .with_user(self.manager)
                .create(
                    {
                        "period_date": D(2026, 3, 17),
                        "contract_ids": [(6, 0, self.reserved_contract.ids)],
                    }
                )
            )
            action = wizard.action_invoice()
        run = self.env["support.billing.run"].browse(action["res_id"])
        self.assertEqual(run.invoice_count, 1)
        self.assertEqual(run.date_start, MARCH)

    def test_company_without_chart_waits(self):
        """A company without sales journal: its contracts wait, the run goes on."""
        contract = self.contract_b  # its company has no chart of accounts
        contract.action_activate()
        run = self._run(contract | self.reserved_contract)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.skipped_count, 1)
        self.assertIn(self.company_b.name, run.log)
        self.assertFalse(self._periods(contract))
        self.assertEqual(len(self._periods(self.reserved_contract)), 1)
