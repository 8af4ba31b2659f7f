from freezegun import freeze_time

from .common import SupportSlaCommon, utc

# 2026-01-05 is a Monday; Paris is UTC+1 in January, UTC+2 from 2026-03-29.


class TestSlaEvents(SupportSlaCommon):
    def test_creation_starts_clocks_with_exact_deadlines(self):
        """L1/L3: creation starts assignment, response and resolution clocks."""
        with freeze_time("2026-01-05 09:00:00"):  # Monday 10:00 Paris
            ticket = self._ticket()
        self.assertEqual(ticket.priority, "0")
        assign = self._line(ticket, "assignment")
        response = self._line(ticket, "response")
        resolution = self._line(ticket, "resolution")
        self.assertEqual(assign.state, "running")
        self.assertEqual(assign.deadline, utc(2026, 1, 7, 9))  # 2 days: Wed 10:00
        self.assertEqual(response.deadline, utc(2026, 1, 8, 9))  # Low: 3 days
        self.assertEqual(resolution.deadline, utc(2026, 1, 19, 9))  # 10 days
        self.assertEqual(response.target_minutes, 3 * 9 * 60)
        self.assertEqual(response.policy_id, self.policy_low)
        self.assertEqual(ticket.sla_state, "running")
        self.assertEqual(ticket.sla_deadline, utc(2026, 1, 7, 9))

    def test_high_eight_business_hours_over_weekend(self):
        """L1: High = 8 business hours, Friday 15:00 -> Monday 14:00."""
        with freeze_time("2026-01-09 14:00:00"):  # Friday 15:00 Paris
            ticket = self._ticket(urgency="high")
        self.assertEqual(ticket.priority, "2")
        self.assertEqual(self._line(ticket, "response").deadline, utc(2026, 1, 12, 13))

    def test_critical_emergency_line_ten_minutes_with_addon_windows(self):
        """L2/C4: 10 minutes for the emergency line, counted in the Extended
        add-on's evening windows for a critical ticket."""
        self.contract.addon_line_ids = [
            (0, 0, {"addon_id": self.addon_extended.id, "date_start": "2026-01-01"})
        ]
        with freeze_time("2026-01-05 19:00:00"):  # Monday 20:00 Paris
            emergency = self._ticket(
                impact="system", urgency="high", channel="emergency"
            )
            phone = self._ticket(impact="system", urgency="high", channel="phone")
        self.assertEqual(emergency.priority, "3")
        line = self._line(emergency, "response")
        self.assertEqual(line.policy_id, self.policy_critical_emergency)
        self.assertEqual(line.deadline, utc(2026, 1, 5, 19, 10))
        # other channels: next policy (4 business hours), still with evening windows
        other = self._line(phone, "response")
        self.assertEqual(other.policy_id, self.policy_critical)
        self.assertEqual(other.deadline, utc(2026, 1, 6, 7))  # 20-23h + 07-08h

    def test_critical_without_addon_counts_plan_hours_only(self):
        with freeze_time("2026-01-05 19:00:00"):  # Monday 20:00, plan closed
            ticket = self._ticket(impact="system", urgency="high", channel="emergency")
        self.assertEqual(
            self._line(ticket, "response").deadline, utc(2026, 1, 6, 7, 10)
        )

    def test_public_reply_meets_first_response(self):
        """The first public reply of an employee meets the first response."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-01-05 10:30:00"):
            self._reply(ticket, self.agent)
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "met")
        self.assertEqual(line.date_reached, utc(2026, 1, 5, 10, 30))
        self.assertEqual(line.consumed_minutes, 90)
        self.assertEqual(line.on_time_rate, 100)
        self.assertEqual(self._line(ticket, "resolution").state, "running")

    def test_internal_note_and_stage_change_do_not_meet_response(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-01-05 10:00:00"):
            self._reply(ticket, self.agent, internal=True)
            ticket.with_user(self.agent).action_set_in_progress()
        self.assertEqual(self._line(ticket, "response").state, "running")

    def test_customer_message_does_not_meet_response(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-01-05 10:00:00"):
            ticket.message_post(
                body="Any news?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.contact.id,
            )
        self.assertEqual(self._line(ticket, "response").state, "running")

    def test_assignment_meets_assignment(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-01-06 09:00:00"):
            ticket.with_user(self.agent).action_assign_to_me()
        line = self._line(ticket, "assignment")
        self.assertEqual(line.state, "met")
        self.assertEqual(line.date_reached, utc(2026, 1, 6, 9))
        self.assertEqual(line.consumed_minutes, 9 * 60)

    def test_preassigned_ticket_meets_assignment_at_creation(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(user_id=self.agent.id)
        line = self._line(ticket, "assignment")
        self.assertEqual(line.state, "met")
        self.assertEqual(line.consumed_minutes, 0)

    def test_resolved_stage_meets_resolution(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-01-06 09:00:00"):
            ticket.with_user(self.agent).action_resolve()
        self.assertEqual(self._line(ticket, "resolution").state, "met")
        # the response and assignment clocks still open stop uncounted
        self.assertEqual(self._line(ticket, "response").state, "cancelled")
        self.assertEqual(ticket.sla_state, "met")

    def test_waiting_stage_pauses_and_resumes_across_weekend(self):
        """L5: Friday 16:00 -> waiting; customer answers Monday 09:00: the 8 hours
        of the High target resume with 1 business hour consumed."""
        with freeze_time("2026-01-09 14:00:00"):  # Friday 15:00 Paris
            ticket = self._ticket(urgency="high")
        with freeze_time("2026-01-09 15:00:00"):  # Friday 16:00
            ticket.with_user(self.agent).action_wait_customer()
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "paused")
        self.assertEqual(line.consumed_minutes, 60)
        self.assertFalse(line.deadline)
        self.assertEqual(ticket.sla_state, "paused")
        with freeze_time("2026-01-12 08:00:00"):  # Monday 09:00
            ticket.message_post(
                body="Here is the file",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.contact.id,
            )
        self.assertFalse(ticket.is_waiting_customer)
        self.assertEqual(line.state, "running")
        # 7 business hours left from Monday 09:00 -> 16:00 Paris
        self.assertEqual(line.deadline, utc(2026, 1, 12, 15))
        pause = line.pause_ids
        self.assertEqual(len(pause), 1)
        self.assertEqual(pause.date_start, utc(2026, 1, 9, 15))
        self.assertEqual(pause.date_end, utc(2026, 1, 12, 8))
        self.assertEqual(pause.business_minutes, 60 + 60)  # Fri 16-17, Mon 08-09
        self.assertEqual(pause.reason, "waiting_customer")
        self.assertEqual(pause.user_id, self.agent)

    def test_leaving_waiting_stage_resumes(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
            ticket.action_wait_customer()
        with freeze_time("2026-01-05 11:00:00"):
            ticket.action_set_in_progress()
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "running")
        self.assertEqual(line.consumed_minutes, 0)
        self.assertEqual(line.deadline, utc(2026, 1, 6, 10))

    def test_retarget_keeps_consumed_business_time(self):
        """Low (3 days) -> High (8 hours) after 2 business hours: 6 hours left."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-01-05 11:00:00"):
            ticket.with_user(self.agent).write({"urgency": "high"})
        self.assertEqual(ticket.priority, "2")
        line = self._line(ticket, "response")
        self.assertEqual(line.policy_id, self.policy_high)
        self.assertEqual(line.consumed_minutes, 120)
        self.assertEqual(line.deadline, utc(2026, 1, 6, 8))  # 5h Mon + 1h Tue
        self.assertEqual(line.priority, "2")

    def test_retarget_lowered_target_already_exceeded_breaches(self):
        with freeze_time("2026-01-05 08:00:00"):
            ticket = self._ticket(urgency="high")
        with freeze_time("2026-01-05 12:00:00"):
            self.policy_high.target_value = 2
            line = self._line(ticket, "response")
            self.assertLessEqual(line.deadline, utc(2026, 1, 5, 12))
            self.Line._cron_watch()
        self.assertEqual(line.state, "breached")

    def test_plan_without_sla_gets_no_clock(self):
        contract = self._contract(
            partner_id=self.other_customer.id, plan_id=self.plan_basic.id
        )
        self.other_contract.action_cancel()
        contract.action_activate()
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(partner_id=self.other_contact.id)
        self.assertEqual(ticket.contract_id, contract)
        self.assertFalse(ticket.sla_line_ids)
        self.assertFalse(ticket.sla_state)

    def test_changing_contract_to_plan_without_sla_cancels_clocks(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        self.plan_light.has_response_sla = False
        with freeze_time("2026-01-05 10:00:00"):
            ticket._on_sla_context_change()
        self.assertEqual(
            set(ticket.sla_line_ids.mapped("state")), {"cancelled"}, "no promise left"
        )

    def test_reopen_starts_new_resolution_cycle(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-01-06 09:00:00"):
            ticket.action_resolve()
        with freeze_time("2026-01-07 09:00:00"):
            ticket.action_reopen()
        first = self._line(ticket, "resolution", cycle=1)
        second = self._line(ticket, "resolution", cycle=2)
        self.assertEqual(first.state, "met")
        self.assertEqual(first.date_reached, utc(2026, 1, 6, 9))
        self.assertEqual(second.state, "running")
        self.assertEqual(second.date_start, utc(2026, 1, 7, 9))
        self.assertEqual(second.deadline, utc(2026, 1, 21, 9))
        self.assertEqual(ticket.sla_state, "running")

    def test_late_reply_stays_breached(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        with freeze_time("2026-01-06 09:00:00"):  # deadline Tue 08:00 UTC
            self.Line._cron_watch()
        with freeze_time("2026-01-06 10:00:00"):
            self._reply(ticket, self.agent)
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "breached")
        self.assertEqual(line.date_reached, utc(2026, 1, 6, 10))
        self.assertEqual(line.on_time_rate, 0)

    def test_reply_after_deadline_before_watcher_is_breached(self):
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
        with freeze_time("2026-01-06 09:30:00"):
            self._reply(ticket, self.agent)
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "breached")
        self.assertEqual(line.breach_date, utc(2026, 1, 6, 8))

    def test_holiday_is_skipped(self):
        """L1: Thursday 2026-04-30 16:00 + 8 business hours -> Monday 2026-05-04."""
        with freeze_time("2026-04-30 14:00:00"):  # 16:00 Paris (CEST)
            ticket = self._ticket(urgency="high")
        self.assertEqual(self._line(ticket, "response").deadline, utc(2026, 5, 4, 13))

    def test_portal_clocks(self):
        """The portal reads plain dicts: label, deadline, minutes left, pauses."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
            ticket.action_wait_customer()
        with freeze_time("2026-01-05 10:00:00"):
            ticket.action_set_in_progress()
            clocks = ticket._get_sla_portal_clocks()
        response = next(c for c in clocks if c["target_type"] == "response")
        self.assertEqual(response["state"], "running")
        self.assertEqual(response["deadline"], utc(2026, 1, 6, 9))
        self.assertEqual(response["business_minutes_left"], 8 * 60)
        self.assertEqual(response["label"], "First response within 8 business hours")
        self.assertEqual(len(response["pauses"]), 1)
        self.assertEqual(response["pauses"][0]["reason"], "Waiting on the customer")
        self.assertEqual(response["pauses"][0]["business_minutes"], 60)
        self.assertIsInstance(response, dict)
