from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import D, SupportBillingCommon


@tagged("post_install", "-at_install")
class TestLedger(SupportBillingCommon):
    def test_fifo_two_packs_and_reserved_hours(self):
        """B2/B3: FIFO over a 25 h pack, 10 reserved hours, a 100 h pack;
        what is left unpaid is overage."""
        pack25 = self._credit(25, D(2026, 1, 5))
        reserved = self._credit(10, D(2026, 2, 1), source="reserved")
        pack100 = self._credit(100, D(2026, 2, 10))
        t1 = self._debit(20, D(2026, 1, 20))
        t2 = self._debit(8, D(2026, 2, 3))
        t3 = self._debit(110, D(2026, 2, 15))
        (t1 | t2 | t3).invalidate_recordset()
        self.assertEqual((t1.covered_hours, t1.overage_hours), (20, 0))
        self.assertEqual((t2.covered_hours, t2.overage_hours), (8, 0))
        self.assertEqual((t3.covered_hours, t3.overage_hours), (107, 3))
        self.assertIn(pack25.name, t2.source_summary)
        self.assertIn(reserved.name, t2.source_summary)
        self.assertEqual(pack100.remaining_hours, 0)
        self.assertEqual(self.contract.hours_balance, 0)
        self.assertEqual(self.contract.hours_overage, 3)
        statement = self.contract._get_ledger_statement()
        self.assertEqual([s["balance"] for s in statement], [25, 5, 15, 7, 107, 0])
        self.assertEqual(
            statement[3]["sources"], [(pack25.name, 5.0), (reserved.name, 3.0)]
        )
        self.assertEqual(statement[5]["overage"], 3.0)
        self.assertEqual(
            set(statement[0]),
            {
                "id", "date", "type", "source", "description", "ticket_id",
                "ticket_name", "credit", "debit", "covered", "overage", "balance",
                "sources", "invoice",
            },
        )  # fmt: skip

    def test_credits_never_expire(self):
        self._credit(25, D(2020, 1, 1))
        self._debit(2, D(2026, 6, 1))
        self.assertEqual(self.contract.hours_balance, 23)

    def test_ledger_total_is_the_balance(self):
        """The total under a ledger list is the signed sum (the balance), not
        credits plus debits."""
        self._credit(50, D(2026, 1, 5))
        self._debit(4.35, D(2026, 1, 20))
        entries = self.contract.hours_ledger_ids
        self.assertEqual(sorted(entries.mapped("signed_hours")), [-4.35, 50])
        self.assertAlmostEqual(sum(entries.mapped("signed_hours")), 45.65)
        self.assertAlmostEqual(self.contract.hours_balance, 45.65)
        Ledger = self.env["support.hours.ledger"]
        [(total,)] = Ledger._read_group(
            [("contract_id", "=", self.contract.id)], [], ["signed_hours:sum"]
        )
        self.assertAlmostEqual(total, 45.65)
        for model, view in (
            (Ledger, "list"),
            (self.env["support.contract"], "form"),
        ):
            arch = etree.fromstring(
                model.get_views([(False, view)])["views"][view]["arch"]
            )
            ledger = (
                arch
                if view == "list"
                else arch.xpath("//field[@name='hours_ledger_ids']")[0]
            )
            self.assertEqual(
                ledger.xpath(".//field[@name='signed_hours']/@sum"), ["Balance"]
            )
            self.assertEqual(ledger.xpath(".//field[@name='hours']/@sum"), [])

    def test_zero_or_negative_hours_refused(self):
        with self.assertRaises(ValidationError):
            self._credit(0, D(2026, 1, 1))
        with self.assertRaises(ValidationError):
            self._credit(-25, D(2026, 1, 1))
        with self.assertRaises(ValidationError):
            self.env["support.hours.pack"].create({"name": "Bad", "hours": 0})
        with self.assertRaises(ValidationError):
            self.env["support.hours.pack"].create({"name": "Bad", "hours": -5})
        self.assertFalse(self.contract.hours_ledger_ids)

    def test_buy_pack_creates_invoice_line_and_credit(self):
        """B2: buying 25 h from the contract credits them and invoices them."""
        pack = self.env["support.hours.pack"].create({"name": "Pack 25", "hours": 25})
        wizard = (
            self.env["support.pack.wizard"]
            .with_user(self.manager)
            .create({"contract_id": self.contract.id, "pack_id": pack.id})
        )
        self.assertEqual(wizard.price, 2500)
        action = wizard.action_buy()
        move = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(move.move_type, "out_invoice")
        self.assertEqual(move.partner_id, self.customer)
        self.assertEqual(move.support_contract_id, self.contract)
        self.assertEqual(move.invoice_line_ids.price_unit, 2500)
        self.assertEqual(self.contract.hours_balance, 25)
        self.assertIn(move, self.contract.support_invoice_ids)
        fixed = self.env["support.hours.pack"].create(
            {"name": "Pack 100", "hours": 100, "price": 9000}
        )
        credit = self.contract._buy_pack(fixed)
        self.assertEqual(credit.move_id.amount_untaxed, 9000)
        self.assertEqual(self.contract.hours_balance, 125)

    def test_buy_pack_on_draft_contract_refused(self):
        other = self.env["support.contract"].create(
            {
                "partner_id": self.env["res.partner"]
                .create({"name": "Draft Co", "is_company": True})
                .id,
                "plan_id": self.plan.id,
            }
        )
        pack = self.env["support.hours.pack"].create({"name": "Pack 25", "hours": 25})
        with self.assertRaises(UserError):
            other._buy_pack(pack)
        self.assertFalse(other.hours_ledger_ids)
        self.assertFalse(other.support_invoice_ids)

    def test_reserving_on_forbidding_plan_refused(self):
        partner = self.env["res.partner"].create(
            {"name": "Basic Co", "is_company": True}
        )
        with self.assertRaises(ValidationError):
            self.env["support.contract"].create(
                {
                    "partner_id": partner.id,
                    "plan_id": self.plan_basic.id,
                    "reserved_hours": 5,
                }
            )
        basic = self._make_contract(partner, self.plan_basic, D(2026, 1, 1))
        with self.assertRaises(ValidationError):
            basic.write({"reserved_hours": 5})
        self.assertEqual(basic.reserved_hours, 0)
        self.assertFalse(basic.reservation_change_ids)

    @freeze_time("2026-03-14")
    def test_reservation_change_next_period(self):
        """B3: a reservation changed in March is in force from April 1st."""
        self.contract.with_context(support_reservation_apply=True).reserved_hours = 10
        self.contract.reserved_hours = 20
        self.assertEqual(self.contract.reserved_hours, 10, "unchanged this month")
        self.assertEqual(self.contract.pending_reserved_hours, 20)
        self.assertEqual(str(self.contract.pending_reserved_date), "2026-04-01")
        self.assertEqual(self.contract._get_reserved_hours(D(2026, 3, 1)), 10)
        self.assertEqual(self.contract._get_reserved_hours(D(2026, 4, 1)), 20)
        march = self.contract._ensure_reserved_credit(D(2026, 3, 1))
        self.assertEqual(march.hours, 10)
        self.assertEqual(self.contract._ensure_reserved_credit(D(2026, 3, 1)), march)
        with freeze_time("2026-04-01"):
            self.env["support.contract"]._cron_credit_reserved_hours()
        self.assertEqual(self.contract.reserved_hours, 20)
        april = self.contract.hours_ledger_ids.filtered(
            lambda e: str(e.period_start) == "2026-04-01"
        )
        self.assertEqual(april.hours, 20)

    def test_ticket_debits_draw_from_balance(self):
        self._credit(1, D(2026, 1, 1))
        ticket = self._ticket()
        self._log(ticket, 1.5)
        with freeze_time("2026-03-12"):
            ticket.action_resolve()
        debit = ticket.ledger_entry_ids
        self.assertEqual((debit.covered_hours, debit.overage_hours), (1.0, 0.5))
        self.assertEqual(self.contract.hours_balance, 0)

    def test_print_statement(self):
        self._credit(25, D(2026, 1, 5))
        self._debit(2, D(2026, 1, 6))
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "support_billing.report_hours_statement", self.contract.ids
        )
        html = html.decode()
        self.assertIn("Hours statement", html)
        self.assertIn("Credit 25 h", html)
        self.assertIn(">23<", html)
