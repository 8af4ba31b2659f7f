from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestTicket(SupportTicketCommon):
    def test_number_per_company_sequence(self):
        """Each company numbers its tickets on its own sequence."""
        first = self._ticket()
        second = self._ticket()
        self.assertTrue(first.number.startswith("TCK/"))
        self.assertNotEqual(first.number, second.number)
        other_company = self.env["res.company"].create({"name": "Stockholm Test"})
        foreign = self._ticket(partner_id=False, company_id=other_company.id)
        self.assertEqual(foreign.company_id, other_company)
        self.assertTrue(foreign.number.endswith("00001"))
        sequences = self.env["ir.sequence"].search([("code", "=", "support.ticket")])
        self.assertIn(other_company, sequences.company_id)
        self.assertIn(f"[{first.number}]", first.display_name)

    def test_contract_chosen_automatically(self):
        """C2: the ticket takes the customer's active contract."""
        ticket = self._ticket()
        self.assertEqual(ticket.contract_id, self.contract)
        self.assertEqual(ticket.plan_id, self.plan_light)
        self.assertEqual(ticket.commercial_partner_id, self.customer)
        self.assertFalse(ticket.warn_no_contract)
        ticket.partner_id = self.other_contact
        self.assertEqual(ticket.contract_id, self.other_contract)

    def test_contract_of_another_customer_is_refused(self):
        """Bad input: a contract of another customer; nothing is changed."""
        with self.assertRaises(ValidationError):
            self._ticket(contract_id=self.other_contract.id)
        ticket = self._ticket()
        with self.assertRaises(ValidationError):
            ticket.write({"contract_id": self.other_contract.id})
        self.assertEqual(ticket.contract_id, self.contract)

    def test_description_is_sanitized(self):
        ticket = self._ticket(description="<p>Hello</p><script>alert(1)</script>")
        self.assertIn("Hello", ticket.description)
        self.assertNotIn("script", ticket.description)

    def test_document_reference(self):
        """T2: a document the author cannot read is refused."""
        partner = self.env["res.partner"].create({"name": "Readable"})
        ticket = self._ticket(document_ref=f"res.partner,{partner.id}")
        self.assertEqual(ticket.document_ref, partner)
        hidden_company = self.env["res.company"].create({"name": "Hidden Co"})
        hidden = self.env["res.partner"].create(
            {"name": "Secret", "company_id": hidden_company.id}
        )
        with self.assertRaises(ValidationError):
            self.Ticket.with_user(self.agent).create(
                {
                    "name": "Look at this",
                    "partner_id": self.contact.id,
                    "document_ref": f"res.partner,{hidden.id}",
                }
            )
        with self.assertRaises(ValidationError):
            ticket.with_user(self.agent).write(
                {"document_ref": f"res.partner,{hidden.id}"}
            )
        with self.assertRaises(ValidationError):
            ticket.write({"document_ref": "res.partner,999999999"})
        self.assertEqual(ticket.document_ref, partner)

    def test_screen_url_must_be_web_address(self):
        with self.assertRaises(ValidationError):
            self._ticket(screen_url="javascript:alert(1)")
        ticket = self._ticket(screen_url="https://erp.acme.test/odoo/action-123")
        self.assertTrue(ticket.screen_url)

    def test_queue_order(self):
        """T5: business-critical first, then priority, then arrival."""
        low_old = self._ticket(name="q low old", impact="single", urgency="low")
        high = self._ticket(name="q high", impact="multiple", urgency="high")
        low_new = self._ticket(name="q low new", impact="single", urgency="low")
        critical = self._ticket(
            name="q month-end",
            impact="single",
            urgency="low",
            business_critical="tax_closing",
        )
        top = self._ticket(name="q top", impact="system", urgency="high")
        found = self.Ticket.search([("name", "=like", "q %")])
        self.assertEqual(found, critical | top | high | low_old | low_new)
        self.assertEqual(
            found.ids, [critical.id, top.id, high.id, low_old.id, low_new.id]
        )


