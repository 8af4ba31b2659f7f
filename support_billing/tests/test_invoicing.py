from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MARCH, D, SupportInvoicingCommon


@tagged("post_install", "-at_install")
class TestInvoicing(SupportInvoicingCommon):
    """The monthly invoice: its amounts and what it locks (B3, B5)."""

    def test_monthly_invoice_amounts(self):
        """B5: plan fee, add-on pro rata (16/31 days), 15 reserved hours at 6%,
        0.25 extra hour (0.5 + 7 + 7.75 = 15.25 h billed), per-ticket annex."""
        tickets = self._march_tickets()
        run = self._run(self.reserved_contract)
        self.assertEqual(run.state, "done")
        period = self._periods(self.reserved_contract)
        self.assertEqual(len(period), 1)
        move = period.move_id
        self.assertEqual(move.move_type, "out_invoice")
        self.assertEqual(move.partner_id, self.customer2)
        self.assertEqual(str(move.invoice_date), "2026-03-31")
        lines = move.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        amounts = sorted(round(line.price_subtotal, 2) for line in lines)
        self.assertEqual(amounts, [25.0, 250.0, 516.13, 1410.0])
        self.assertEqual(move.currency_id, self.company.currency_id)
        self.assertEqual(lines.tax_ids, self.vat_20)
        # 20 % VAT per line: 5.00 + 50.00 + 103.23 + 282.00
        self.assertEqual(
            (move.amount_untaxed, move.amount_tax, move.amount_total),
            (2201.13, 440.23, 2641.36),
        )
        reserved = lines.filtered(lambda line: line.discount)
        self.assertEqual((reserved.quantity, reserved.discount), (15, 6))
        notes = move.invoice_line_ids.filtered(
            lambda line: line.display_type == "line_note"
        )
        self.assertEqual(len(notes), 3)
        self.assertIn("0.25 h extra", notes[-1].name)
        self.assertEqual(period.overage_hours, 0.25)
        debits = tickets.ledger_entry_ids
        self.assertEqual(debits.move_id, move)
        self.assertEqual(sum(debits.mapped("invoiced_overage_hours")), 0.25)
        self.assertEqual(tickets.timesheet_ids.support_move_id, move)
        self.assertIn(move, self.reserved_contract.support_invoice_ids)

    def test_per_band_discount_setting(self):
        """B3, per band: 10 h at 4% and 5 h at 6% = 960 + 470."""
        self.ICP.set_param("support_billing.discount_mode", "per_band")
        self._run(self.reserved_contract)
        move = self._periods(self.reserved_contract).move_id
        reserved = move.invoice_line_ids.filtered(lambda line: line.discount)
        self.assertEqual(
            sorted(
                (line.quantity, line.discount, line.price_subtotal) for line in reserved
            ),
            [(5, 6, 470), (10, 4, 960)],
        )

    def test_unique_period_constraint(self):
        """B5: the database refuses a second period of the same month and
        revision (before the Python overlap check runs)."""
        self._run(self.reserved_contract)
        with (
            self.assertRaises(UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env["support.billing.period"].create(
                {
                    "contract_id": self.reserved_contract.id,
                    "date_start": MARCH,
                    "date_end": D(2026, 3, 31),
                    "state": "empty",
                }
            )
        self.assertEqual(len(self._periods(self.reserved_contract)), 1)

    def test_overlapping_period_refused(self):
        self._run(self.reserved_contract)
        with self.assertRaises(ValidationError):
            self.env["support.billing.period"].create(
                {
                    "contract_id": self.reserved_contract.id,
                    "date_start": D(2026, 3, 15),
                    "date_end": D(2026, 4, 14),
                    "state": "empty",
                }
            )
        self.assertEqual(len(self._periods(self.reserved_contract)), 1)

    def test_invoiced_time_entry_locked(self):
        tickets = self._march_tickets()
        self._run(self.reserved_contract)
        line = tickets[0].timesheet_ids
        with self.assertRaises(UserError):
            line.with_user(self.manager).write({"unit_amount": 3})
        with self.assertRaises(UserError):
            line.with_user(self.manager).unlink()
        self.assertAlmostEqual(line.unit_amount, 10 / 60)
        with self.assertRaises(UserError):
            tickets[0].ledger_entry_ids.write({"hours": 9})

    def test_time_never_invoiced_twice(self):
        """Time added to an invoiced ticket is billed once, next month."""
        ticket = self._resolve(self.reserved_contract, 1, D(2026, 3, 5))
        self._run(self.reserved_contract)
        self._log(ticket, 0.5, date=D(2026, 4, 3))
        with freeze_time("2026-04-03"):
            ticket._post_billed_time()
        self.assertEqual(ticket.billed_hours, 1.5)
        new = ticket.ledger_entry_ids.filtered(lambda e: not e.move_id)
        self.assertEqual(new.hours, 0.5)
        self._run(self.reserved_contract, D(2026, 4, 1))
        april = self._periods(self.reserved_contract).filtered(
            lambda p: p.date_start == D(2026, 4, 1)
        )
        self.assertEqual(new.move_id, april.move_id)
        march_lines = ticket.timesheet_ids.filtered(lambda t: t.date == D(2026, 3, 5))
        self.assertNotEqual(march_lines.support_move_id, april.move_id)

    def test_next_month_does_not_bill_old_time(self):
        """B5: once March is invoiced, April bills its fees and reserved hours
        only: neither March's time entries nor their extra hours again."""
        tickets = self._march_tickets()
        self._run(self.reserved_contract)
        march = self._periods(self.reserved_contract).move_id
        self._run(self.reserved_contract, D(2026, 4, 1))
        april = self._periods(self.reserved_contract).filtered(
            lambda p: p.date_start == D(2026, 4, 1)
        )
        self.assertEqual(april.overage_hours, 0)
        lines = april.move_id.invoice_line_ids
        self.assertEqual(
            sorted(
                round(line.price_subtotal, 2)
                for line in lines
                if line.display_type == "product"
            ),
            [250.0, 1000.0, 1410.0],
        )
        self.assertFalse(lines.filtered(lambda line: line.display_type == "line_note"))
        self.assertEqual(tickets.ledger_entry_ids.move_id, march)
        self.assertEqual(tickets.timesheet_ids.support_move_id, march)

    def test_credit_note_frees_and_rerun(self):
        tickets = self._march_tickets()
        self._run(self.reserved_contract)
        period = self._periods(self.reserved_contract)
        move = period.move_id
        move.action_post()
        refund = move._reverse_moves(cancel=True)
        self.assertEqual(refund.state, "posted")
        self.assertEqual(period.state, "credited")
        self.assertFalse(tickets.ledger_entry_ids.move_id)
        self.assertFalse(tickets.timesheet_ids.support_move_id)
        tickets[0].timesheet_ids.write({"name": "editable again"})
        self._run(self.reserved_contract)
        periods = self._periods(self.reserved_contract)
        self.assertEqual(len(periods), 2)
        new = periods.filtered(lambda p: p.state == "invoiced")
        self.assertEqual(new.revision, 1)
        self.assertAlmostEqual(new.move_id.amount_untaxed, move.amount_untaxed)
        self.assertEqual(tickets.ledger_entry_ids.move_id, new.move_id)

    def test_cancel_draft_frees(self):
        self._march_tickets()
        self._run(self.reserved_contract)
        move = self._periods(self.reserved_contract).move_id
        move.button_cancel()
        self._run(self.reserved_contract)
        self.assertEqual(len(self._periods(self.reserved_contract).move_id), 2)

    def test_basic_contract_without_activity_is_empty(self):
        partner = self.env["res.partner"].create(
            {"name": "Quiet Co", "is_company": True}
        )
        basic = self._make_contract(partner, self.plan_basic, D(2026, 1, 1))
        self._run(basic)
        period = self._periods(basic)
        self.assertEqual(period.state, "empty")
        self.assertFalse(period.move_id)
        self._run(basic)
        self.assertEqual(len(self._periods(basic)), 1)

    def test_adjusting_invoiced_time_refused(self):
        ticket = self._resolve(self.reserved_contract, 2, D(2026, 3, 5))
        self._run(self.reserved_contract)
        with self.assertRaises(UserError):
            ticket.with_user(self.manager)._adjust_billed_hours(1, "too much")
        self.assertEqual(ticket.billed_hours, 2)
        self.assertEqual(ticket.ledger_entry_ids.hours, 2)
