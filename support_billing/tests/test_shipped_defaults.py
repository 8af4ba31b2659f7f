from odoo.tests import tagged

from ..models.res_config_settings import BillingParams
from .common import MARCH, D, SupportInvoicingCommon


@tagged("post_install", "-at_install")
class TestShippedDefaults(SupportInvoicingCommon):
    """The billing settings, discount bands and packs as the module installs
    them (B1-B5, C5), not the figures the other tests set."""

    BANDS = {
        "band_0_10": (0, 10, 4),
        "band_10_20": (10, 20, 6),
        "band_20_50": (20, 50, 9),
        "band_50_100": (50, 100, 11),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Band = cls.env["support.discount.band"]
        Band.search([]).write({"active": False})
        Band.browse(
            [cls.env.ref(f"support_billing.{xmlid}").id for xmlid in cls.BANDS]
        ).write({"active": True})
        # the settings as installed: no value stored, the shipped defaults apply
        for key in (
            "min_billed_hours",
            "rounding_step",
            "change_request_hours",
            "discount_mode",
            "auto_post",
        ):
            cls.ICP.set_param(f"support_billing.{key}", False)

    def test_bands_as_loaded(self):
        """B3: 0-10 h 4 %, 10-20 h 6 %, 20-50 h 9 %, 50-100 h 11 %, for every
        provider."""
        for xmlid, expected in self.BANDS.items():
            band = self.env.ref(f"support_billing.{xmlid}")
            self.assertEqual((band.hours_from, band.hours_to, band.discount), expected)
            self.assertFalse(band.company_id)
        self.assertEqual(
            self.env["support.discount.band"]._bands_tuples(self.company),
            list(self.BANDS.values()),
        )

    def test_settings_as_installed(self):
        params = BillingParams(self.env)
        figures = {
            "min_billed_hours": 0.5,  # B1
            "rounding_step": 0.0,  # B1
            "change_request_hours": 8.0,  # B4
            "migration_base_fee": 5000.0,  # C5
            "migration_block_fee": 1500.0,  # C5
            "migration_block_lines": 1000.0,  # C5
            "migration_module_hours": 4.0,  # C5
        }
        for key, value in figures.items():
            self.assertEqual(params._float(key), value, key)
        self.assertEqual(params._get("discount_mode"), "whole")  # B3
        self.assertFalse(params._get("auto_post"))

    def test_packs_as_loaded(self):
        """B2: packs of 25 and 100 hours at the contract's hourly rate."""
        packs = (
            self.env.ref("support_billing.pack_25"),
            self.env.ref("support_billing.pack_100"),
        )
        self.assertEqual([pack.hours for pack in packs], [25, 100])
        self.assertEqual(
            [pack._get_price(self.contract) for pack in packs], [2500.0, 10000.0]
        )

    def test_minimum_billed_time(self):
        """B1: ten minutes of work bill the 30-minute minimum."""
        ticket = self._resolve(self.contract, 10 / 60, D(2026, 3, 5))
        self.assertEqual(ticket.billed_hours, 0.5)

    def test_month_as_shipped(self):
        """B3, B5 with the shipped figures: 15 reserved hours at 6 % (the whole
        reservation in its band), 15.25 h billed: 0.25 h extra, a draft
        invoice."""
        self._march_tickets()
        self._run(self.reserved_contract)
        period = self._periods(self.reserved_contract)
        move = period.move_id
        self.assertEqual(move.state, "draft")
        reserved = move.invoice_line_ids.filtered("discount")
        self.assertEqual((reserved.quantity, reserved.discount), (15, 6))
        self.assertEqual(period.overage_hours, 0.25)
        self.assertEqual(move.amount_untaxed, 2201.13)
        self.assertEqual(period.date_start, MARCH)
