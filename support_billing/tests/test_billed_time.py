from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SupportBillingCommon


@tagged("post_install", "-at_install")
class TestBilledTime(SupportBillingCommon):
    def test_minimum_30_minutes_at_resolution(self):
        """B1: 10 minutes logged are billed 30 minutes when resolved."""
        ticket = self._ticket()
        self._log(ticket, 10 / 60)
        self.assertEqual(ticket.billed_hours, 0.0, "nothing billed before resolution")
        with freeze_time("2026-03-12 10:00:00"):
            ticket.action_resolve()
        self.assertEqual(ticket.billed_hours, 0.5)
        debit = ticket.ledger_entry_ids
        self.assertEqual(debit.entry_type, "debit")
        self.assertEqual(debit.hours, 0.5)
        self.assertEqual(str(debit.date), "2026-03-12")

    def test_rounding_step_setting(self):
        """B1: with a quarter-hour step 1 h 05 is billed 1 h 15."""
        self.ICP.set_param("support_billing.rounding_step", "0.25")
        ticket = self._ticket()
        self._log(ticket, 1 + 5 / 60)
        ticket.action_resolve()
        self.assertAlmostEqual(ticket.billed_hours, 1.25)

    def test_time_logged_after_resolution_rebills(self):
        ticket = self._ticket()
        self._log(ticket, 1.0)
        ticket.action_resolve()
        self._log(ticket, 0.75)
        self.assertEqual(ticket.billed_hours, 1.75)
        self.assertEqual(sum(ticket.ledger_entry_ids.mapped("hours")), 1.75)
        self.assertEqual(len(ticket.ledger_entry_ids), 1)

    def test_time_lands_in_contract_project(self):
        """Time on a ticket goes to the contract's project, created on first use."""
        self.assertFalse(self.contract.timesheet_project_id)
        ticket = self._ticket()
        line = self._log(ticket, 0.5)
        project = self.contract.timesheet_project_id
        self.assertEqual(len(project), 1)
        self.assertEqual(project.partner_id, self.customer)
        self.assertEqual(line.project_id, project)
        self.assertEqual(line.employee_id.user_id, self.agent)
        self.assertEqual(ticket.logged_hours, 0.5)
        other = self._ticket(name="second")
        self.assertEqual(self._log(other, 0.25).project_id, project)

    def test_no_contract_no_time(self):
        ticket = self.env["support.ticket"].create(
            {"name": "No contract", "partner_id": self.contact.id}
        )
        ticket.contract_id = False
        with self.assertRaises(UserError):
            self._log(ticket, 1.0)

    def test_timer(self):
        ticket = self._ticket().with_user(self.agent)
        with freeze_time("2026-03-10 09:00:00"):
            ticket.action_timer_start()
        with self.assertRaises(UserError):
            ticket.action_timer_start()
        with freeze_time("2026-03-10 09:40:20"):
            with self.assertRaises(UserError):
                ticket.with_user(self.manager).action_timer_stop()
            action = ticket.action_timer_stop()
            self.assertEqual(action["res_model"], "support.timer.stop.wizard")
            wizard = Form(
                self.env[action["res_model"]]
                .with_user(self.agent)
                .with_context(**action["context"])
            )
            # the rounded duration is shown; the description starts empty
            self.assertAlmostEqual(wizard.hours, 40 / 60, places=4)
            self.assertFalse(wizard.description)
            self.assertTrue(ticket.timer_start, "still running until logged")
            wizard.description = "Rebuilt the stock valuation report"
            wizard.save().action_log()
        self.assertFalse(ticket.timer_start)
        self.assertAlmostEqual(ticket.logged_hours, 40 / 60, places=4)
        self.assertEqual(
            ticket.timesheet_ids.mapped("name"), ["Rebuilt the stock valuation report"]
        )

    def test_timer_needs_a_description(self):
        """The time entry of a stopped timer says what was done (never the
        subject), and a few seconds count as one minute."""
        ticket = self._ticket().with_user(self.agent)
        with freeze_time("2026-03-10 09:00:00"):
            ticket.action_timer_start()
        with freeze_time("2026-03-10 09:00:10"):
            context = ticket.action_timer_stop()["context"]
            Wizard = self.env["support.timer.stop.wizard"].with_user(self.agent)
            form = Form(Wizard.with_context(**context))
            self.assertAlmostEqual(form.hours, 1 / 60, places=4)
            with self.assertRaises(AssertionError):
                form.save()  # the description is required
            wizard = Wizard.create(
                {"ticket_id": ticket.id, "hours": 1 / 60, "description": " "}
            )
            with self.assertRaises(UserError):
                wizard.action_log()
        self.assertTrue(ticket.timer_start)
        self.assertFalse(ticket.timesheet_ids)

    def test_free_rule_provider_localisation(self):
        """S3/S5: a bug in our localisation modules is free: nothing billed."""
        self.env["support.billability.rule"].create(
            {
                "name": "Localisation free",
                "code_ownership": "provider_localisation",
                "decision": "free",
            }
        )
        ticket = self._ticket(code_ownership="provider_localisation")
        self.assertEqual(ticket.billing_decision, "free")
        self.assertFalse(ticket.billable)
        self._log(ticket, 2.0)
        ticket.action_resolve()
        self.assertEqual(ticket.billed_hours, 0.0)
        self.assertFalse(ticket.ledger_entry_ids)

    def test_rule_by_plan_and_sequence(self):
        Rule = self.env["support.billability.rule"]
        Rule.create({"name": "All billable", "sequence": 20, "decision": "billable"})
        Rule.create(
            {
                "name": "Plan free",
                "sequence": 10,
                "plan_ids": [(4, self.plan.id)],
                "decision": "free",
            }
        )
        self.assertEqual(self._ticket().billing_decision, "free")
        basic = self._make_contract(
            self.env["res.partner"].create({"name": "Other Co", "is_company": True}),
            self.plan_basic,
            self.contract.date_start,
        )
        self.assertEqual(self._ticket(contract=basic).billing_decision, "billable")

    def test_override_needs_reason(self):
        ticket = self._ticket()
        with self.assertRaises(ValidationError):
            ticket.write({"billable_override": "free"})
        ticket.write(
            {"billable_override": "free", "billable_override_reason": "Goodwill"}
        )
        self.assertEqual(ticket.billing_decision, "free")
        self._log(ticket, 1)
        ticket.action_resolve()
        self.assertEqual(ticket.billed_hours, 0.0)

    def test_manager_adjusts_with_reason(self):
        ticket = self._ticket()
        self._log(ticket, 1.0)
        ticket.action_resolve()
        wizard = (
            self.env["support.billed.time.wizard"]
            .with_user(self.manager)
            .create({"ticket_id": ticket.id, "hours": 0.5, "reason": "Our mistake"})
        )
        wizard.action_apply()
        self.assertEqual(ticket.billed_hours, 0.5)
        self.assertTrue(ticket.billed_hours_adjusted)
        self.assertEqual(ticket.ledger_entry_ids.hours, 0.5)
        self.assertIn("Our mistake", ticket.message_ids[0].body)

    def test_agent_cannot_adjust(self):
        ticket = self._ticket()
        self._log(ticket, 1.0)
        ticket.action_resolve()
        with self.assertRaises(UserError):  # AccessError is a UserError
            ticket.with_user(self.agent)._adjust_billed_hours(0.1, "please")
        self.assertEqual(ticket.billed_hours, 1.0)

    def test_adjust_refuses_blank_reason_and_negative(self):
        ticket = self._ticket()
        self._log(ticket, 1.0)
        ticket.action_resolve()
        with self.assertRaises(ValidationError):
            ticket.with_user(self.manager)._adjust_billed_hours(0.5, "  ")
        with self.assertRaises(ValidationError):
            ticket.with_user(self.manager)._adjust_billed_hours(-1, "x")
        self.assertEqual(ticket.billed_hours, 1.0)

    def test_change_request_threshold(self):
        """B4: over 8 h (a setting) the request is quoted, not drawn."""
        ticket = self._ticket()
        ticket.estimated_hours = 8.0
        self.assertFalse(ticket.is_change_request)
        ticket.estimated_hours = 8.5
        self.assertTrue(ticket.is_change_request)
        self.assertEqual(ticket.billing_decision, "quote")
        self._log(ticket, 9.0)
        ticket.action_resolve()
        self.assertEqual(ticket.billed_hours, 0.0)
        self.assertFalse(ticket.ledger_entry_ids, "excluded from the hours balance")
        self.assertEqual(self.contract.hours_balance, 0.0)
        self.assertEqual(self.contract.hours_overage, 0.0)

    def test_change_request_by_logged_time_and_setting(self):
        self.ICP.set_param("support_billing.change_request_hours", "2")
        ticket = self._ticket()
        self._log(ticket, 2.5)
        self.assertTrue(ticket.is_change_request)

    def test_change_request_quote(self):
        """B4: the quote button makes a sale quotation linked both ways."""
        ticket = self._ticket()
        ticket.estimated_hours = 12
        action = ticket.with_user(self.manager).action_create_quote()
        order = ticket.sale_order_id
        self.assertEqual(action["res_id"], order.id)
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.support_contract_id, self.contract)
        self.assertEqual(order.support_ticket_ids, ticket)
        self.assertTrue(order.require_signature)
        self.assertEqual(order.order_line.product_uom_qty, 12)
        self.assertEqual(order.order_line.price_unit, 100)
        self.assertEqual(order.amount_untaxed, 1200)
        with self.assertRaises(UserError):
            ticket.with_user(self.manager).action_create_quote()