@tagged("post_install", "-at_install")
class TestEntitlement(SupportTicketCommon):
    def test_no_active_contract(self):
        customer = self.env["res.partner"].create(
            {"name": "Nobody", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "N. Body", "parent_id": customer.id}
        )
        ticket = self._ticket(partner_id=contact.id)
        self.assertFalse(ticket.contract_id)
        self.assertTrue(ticket.warn_no_contract)
        self.assertTrue(ticket.has_entitlement_warning)
        self.assertIn("no active support contract", ticket.entitlement_warning)
        self.assertIn(ticket, self.Ticket.search([("warn_no_contract", "=", True)]))

    def test_expired_contract_has_its_own_warning(self):
        """Issue 15: an expired contract is named at intake, with a renewal
        to propose, instead of "no active contract"."""
        customer = self.env["res.partner"].create(
            {"name": "Lapsed Co", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "L. Apsed", "parent_id": customer.id}
        )
        contract = self._contract(partner_id=customer.id)
        contract.write({"state": "expired", "date_end": "2026-01-31"})
        ticket = self._ticket(partner_id=contact.id)
        self.assertFalse(ticket.contract_id)
        self.assertTrue(ticket.warn_no_contract)
        self.assertTrue(ticket.warn_contract_expired)
        self.assertIn(contract.name, ticket.entitlement_warning)
        self.assertIn("expired", ticket.entitlement_warning)
        self.assertNotIn("no active support contract", ticket.entitlement_warning)
        self.assertIn(
            ticket, self.Ticket.search([("warn_contract_expired", "=", True)])
        )
        # a customer that never had a contract keeps the general warning
        self.assertFalse(self._ticket().warn_contract_expired)

    def test_suspended_contract(self):
        ticket = self._ticket()
        self.assertFalse(ticket.warn_contract_suspended)
        self.contract.action_suspend()
        self.assertTrue(ticket.warn_contract_suspended)
        self.assertIn(
            ticket, self.Ticket.search([("warn_contract_suspended", "=", True)])
        )
        new_ticket = self._ticket()
        self.assertEqual(new_ticket.contract_id, self.contract)
        self.assertTrue(new_ticket.warn_contract_suspended)
        self.assertFalse(new_ticket.warn_no_contract)

    def test_emergency_line_without_hotline(self):
        ticket = self._ticket(channel="emergency")
        self.assertFalse(ticket.warn_hotline, "Light has a hotline")
        basic_customer = self.env["res.partner"].create(
            {"name": "Basic Co", "is_company": True}
        )
        basic_contact = self.env["res.partner"].create(
            {"name": "B. Asic", "parent_id": basic_customer.id}
        )
        contract = self._contract(
            partner_id=basic_customer.id, plan_id=self.plan_basic.id
        )
        contract.action_activate()
        ticket = self._ticket(partner_id=basic_contact.id, channel="emergency")
        self.assertTrue(ticket.warn_hotline)
        self.assertIn(ticket, self.Ticket.search([("warn_hotline", "=", True)]))
        ticket.channel = "phone"
        self.assertFalse(ticket.warn_hotline)

    def test_requester_not_key_user(self):
        colleague = self.env["res.partner"].create(
            {"name": "Carl Acme", "parent_id": self.customer.id}
        )
        self.assertFalse(self._ticket().warn_not_key_user)
        ticket = self._ticket(partner_id=colleague.id)
        self.assertTrue(ticket.warn_not_key_user)
        self.contract.key_user_ids = [(4, colleague.id)]
        self.assertFalse(ticket.warn_not_key_user)

    def test_out_of_scope_item_becomes_quote_request(self):
        """S4: an out-of-scope item is flagged; the button makes it a quote
        request (type, activity, note)."""
        item = self.env["support.scope.item"].create({"name": "Test data import"})
        included = self.env["support.scope.item"].create(
            {
                "name": "Test standard question",
                "coverage_ids": [
                    (0, 0, {"plan_id": self.plan_light.id, "coverage": "included"})
                ],
            }
        )
        ticket = self._ticket(scope_item_id=included.id)
        self.assertEqual(ticket.scope_coverage, "included")
        self.assertFalse(ticket.warn_out_of_scope)
        ticket.scope_item_id = item
        self.assertEqual(ticket.scope_coverage, "out_of_scope")
        self.assertTrue(ticket.warn_out_of_scope)
        self.assertIn("propose a project quote", ticket.entitlement_warning)
        ticket.with_user(self.agent).action_request_quote()
        self.assertTrue(ticket.quote_requested)
        self.assertIn("quote was requested", ticket.entitlement_warning)
        self.assertEqual(ticket.type_code, "out_of_scope")
        self.assertEqual(len(ticket.activity_ids), 1)
        ticket.with_user(self.agent).action_request_quote()
        self.assertEqual(len(ticket.activity_ids), 1, "no second request")


