"""One Support settings page (tickets, SLA, billing, portal) showing the
invoice products actually used; public holidays listed once per day."""

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import BaseCommon

PRODUCTS = {
    "support_product_plan_id": "support_billing.product_support_plan",
    "support_product_addon_id": "support_billing.product_support_addon",
    "support_product_reserved_id": "support_billing.product_support_reserved",
    "support_product_overage_id": "support_billing.product_support_overage",
    "support_product_pack_id": "support_billing.product_support_pack",
    "support_product_quote_id": "support_billing.product_support_project",
}


@tagged("post_install", "-at_install")
class TestSettingsPage(BaseCommon):
    def test_one_support_page_with_four_sections(self):
        Settings = self.env["res.config.settings"]
        arch = etree.fromstring(
            Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        support = arch.xpath("//app[@name='support_ticket']")
        self.assertEqual(len(support), 1)
        self.assertEqual(arch.xpath("//app[starts-with(@name, 'support_')]"), support)
        titles = support[0].xpath("./block/@title")
        for section in ("Tickets", "SLA", "Billing: billed time", "Portal"):
            self.assertIn(section, titles)
        for fname in ("support_assignment_objective", "support_product_plan_id"):
            self.assertTrue(support[0].xpath(f".//field[@name='{fname}']"), fname)
        self.assertFalse(
            self.env.ref(
                "support_billing.support_billing_settings_menu",
                raise_if_not_found=False,
            )
        )

    def test_settings_show_the_invoice_products_in_use(self):
        """The six products invoices use are what the settings show."""
        settings = self.env["res.config.settings"].create({})
        for fname, xmlid in PRODUCTS.items():
            self.assertEqual(settings[fname], self.env.ref(xmlid), fname)
        self.assertEqual(settings.support_assignment_objective, 100)
        self.assertEqual(settings.support_resolution_objective, 80)

    def test_public_holiday_listed_once(self):
        """A holiday closed on two calendars is one line of the holidays view."""
        Leave = self.env["resource.calendar.leaves"]
        calendars = self.env["resource.calendar"].create(
            [{"name": "Desk A"}, {"name": "Desk B"}]
        )
        Leave.create(
            [
                {
                    "name": "Desk Test Holiday",
                    "calendar_id": calendar.id,
                    "date_from": "2031-05-29 00:00:00",
                    "date_to": "2031-05-29 23:59:59",
                }
                for calendar in calendars
            ]
        )
        action = self.env.ref("support_contract.support_public_holiday_action")
        context = safe_eval(action.context)
        domain = [*safe_eval(action.domain), ("name", "=", "Desk Test Holiday")]
        groups = Leave.with_context(tz="UTC")._read_group(
            domain, context["group_by"], ["__count"]
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0][-1], 2)

    def _arch(self, model, view_type="form"):
        views = self.env[model].get_views([(False, view_type)])["views"]
        return etree.fromstring(views[view_type]["arch"])

    def test_months_are_shown_as_months(self):
        """Month fields use the month widget (month picker, "November 2026")."""
        for model, view_type, fname in (
            ("support.billing.wizard", "form", "period_date"),
            ("support.billing.run", "list", "date_start"),
            ("support.billing.run", "form", "date_start"),
            ("support.service.statement", "list", "date_start"),
            ("support.service.statement", "form", "date_start"),
            ("support.hours.ledger", "form", "period_start"),
        ):
            arch = self._arch(model, view_type)
            widgets = arch.xpath(f"//field[@name='{fname}']/@widget")
            self.assertEqual(widgets, ["support_month"], (model, view_type))

    def test_wizards_offer_no_contract_creation(self):
        for model, fname in (
            ("support.billing.wizard", "contract_ids"),
            ("support.contract.override.wizard", "contract_id"),
            ("support.monitoring.token.reveal", "contract_id"),
        ):
            [field] = self._arch(model).xpath(f"//field[@name='{fname}']")
            options = safe_eval(field.get("options", "{}"))
            self.assertTrue(options.get("no_create"), model)
