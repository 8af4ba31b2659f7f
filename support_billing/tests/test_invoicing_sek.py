from odoo.tests import tagged

from .common import D, SupportSekInvoicingCommon


@tagged("post_install", "-at_install")
class TestInvoicingSek(SupportSekInvoicingCommon):
    """A Swedish provider invoices its agreements (B6, C3) in SEK with 25 % VAT."""

    def _move(self, contract):
        period = self._periods(contract)
        self.assertEqual(len(period), 1)
        self.assertEqual(period.state, "invoiced")
        return period.move_id

    def test_patch_agreement_month_in_sek(self):
        """B6: the patch agreement's fixed fee, 495 SEK + 25 % VAT."""
        self._run(self.contract_b)
        move = self._move(self.contract_b)
        self.assertEqual(
            (move.company_id, move.currency_id, move.partner_id),
            (self.company_b, self.sek, self.customer_b),
        )
        line = move.invoice_line_ids
        self.assertEqual(line.product_id, self.env.ref(self.SERVICE_PRODUCTS[0]))
        self.assertEqual(line.name, "Test Patch B 2026-03")
        self.assertEqual(line.tax_ids, self.vat_25)
        self.assertEqual(
            (move.amount_untaxed, move.amount_tax, move.amount_total),
            (495.0, 123.75, 618.75),
        )

    def test_maintenance_agreement_pro_rata_in_sek(self):
        """B6, C3: a maintenance agreement (it requires the patch agreement)
        from 16 March: 16 of 31 days of 2,950 SEK, plus 25 % VAT."""
        maintenance = self.env["support.plan"].create(
            {
                "name": "Test Maintenance B",
                "plan_kind": "agreement",
                "monthly_fee": 2950,
                "company_id": self.company_b.id,
                "resource_calendar_id": self.calendar_b.id,
                "required_plan_id": self.plan_b.id,
            }
        )
        contract = self.env["support.contract"].create(
            {
                "partner_id": self.customer_b.id,
                "plan_id": maintenance.id,
                "company_id": self.company_b.id,
                "date_start": D(2026, 3, 16),
            }
        )
        contract.action_activate()
        self._run(self.contract_b | contract)
        move = self._move(contract)
        self.assertEqual(move.currency_id, self.sek)
        self.assertEqual(
            move.invoice_line_ids.name, "Test Maintenance B 2026-03 (16 of 31 days)"
        )
        self.assertEqual(
            (move.amount_untaxed, move.amount_tax, move.amount_total),
            (1522.58, 380.65, 1903.23),
        )
        self.assertEqual(self._move(self.contract_b).amount_total, 618.75)
