"""Monthly service statement: the amounts invoiced in the month (issue 12)."""

import datetime

from odoo import Command

from odoo.addons.base.tests.common import BaseCommon

from .statement_common import StatementScenario

D = datetime.date


class TestStatementAmounts(StatementScenario, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.build_scenario()

    def test_invoiced_untaxed_tax_and_total(self):
        """Issue 12: a taxed invoice of the month shows its untaxed amount, its
        tax and its total, on the statement and in its report."""
        tax = self.env["account.tax"].create(
            {"name": "Statement VAT 20%", "amount": 20, "type_tax_use": "sale"}
        )
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.acme.id,
                "invoice_date": D(2026, 3, 20),
                "support_contract_id": self.contract.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Pack of 10 hours",
                            "quantity": 1,
                            "price_unit": 1000.0,
                            "tax_ids": [Command.set(tax.ids)],
                        }
                    )
                ],
            }
        )
        move.action_post()
        statement = self.env["support.service.statement"]._generate(
            self.contract, D(2026, 3, 15)
        )
        self.assertEqual(
            (
                statement.amount_invoiced_untaxed,
                statement.amount_invoiced_tax,
                statement.amount_invoiced,
            ),
            (1250.0, 200.0, 1450.0),
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "support_portal.action_report_service_statement", statement.ids
        )
        html = html.decode()
        for element_id in ("stmt_invoiced_untaxed", "stmt_invoiced_tax"):
            self.assertIn(f'id="{element_id}"', html)
        self.assertRegex(html, r"1,?250\.00")
        self.assertRegex(html, r"200\.00")
        self.assertRegex(html, r"1,?450\.00")