@tagged("post_install", "-at_install")
class TestStages(SupportTicketCommon):
    def test_default_stages_t6(self):
        ticket = self._ticket()
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertTrue(ticket.is_triage)
        self.assertTrue(self.stage_waiting.is_waiting_customer)
        self.assertTrue(self.stage_resolved.is_resolved)
        self.assertTrue(self.stage_closed.is_closed and self.stage_closed.fold)

    def test_close_requires_resolved(self):
        """T6: an agent cannot close an unresolved ticket; a manager can."""
        ticket = self._ticket()
        ticket.stage_id = self.stage_progress
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_close()
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.date_closed)
        ticket.with_user(self.agent).action_resolve()
        self.assertTrue(ticket.date_resolved)
        ticket.with_user(self.agent).action_close()
        self.assertTrue(ticket.is_closed)
        self.assertTrue(ticket.date_closed)
        forced = self._ticket()
        forced.with_user(self.manager).action_close()
        self.assertTrue(forced.is_closed)
        self.assertTrue(forced.date_resolved)

    def test_batch_move_keeps_dates_of_tickets_already_there(self):
        done = self._ticket()
        other = self._ticket()
        with freeze_time("2026-03-02 10:00:00"):
            done.action_resolve()
        cls = type(self.Ticket)
        with (
            freeze_time("2026-03-03 15:00:00"),
            patch.object(cls, "_on_stage_change", autospec=True) as hook,
        ):
            (done | other).write({"stage_id": self.stage_resolved.id})
        self.assertEqual(str(done.date_resolved), "2026-03-02 10:00:00")
        self.assertEqual(str(other.date_resolved), "2026-03-03 15:00:00")
        self.assertEqual(hook.call_args.args[0], other, "only the moved ticket")

    def test_reopen_is_logged(self):
        ticket = self._ticket()
        ticket.action_resolve()
        with patch.object(type(self.Ticket), "_on_reopen", autospec=True) as hook:
            ticket.with_user(self.agent).action_reopen()
        hook.assert_called_once()
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.date_resolved)
        reopened = ticket.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("support_ticket.mt_ticket_reopened")
        )
        self.assertEqual(len(reopened), 1)

    def test_stage_and_assignment_hooks(self):
        ticket = self._ticket()
        cls = type(self.Ticket)
        with (
            patch.object(cls, "_on_stage_change", autospec=True) as stage_hook,
            patch.object(cls, "_on_assigned", autospec=True) as assign_hook,
            patch.object(cls, "_on_sla_context_change", autospec=True) as sla_hook,
        ):
            ticket.stage_id = self.stage_triaged
            ticket.user_id = self.agent
            ticket.urgency = "high"
            ticket.name = "only the subject"
        stage_hook.assert_called_once()
        self.assertEqual(stage_hook.call_args.args[1], {ticket.id: self.stage_new})
        assign_hook.assert_called_once()
        self.assertTrue(ticket.date_assigned)
        sla_hook.assert_called_once()

    def test_customer_reply_moves_waiting_ticket_back(self):
        """T6/L5: the customer's answer brings the ticket back in progress;
        an employee's public reply sets the first response date."""
        ticket = self._ticket()
        cls = type(self.Ticket)
        with patch.object(cls, "_on_public_reply", autospec=True) as public_hook:
            ticket.with_user(self.agent).message_post(
                body="Which invoice?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        public_hook.assert_called_once()
        self.assertTrue(ticket.date_first_response)
        ticket.with_user(self.agent).action_wait_customer()
        self.assertTrue(ticket.is_waiting_customer)
        # an internal note does not count as the customer's answer
        ticket.with_user(self.agent).message_post(
            body="note", subtype_xmlid="mail.mt_note"
        )
        self.assertTrue(ticket.is_waiting_customer)
        with patch.object(cls, "_on_customer_reply", autospec=True) as customer_hook:
            ticket.message_post(
                body="INV/2026/0042",
                author_id=self.contact.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        customer_hook.assert_called_once()
        self.assertEqual(ticket.stage_id, self.stage_progress)


@tagged("post_install", "-at_install")
class TestAssignment(SupportTicketCommon):
    def test_manual_assignment(self):
        self.assertFalse(self._ticket().user_id)

    def test_round_robin(self):
        self.team.assignment_method = "round_robin"
        agents = [self._ticket().user_id for _i in range(4)]
        self.assertEqual(agents[0], agents[2])
        self.assertEqual(agents[1], agents[3])
        self.assertNotEqual(agents[0], agents[1])
        self.assertEqual(set(agents), {self.agent, self.agent2})

    def test_least_open(self):
        self._ticket(user_id=self.agent.id)
        self._ticket(user_id=self.agent.id)
        self._ticket(user_id=self.agent2.id)
        self.team.assignment_method = "least_open"
        first = self._ticket()
        self.assertEqual(first.user_id, self.agent2)
        self.assertTrue(first.date_assigned)
        # 2 open tickets each: the tie goes to the next member in turn
        second = self._ticket()
        self.assertEqual(second.user_id, self.agent)
        # resolved tickets do not count as open
        (first | second).action_resolve()
        self._ticket(user_id=self.agent.id).action_resolve()
        self.assertEqual(self._ticket().user_id, self.agent2)

    def test_assign_to_me(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).action_assign_to_me()
        self.assertEqual(ticket.user_id, self.agent)

    def test_agent_creates_for_a_caller(self):
        """A ticket an agent of the team creates (a caller on the phone or
        the emergency line) is theirs, never round robin's next agent."""
        self.team.assignment_method = "round_robin"
        self.team.last_assigned_user_id = self.agent
        for channel in ("phone", "emergency"):
            ticket = self.Ticket.with_user(self.agent2).create(
                {
                    "name": "Caller: stock valuation wrong",
                    "partner_id": self.contact.id,
                    "team_id": self.team.id,
                    "channel": channel,
                }
            )
            self.assertEqual(ticket.user_id, self.agent2, channel)
            self.assertTrue(ticket.date_assigned)
        # not a member of this team: round robin decides, as for any ticket
        outsider = self.Ticket.with_user(self.manager).create(
            {
                "name": "Forwarded call",
                "partner_id": self.contact.id,
                "team_id": self.team.id,
            }
        )
        self.assertIn(outsider.user_id, self.agent | self.agent2)
        # a team on manual assignment: the creator takes it as well
        self.team.assignment_method = "manual"
        ticket = self.Ticket.with_user(self.agent).create(
            {"name": "Caller", "partner_id": self.contact.id, "team_id": self.team.id}
        )
        self.assertEqual(ticket.user_id, self.agent)
