from odoo.tests import TransactionCase, tagged

from ..models.res_company import SERVICE_PRODUCTS


@tagged("post_install", "-at_install")
class TestDemoLocalisation(TransactionCase):
    """Issue 12: the demo's Paris provider invoices on the French chart (EUR,
    20 % VAT), the Stockholm provider on the Swedish one (SEK, 25 % VAT)."""

    PROVIDERS = (
        ("base.main_company", "fr", "FR", "base.EUR", 20),
        ("support_contract.company_stockholm_demo", "se", "SE", "base.SEK", 25),
    )

    def test_charts_currencies_and_taxes(self):
        for xmlid, chart, country, currency, percent in self.PROVIDERS:
            company = self.env.ref(xmlid)
            self.assertEqual(
                (company.chart_template, company.country_id.code, company.currency_id),
                (chart, country, self.env.ref(currency)),
                xmlid,
            )
            tax = company.account_sale_tax_id
            self.assertEqual(
                (tax.type_tax_use, tax.amount_type, tax.amount),
                ("sale", "percent", percent),
            )
            for product_xmlid in SERVICE_PRODUCTS:
                product = self.env.ref(product_xmlid)
                self.assertEqual(
                    product.taxes_id.filtered(lambda t, c=company: t.company_id == c),
                    tax,
                    product_xmlid,
                )

    def test_demo_invoices_taxed_in_their_currency(self):
        """Every support invoice of the demo: the provider's currency, its sale
        tax on each line, untaxed + tax = total."""
        for xmlid, _chart, _country, currency, percent in self.PROVIDERS:
            company = self.env.ref(xmlid)
            moves = self.env["account.move"].search(
                [
                    ("company_id", "=", company.id),
                    ("support_contract_id", "!=", False),
                    ("move_type", "=", "out_invoice"),
                ]
            )
            self.assertGreaterEqual(len(moves), 1, xmlid)
            for move in moves:
                self.assertEqual(move.currency_id, self.env.ref(currency))
                lines = move.invoice_line_ids.filtered(
                    lambda line: line.display_type == "product"
                )
                self.assertEqual(lines.tax_ids, company.account_sale_tax_id)
                expected_tax = sum(
                    move.currency_id.round(line.price_subtotal * percent / 100)
                    for line in lines
                )
                self.assertAlmostEqual(move.amount_tax, expected_tax, places=2)
                self.assertAlmostEqual(
                    move.amount_total, move.amount_untaxed + move.amount_tax, places=2
                )
