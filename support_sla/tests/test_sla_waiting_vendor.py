from freezegun import freeze_time

from .common import SupportSlaCommon, utc

# 2026-01-05 is a Monday; Paris is UTC+1 in January.
PARAM = "support_sla.waiting_vendor_effect"


class TestSlaWaitingVendor(SupportSlaCommon):
    """S5: the SLA effect of waiting on a vendor is a setting: pause the
    clocks with the reason "waiting on the vendor" (the default), or not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_vendor = cls.env.ref("support_ticket.stage_waiting_vendor")
        cls.stage_progress = cls.env.ref("support_ticket.stage_in_progress")

    def _reported_ticket(self):
        with freeze_time("2026-01-05 09:00:00"):  # Monday 10:00 Paris
            ticket = self._ticket(urgency="high", code_ownership="odoo_community")
        with freeze_time("2026-01-05 10:00:00"):  # 11:00: reported upstream
            self.env["support.upstream.report"].create(
                {"ticket_id": ticket.id, "reference": "OPW-42", "state": "reported"}
            )
        return ticket

    def test_waiting_on_vendor_pauses_by_default(self):
        self.assertFalse(self.env["ir.config_parameter"].get_param(PARAM))
        ticket = self._reported_ticket()
        self.assertTrue(ticket.is_waiting_vendor)
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "paused")
        self.assertEqual(line.consumed_minutes, 60)
        pause = line.pause_ids
        self.assertEqual(pause.reason, "waiting_vendor")
        self.assertEqual(pause.reason_label, "Waiting on the vendor")
        # a customer's message does not end a wait on the vendor
        with freeze_time("2026-01-05 11:00:00"):
            ticket.message_post(
                body="Any news?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.contact.id,
            )
        self.assertEqual(line.state, "paused")
        self.assertTrue(ticket.is_waiting_vendor)
        # back in progress Tuesday 10:00 Paris: 7 business hours left
        with freeze_time("2026-01-06 09:00:00"):
            ticket.stage_id = self.stage_progress
        self.assertEqual(line.state, "running")
        self.assertEqual(pause.date_end, utc(2026, 1, 6, 9))
        self.assertEqual(line.deadline, utc(2026, 1, 6, 16))

    def test_waiting_on_vendor_keeps_clocks_running_when_set(self):
        self.env["ir.config_parameter"].set_param(PARAM, "run")
        ticket = self._reported_ticket()
        self.assertTrue(ticket.is_waiting_vendor)
        line = self._line(ticket, "response")
        self.assertEqual(line.state, "running")
        self.assertFalse(line.pause_ids)
        self.assertEqual(line.deadline, utc(2026, 1, 6, 8))  # 8 h from Mon 10:00
        with freeze_time("2026-01-06 09:00:00"):
            ticket.stage_id = self.stage_progress
        self.assertEqual(line.state, "running")
        self.assertFalse(line.pause_ids)

    def test_setting_is_offered_in_the_settings(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.support_waiting_vendor_effect, "pause")
        settings.support_waiting_vendor_effect = "run"
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param(PARAM), "run")
