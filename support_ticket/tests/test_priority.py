from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..tools import desk
from .common import SupportTicketCommon

# T4 default: (impact, urgency) -> priority, the one table of tools/desk.py
T4 = desk.DEFAULT_MATRIX


@tagged("post_install", "-at_install")
class TestPriorityMatrix(SupportTicketCommon):
    def test_default_matrix_is_complete_and_t4(self):
        """T4: exactly one row per impact/urgency pair, with the default table."""
        rows = self.env["support.priority.matrix"].search([])
        self.assertEqual(len(rows), 9)
        self.assertEqual({(r.impact, r.urgency): r.priority for r in rows}, T4)

    def test_every_cell_gives_its_priority(self):
        """T4: each of the nine cells drives the ticket priority."""
        for (impact, urgency), priority in T4.items():
            with self.subTest(impact=impact, urgency=urgency):
                ticket = self._ticket(impact=impact, urgency=urgency)
                self.assertEqual(ticket.priority, priority)
                self.assertFalse(ticket.priority_overridden)

    def test_change_of_impact_or_urgency_recomputes(self):
        ticket = self._ticket(impact="single", urgency="low")
        self.assertEqual(ticket.priority, "0")
        ticket.urgency = "high"
        self.assertEqual(ticket.priority, "2")
        ticket.impact = "system"
        self.assertEqual(ticket.priority, "3")

    def test_form_shows_the_computed_priority(self):
        with Form(self.Ticket.with_user(self.agent)) as form:
            form.name = "Whole warehouse blocked"
            form.partner_id = self.contact
            form.impact = "system"
            form.urgency = "high"
            self.assertEqual(form.priority, "3")
        ticket = form.save()
        self.assertEqual(ticket.priority, "3")
        self.assertFalse(ticket.priority_overridden)

    def test_edited_matrix_applies_to_new_and_open_tickets(self):
        """T4: the matrix is data; an edited cell drives new tickets and the
        open ones not overridden, never closed or overridden ones."""
        open_ticket = self._ticket(impact="single", urgency="medium")
        overridden = self._ticket(impact="single", urgency="medium")
        overridden.write({"priority": "3", "priority_override_reason": "VIP"})
        closed = self._ticket(impact="single", urgency="medium")
        closed.stage_id = self.stage_resolved
        closed.stage_id = self.stage_closed
        cell = self.env.ref("support_ticket.priority_matrix_single_medium")
        cell.with_user(self.admin).priority = "1"
        self.assertEqual(self._ticket(impact="single", urgency="medium").priority, "1")
        self.assertEqual(open_ticket.priority, "1")
        self.assertEqual(overridden.priority, "3")
        self.assertEqual(closed.priority, "0")

    def test_matrix_rows_cannot_be_deleted_duplicated_or_moved(self):
        cell = self.env.ref("support_ticket.priority_matrix_system_high")
        with self.assertRaises(UserError):
            cell.with_user(self.admin).unlink()
        with self.assertRaises(UserError):
            cell.with_user(self.admin).write({"urgency": "low"})
        with self.assertRaises(ValidationError):
            self.env["support.priority.matrix"].create(
                {"impact": "system", "urgency": "high", "priority": "0"}
            )
        self.assertEqual(cell.impact, "system")
        self.assertEqual(cell.urgency, "high")
        self.assertEqual(self.env["support.priority.matrix"].search_count([]), 9)

    def test_only_administrators_edit_the_matrix(self):
        cell = self.env.ref("support_ticket.priority_matrix_system_high")
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                cell.with_user(user).priority = "0"
        self.assertEqual(cell.priority, "3")

    def test_impact_or_urgency_outside_the_matrix(self):
        """Bad input: a clear error, nothing created or changed."""
        count = self.Ticket.search_count([])
        with self.assertRaises(ValidationError):
            self._ticket(impact="galaxy")
        with self.assertRaises(ValidationError):
            self._ticket(urgency="yesterday")
        self.assertEqual(self.Ticket.search_count([]), count)
        ticket = self._ticket()
        with self.assertRaises(ValidationError):
            ticket.write({"urgency": "extreme"})
        with self.assertRaises(ValidationError):
            ticket.write({"priority": "9", "priority_override_reason": "x"})
        self.assertEqual(ticket.urgency, "medium")


@tagged("post_install", "-at_install")
class TestPriorityOverride(SupportTicketCommon):
    def test_override_needs_a_reason(self):
        """T4: an override without a reason is refused; nothing changes."""
        ticket = self._ticket(impact="single", urgency="low")
        for vals in (
            {"priority": "3"},
            {"priority": "3", "priority_override_reason": "   "},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                ticket.with_user(self.agent).write(vals)
        self.assertEqual(ticket.priority, "0")
        self.assertFalse(ticket.priority_overridden)
        count = self.Ticket.search_count([])
        with self.assertRaises(ValidationError):
            self._ticket(priority="3")
        self.assertEqual(self.Ticket.search_count([]), count)
        created = self._ticket(priority="3", priority_override_reason="Auditor visit")
        self.assertTrue(created.priority_overridden)
        self.assertEqual(created.priority, "3")

    def test_override_is_tracked_and_survives_recompute(self):
        ticket = self._ticket(impact="single", urgency="low")
        self.env.flush_all()
        self.env.cr.precommit.run()  # the ticket was created in another request
        ticket.with_user(self.agent).write(
            {"priority": "3", "priority_override_reason": "Auditor on site today"}
        )
        self.assertEqual(ticket.priority, "3")
        self.assertTrue(ticket.priority_overridden)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        ticket.invalidate_recordset(["message_ids"])
        bodies = " ".join(ticket.message_ids.mapped("body"))
        self.assertIn("Auditor on site today", bodies)
        tracked = ticket.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "priority"
        )
        self.assertTrue(tracked, "the priority change is tracked in the chatter")
        # a later change of impact or urgency keeps the override
        ticket.write({"urgency": "medium", "impact": "multiple"})
        self.assertEqual(ticket.priority, "3")
        # removing the override gives the matrix back
        ticket.action_reset_priority()
        self.assertFalse(ticket.priority_overridden)
        self.assertFalse(ticket.priority_override_reason)
        self.assertEqual(ticket.priority, "1")

    def test_writing_the_matrix_value_is_no_override(self):
        ticket = self._ticket(impact="system", urgency="high")
        ticket.write({"priority": "3"})
        self.assertFalse(ticket.priority_overridden)

    def test_override_wizard(self):
        ticket = self._ticket(impact="single", urgency="medium")
        action = ticket.with_user(self.agent).action_override_priority()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard_form.computed_priority, "0")
        wizard_form.priority = "2"
        wizard_form.reason = "Payroll run tonight"
        wizard_form.save().action_apply()
        self.assertEqual(ticket.priority, "2")
        self.assertEqual(ticket.priority_override_reason, "Payroll run tonight")
        wizard = (
            self.env["support.ticket.priority.override"]
            .with_user(self.agent)
            .create({"ticket_id": ticket.id, "priority": "3", "reason": " "})
        )
        with self.assertRaises(ValidationError):
            wizard.action_apply()
        self.assertEqual(ticket.priority, "2")
