from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import MARCH, SupportInvoicingCommon


@tagged("post_install", "-at_install")
class TestCreditNotes(SupportInvoicingCommon):
    """B5: only a full reversal or a cancellation frees an invoiced month; a
    partial credit note is recorded against it and frees nothing. Each case
    is followed by the next invoicing run (the job)."""

    def setUp(self):
        super().setUp()
        self.tickets = self._march_tickets()
        self._run(self.reserved_contract)
        self.period = self._periods(self.reserved_contract)
        self.move = self.period.move_id

    def _next_runs(self, count=2):
        """The job, as on the 2nd of April, ``count`` times."""
        Run = self.env["support.billing.run"]
        with freeze_time("2026-04-02 06:00:00"):
            for _i in range(count):
                Run._cron_monthly_invoicing()

    def _invoices(self):
        return self.env["account.move"].search(
            [
                ("support_contract_id", "=", self.reserved_contract.id),
                ("move_type", "=", "out_invoice"),
            ]
        )

    def _goodwill_credit_note(self):
        """A posted credit note of 10 % of the March invoice."""
        refund = self.move._reverse_moves()
        refund.write(
            {
                "invoice_line_ids": [
                    Command.update(line.id, {"price_unit": line.price_unit / 10})
                    for line in refund.invoice_line_ids
                    if line.display_type == "product"
                ]
            }
        )
        refund.action_post()
        return refund

    def _contract_notes(self, text):
        return self.reserved_contract.message_ids.filtered(
            lambda m: text in (m.body or "")
        )

    def test_partial_credit_note_frees_nothing(self):
        self.move.action_post()
        refund = self._goodwill_credit_note()
        self.assertAlmostEqual(refund.amount_total, self.move.amount_total / 10, 1)
        self.assertEqual(self.period.state, "partially_credited")
        self.assertAlmostEqual(self.period.credited_amount, refund.amount_total)
        self.assertEqual(self.tickets.ledger_entry_ids.move_id, self.move)
        self.assertEqual(self.tickets.timesheet_ids.support_move_id, self.move)
        self.assertEqual(len(self._contract_notes("partially credited")), 1)
        self.assertFalse(self._contract_notes("fully credited"))
        self._next_runs()
        self.assertEqual(self._invoices(), self.move, "no new invoice for March")
        self.assertEqual(self._periods(self.reserved_contract), self.period)
        self.assertEqual(self.period.state, "partially_credited")

    def test_partial_then_full_credit_note_frees(self):
        """A goodwill credit, then a full reversal: freed by the second."""
        self.move.action_post()
        self._goodwill_credit_note()
        self.assertEqual(self.period.state, "partially_credited")
        self.move._reverse_moves().action_post()
        self.assertEqual(self.period.state, "credited")
        self.assertFalse(self.tickets.ledger_entry_ids.move_id)
        self.assertEqual(len(self._contract_notes("partially credited")), 1)
        self.assertEqual(len(self._contract_notes("fully credited")), 1)

    def test_full_credit_note_invoices_the_month_again_once(self):
        self.move.action_post()
        refund = self.move._reverse_moves(cancel=True)
        self.assertEqual(refund.state, "posted")
        self.assertEqual(self.period.state, "credited")
        self.assertFalse(self.tickets.ledger_entry_ids.move_id)
        self.assertFalse(self.tickets.timesheet_ids.support_move_id)
        self.assertEqual(len(self._contract_notes("fully credited")), 1)
        self._next_runs()
        new = self._invoices() - self.move
        self.assertEqual(len(new), 1, "March invoiced again, exactly once")
        self.assertEqual(new.support_period_ids.date_start, MARCH)
        self.assertEqual(new.support_period_ids.revision, 1)
        self.assertAlmostEqual(new.amount_untaxed, self.move.amount_untaxed)
        self.assertEqual(self.tickets.ledger_entry_ids.move_id, new)

    def test_cancellation_invoices_the_month_again_once(self):
        self.move.button_cancel()
        self.assertEqual(self.move.state, "cancel")
        self.assertEqual(self.period.state, "credited")
        self.assertEqual(len(self._contract_notes("cancelled")), 1)
        self.assertFalse(self._contract_notes("partially credited"))
        self._next_runs()
        new = self._invoices().filtered(lambda m: m.state != "cancel")
        self.assertEqual(len(new), 1, "March invoiced again, exactly once")
        self.assertEqual(new.support_period_ids.date_start, MARCH)
        self.assertEqual(self.tickets.ledger_entry_ids.move_id, new)
