from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SupportBillingCommon


@tagged("post_install", "-at_install")
class TestQuotesAndSettings(SupportBillingCommon):
    def test_migration_quote_wizard(self):
        """C5: 5,000 + 1,500 per started 1,000 lines + at most 4 h a module."""
        self.contract.code_lines = 2500
        wizard_form = Form(
            self.env["support.migration.quote.wizard"]
            .with_user(self.manager)
            .with_context(default_contract_id=self.contract.id)
        )
        self.assertEqual(wizard_form.code_lines, 2500)
        wizard_form.module_count = 3
        self.assertEqual(wizard_form.base_amount, 5000)
        self.assertEqual(wizard_form.code_amount, 4500)
        self.assertEqual(wizard_form.module_amount, 1200)  # 3 x 4 h x 100
        self.assertEqual(wizard_form.total_amount, 10700)
        wizard = wizard_form.save()
        action = wizard.action_create_quote()
        doc = self.env[action["res_model"]].browse(action["res_id"])
        total = doc.amount_untaxed
        self.assertEqual(total, 10700)
        self.assertEqual(doc.partner_id, self.customer)

    def test_migration_quote_from_environment(self):
        """C5: from an environment and a target version: its custom code, its
        community modules marked missing (each at most 4 h), the estimates
        over the cap flagged for the customer to decide."""
        environment = self.env["support.environment"].create(
            {
                "contract_id": self.contract.id,
                "name": "Production",
                "kind": "production",
                "odoo_version": "17.0",
                "module_ids": [
                    Command.create(vals)
                    for vals in (
                        {
                            "name": "x_sales",
                            "origin": "customer_custom",
                            "lines_of_code": 2000,
                        },
                        {
                            "name": "x_stock",
                            "origin": "customer_custom",
                            "lines_of_code": 500,
                        },
                        {
                            "name": "l10n_x_ours",
                            "origin": "provider_localisation",
                            "lines_of_code": 4000,
                        },
                        {"name": "sale", "origin": "odoo_community"},
                        {"name": "oca_one", "origin": "oca_third_party"},
                        {"name": "oca_two", "origin": "oca_third_party"},
                        {"name": "oca_three", "origin": "oca_third_party"},
                    )
                ],
            }
        )
        wizard_form = Form(
            self.env["support.migration.quote.wizard"]
            .with_user(self.manager)
            .with_context(default_environment_id=environment.id)
        )
        self.assertEqual(wizard_form.contract_id, self.contract)
        self.assertEqual(wizard_form.code_lines, 2500)  # our localisation excluded
        self.assertEqual(len(wizard_form.line_ids), 3)  # the community modules
        wizard_form.target_version = "19.0"
        for index, hours in ((0, 3), (1, 6)):
            with wizard_form.line_ids.edit(index) as line:
                line.missing = True
                line.hours = hours
        self.assertEqual(wizard_form.module_count, 2)
        self.assertEqual(wizard_form.base_amount, 5000)
        self.assertEqual(wizard_form.code_amount, 4500)  # 3 started blocks
        self.assertEqual(wizard_form.module_amount, 700)  # (3 + min(6, 4)) x 100
        self.assertEqual(wizard_form.total_amount, 10200)
        wizard = wizard_form.save()
        flagged = wizard.line_ids.filtered("customer_decides")
        self.assertEqual(flagged.mapped("hours"), [6.0])
        action = wizard.action_create_quote()
        order = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(order.amount_untaxed, 10200)
        self.assertEqual(order.support_contract_id, self.contract)
        names = order.order_line.mapped("name")
        self.assertEqual(len(names), 4)  # base, code, two modules
        decide = [n for n in names if "functional alternative" in n]
        self.assertEqual(len(decide), 1)
        self.assertIn("17.0", str(order.note))
        self.assertIn("19.0", str(order.note))

    def test_migration_quote_settings(self):
        self.ICP.set_param("support_billing.migration_base_fee", "1000")
        self.ICP.set_param("support_billing.migration_block_fee", "200")
        self.ICP.set_param("support_billing.migration_block_lines", "500")
        self.ICP.set_param("support_billing.migration_module_hours", "2")
        wizard = self.env["support.migration.quote.wizard"].create(
            {"contract_id": self.contract.id, "code_lines": 1001, "module_count": 1}
        )
        self.assertEqual(wizard.total_amount, 1000 + 3 * 200 + 2 * 100)

    def test_settings_refuse_negative_figures(self):
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"support_min_billed_hours": -1})
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"support_migration_block_lines": 0})
        settings = self.env["res.config.settings"].create(
            {"support_min_billed_hours": 0.25, "support_discount_mode": "per_band"}
        )
        settings.execute()
        self.assertEqual(self.ICP.get_param("support_billing.min_billed_hours"), "0.25")
        self.assertEqual(
            self.ICP.get_param("support_billing.discount_mode"), "per_band"
        )

    def test_discount_bands_validated(self):
        Band = self.env["support.discount.band"]
        with self.assertRaises(ValidationError):
            Band.create({"hours_from": 5, "hours_to": 15, "discount": 5})  # overlaps
        with self.assertRaises(ValidationError):
            Band.create({"hours_from": 200, "hours_to": 300, "discount": 120})
        price = Band._price_reserved(30, 100, self.company)
        self.assertEqual(price["net"], 2730.0)  # 9% on 30 h

    def test_portal_helper_interface(self):
        """What support_portal reads: balance, statement, invoices."""
        self.env["support.hours.ledger"].create(
            {
                "contract_id": self.contract.id,
                "entry_type": "credit",
                "source": "pack",
                "hours": 25,
                "name": "Pack 25",
            }
        )
        portal = self.env["res.users"].create(
            {
                "name": "Carla Portal",
                "login": "carla_portal_iface",
                "partner_id": self.contact.id,
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        contract = self.contract.with_user(portal)
        self.assertEqual(contract.sudo().hours_balance, 25)
        statement = self.contract.with_user(portal).sudo()._get_ledger_statement()
        self.assertEqual(statement[0]["balance"], 25)
        self.assertEqual(statement[0]["description"], "Pack 25")
