from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import D, SupportInvoicingCommon

# the context key that used to unlock invoiced time: set by an RPC caller, it
# must unlock nothing
OLD_KEY = {"support_billing_unlock": True}


@tagged("post_install", "-at_install")
class TestBillingTrust(SupportInvoicingCommon):
    """Billed time, billability and invoiced time change only through the
    manager's path or the billing code; no context key is a security switch.
    ``with_user(...)`` runs the ORM as ``call_kw`` does for an RPC caller."""

    def _resolved(self, hours=1.0):
        return self._resolve(self.reserved_contract, hours, D(2026, 3, 5))

    def test_agent_cannot_write_billed_time(self):
        ticket = self._resolved()
        as_agent = ticket.with_user(self.agent).with_context(**OLD_KEY)
        for vals in (
            {"billed_hours": 0.0},
            {"billed_hours_adjusted": True},
            {"billed_hours": 0.0, "billed_hours_adjusted": True},
            {"billed_hours_reason": "agreed with the customer"},
        ):
            with self.assertRefused(AccessError, "Adjust Billed Time"):
                as_agent.write(vals)
        with self.assertRefused(AccessError, "Adjust Billed Time"):
            self.env["support.ticket"].with_user(self.agent).with_context(
                **OLD_KEY
            ).create(
                {
                    "name": "Free lunch",
                    "partner_id": self.contact2.id,
                    "contract_id": self.reserved_contract.id,
                    "billed_hours": 0.0,
                    "billed_hours_adjusted": True,
                }
            )
        self.assertEqual(ticket.billed_hours, 1.0)
        self.assertFalse(ticket.billed_hours_adjusted)
        self.assertEqual(ticket.ledger_entry_ids.hours, 1.0)

    def test_manager_adjusts_only_through_the_adjustment(self):
        ticket = self._resolved()
        with self.assertRefused(AccessError, "Adjust Billed Time"):
            ticket.with_user(self.manager).write({"billed_hours": 0.0})
        self.assertEqual(ticket.billed_hours, 1.0)
        ticket.with_user(self.manager)._adjust_billed_hours(0.5, "our mistake")
        self.assertEqual(ticket.billed_hours, 0.5)
        self.assertEqual(ticket.ledger_entry_ids.hours, 0.5)
        with self.assertRefused(AccessError, "support manager"):
            ticket.with_user(self.agent).with_context(**OLD_KEY)._adjust_billed_hours(
                0.0, "please"
            )
        self.assertEqual(ticket.billed_hours, 0.5)

    def test_billability_override_is_a_managers_decision(self):
        ticket = self._ticket(contract=self.reserved_contract)
        with self.assertRefused(AccessError, "override the billability"):
            ticket.with_user(self.agent).with_context(**OLD_KEY).write(
                {"billable_override": "free", "billable_override_reason": "nice"}
            )
        self.assertFalse(ticket.billable_override)
        self.assertEqual(ticket.billing_decision, "billable")
        ticket.with_user(self.manager).write(
            {"billable_override": "free", "billable_override_reason": "goodwill"}
        )
        self.assertEqual(ticket.billing_decision, "free")
        # an agent still works the ticket
        ticket.with_user(self.agent).write({"estimated_hours": 2})
        self.assertEqual(ticket.estimated_hours, 2)

    def test_old_context_key_unlocks_no_invoiced_time(self):
        ticket = self._resolved(2.0)
        self._run(self.reserved_contract)
        move = self._periods(self.reserved_contract).move_id
        debit = ticket.ledger_entry_ids
        line = ticket.timesheet_ids
        self.assertEqual((debit.move_id, line.support_move_id), (move, move))
        for user in (self.agent, self.manager):
            debit_as = debit.with_user(user).with_context(**OLD_KEY)
            line_as = line.with_user(user).with_context(**OLD_KEY)
            with self.assertRaises(UserError):  # AccessError or UserError
                debit_as.write({"hours": 0.5})
            with self.assertRaises(AccessError):
                debit_as.write({"move_id": False, "invoiced_overage_hours": 0.0})
            with self.assertRaises(UserError):  # AccessError or UserError
                line_as.write({"unit_amount": 0.1})
            with self.assertRaises(AccessError):
                line_as.write({"support_move_id": False})
            with self.assertRaises(UserError):  # AccessError or UserError
                line_as.unlink()
        with self.assertRaises(UserError):
            debit.with_context(**OLD_KEY).write({"hours": 0.5})  # even as admin
        with self.assertRaises(AccessError):
            self.env["account.analytic.line"].with_user(self.manager).create(
                {
                    "support_ticket_id": ticket.id,
                    "name": "pretend invoiced",
                    "unit_amount": 1,
                    "support_move_id": move.id,
                }
            )
        self.assertEqual(debit.hours, 2.0)
        self.assertEqual(debit.move_id, move)
        self.assertAlmostEqual(line.unit_amount, 2.0)
        self.assertEqual(line.support_move_id, move)
