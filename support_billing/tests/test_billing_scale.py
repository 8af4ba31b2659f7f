from odoo.tests import tagged

from .common import MARCH, D, SupportInvoicingCommon


@tagged("post_install", "-at_install")
class TestBillingScale(SupportInvoicingCommon):
    """Invoicing in chunks (issue 13): a run's queries grow by a bounded
    number per contract (fees, reserved hours, three billed requests each)."""

    def _contracts(self, count):
        Partner = self.env["res.partner"]
        contracts = self.env["support.contract"]
        for i in range(count):
            partner = Partner.create({"name": f"Scale Co {i}", "is_company": True})
            contract = self._make_contract(
                partner, self.plan, D(2026, 1, 1), reserved_hours=5
            )
            for day in (3, 10, 17):
                self._debit(1.5, D(2026, 3, day), contract=contract)
            contracts |= contract
        self.env.flush_all()
        self.env.invalidate_all()
        return contracts

    def _run_queries(self, contracts):
        before = self.env.cr.sql_log_count
        run = self._run(contracts)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, len(contracts))
        return queries

    def test_queries_per_contract_bounded(self):
        few = self._run_queries(self._contracts(5))
        many = self._run_queries(self._contracts(20))
        per_contract = (many - few) / 15
        self.assertLessEqual(
            per_contract, 20, f"{few} / {many} queries for 5 / 20 contracts"
        )

    def test_invoicing_query_count(self):
        """A regression fails here: 20 contracts invoiced in at most 20
        queries each, fixed costs included."""
        contracts = self._contracts(20)
        with self.assertQueryCount(20 * 20):
            self._run(contracts)
        for contract in contracts:
            periods = self._periods(contract)
            self.assertEqual(len(periods.move_id), 1)
            self.assertEqual(periods.date_start, MARCH)
