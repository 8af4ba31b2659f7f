import datetime
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.support_billing.models import support_billing_run
from odoo.addons.support_contract.tests.concurrency import TwoWorkersCase

MARCH = datetime.date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestInvoicingConcurrency(TwoWorkersCase):
    """Two invoicing runs at once, each in its own transaction: one invoice
    per contract and month (B5), whether the second run meets the first
    one's locks or works after it committed on an older snapshot."""

    _created_models = ("support.billing.run",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(cls._remove_data)
        with cls._committed_env() as env:
            cls.max_ids.update(cls._max_ids(env, ["account.move"]))
            ICP = env["ir.config_parameter"]
            cls.auto_post = ICP.get_param("support_billing.auto_post") or ""
            ICP.set_param("support_billing.auto_post", "")  # drafts: removable
            journal = env["account.journal"].search([("type", "=", "sale")], limit=1)
            company = journal.company_id
            plan = env["support.plan"].create(
                {
                    "name": "Concurrency plan",
                    "company_id": company.id,
                    "monthly_fee": 100,
                    "hourly_rate": 100,
                    "resource_calendar_id": company.resource_calendar_id.id,
                }
            )
            partners = env["res.partner"].create(
                [{"name": f"Concurrent Co {i}", "is_company": True} for i in (1, 2, 3)]
            )
            contracts = env["support.contract"].create(
                [
                    {
                        "partner_id": partner.id,
                        "plan_id": plan.id,
                        "company_id": company.id,
                        "date_start": "2026-01-01",
                    }
                    for partner in partners
                ]
            )
            contracts.action_activate()
            cls.plan_id, cls.partner_ids = plan.id, partners.ids
            cls.contract_ids = contracts.ids

    @classmethod
    def _remove_invoices(cls):
        """What the runs committed: invoices (drafts), periods, runs."""
        with cls._committed_env() as env:
            contracts = env["support.contract"].browse(getattr(cls, "contract_ids", []))
            env["account.move"].search(
                [
                    ("id", ">", cls.max_ids["account.move"]),
                    ("support_contract_id", "in", contracts.ids),
                ]
            ).unlink()
            env["support.billing.period"].search(
                [("contract_id", "in", contracts.ids)]
            ).unlink()
        cls._remove_created()

    @classmethod
    def _remove_data(cls):
        cls._remove_invoices()
        with cls._committed_env() as env:
            contracts = env["support.contract"].browse(getattr(cls, "contract_ids", []))
            contracts.write({"state": "cancelled"})
            contracts.unlink()
            env["res.partner"].browse(getattr(cls, "partner_ids", [])).unlink()
            env["support.plan"].browse(getattr(cls, "plan_id", [])).unlink()
            env["ir.config_parameter"].set_param(
                "support_billing.auto_post", cls.auto_post
            )

    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_invoices)

    def _invoices(self):
        with self._committed_env() as env:
            periods = env["support.billing.period"].search(
                [("contract_id", "in", self.contract_ids), ("date_start", "=", MARCH)]
            )
            return {
                contract_id: len(
                    periods.filtered(lambda p, c=contract_id: p.contract_id.id == c)
                )
                for contract_id in self.contract_ids
            }, len(periods.move_id)

    def _invoice_march(self, env):
        contracts = env["support.contract"].browse(self.contract_ids)
        run = env["support.billing.run"]._run(MARCH, contracts)
        return run.state, run.skipped_count

    def _assert_once(self, outcomes):
        per_contract, moves = self._invoices()
        self.assertEqual(per_contract, dict.fromkeys(self.contract_ids, 1))
        self.assertEqual(moves, len(self.contract_ids))
        self.assertEqual([state for state, _skipped in outcomes], ["done", "done"])
        self.assertEqual(
            sum(skipped for _state, skipped in outcomes), len(self.contract_ids)
        )

    def test_two_runs_at_once(self):
        """The second run meets the first one's locks: it skips them."""
        self._assert_once(self._two_workers(self._invoice_march))

    def test_second_run_on_an_older_snapshot(self):
        """The second run began before the first one committed: the period's
        unique key refuses its duplicate, it skips the contract, no error."""
        with mute_logger("odoo.sql_db"):
            outcomes = self._two_workers(self._invoice_march, stale_snapshot=True)
        self._assert_once(outcomes)

    def test_crash_after_the_first_chunk(self):
        """A run dies after its first chunk was committed: that chunk stays
        invoiced, the run is not left running forever, and the next run
        invoices the rest; nothing twice."""
        Run = support_billing_run.SupportBillingRun
        original = Run._invoice_chunk
        calls = []

        def crashing(run, contracts, period_start, log):
            calls.append(contracts.ids)
            if len(calls) == 2:
                raise RuntimeError("injected crash in the second chunk")
            return original(run, contracts, period_start, log)

        with (
            patch.object(support_billing_run, "INVOICE_CHUNK", 1),
            patch.object(Run, "_invoice_chunk", crashing),
            self.assertRaises(RuntimeError),
            self._committed_env() as env,
        ):
            contracts = env["support.contract"].browse(self.contract_ids)
            env["support.billing.run"]._run(MARCH, contracts, progress=True)
        per_contract, moves = self._invoices()
        self.assertEqual(sorted(per_contract.values()), [0, 0, 1])
        self.assertEqual(moves, 1, "the first chunk was committed")
        with self._committed_env() as env:
            crashed = env["support.billing.run"].search(
                [("id", ">", self.max_ids["support.billing.run"])]
            )
            self.assertEqual(crashed.state, "running")
            # ten minutes later, nobody holds it
            env.cr.execute(
                "UPDATE support_billing_run SET write_date = write_date - "
                "interval '1 hour' WHERE id = %s",
                [crashed.id],
            )
        with self._committed_env() as env:
            contracts = env["support.contract"].browse(self.contract_ids)
            rerun = env["support.billing.run"]._run(MARCH, contracts, progress=True)
            self.assertEqual((rerun.state, rerun.skipped_count), ("done", 1))
            crashed = crashed.with_env(env)
            self.assertEqual(crashed.state, "failed")
            self.assertIn("Interrupted", crashed.log)
        per_contract, moves = self._invoices()
        self.assertEqual(per_contract, dict.fromkeys(self.contract_ids, 1))
        self.assertEqual(moves, len(self.contract_ids))
