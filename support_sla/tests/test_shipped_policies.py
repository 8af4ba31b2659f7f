from freezegun import freeze_time

from odoo.tests import tagged

from .common import SupportSlaCommon, utc


@tagged("post_install", "-at_install")
class TestShippedPolicies(SupportSlaCommon):
    """The SLA policies and objectives as the module installs them (L1-L4), not
    the test policies of the other classes."""

    SHIPPED = {
        # xmlid: (target, priority, channel, value, unit, addon windows, sequence)
        "sla_policy_assignment": ("assignment", False, False, 2, "days", False, 10),
        "sla_policy_response_low": ("response", "0", False, 3, "days", False, 10),
        "sla_policy_response_medium": ("response", "1", False, 2, "days", False, 10),
        "sla_policy_response_high": ("response", "2", False, 8, "hours", False, 10),
        "sla_policy_response_critical_emergency": (
            "response",
            "3",
            "emergency",
            10,
            "minutes",
            True,
            5,
        ),
        "sla_policy_response_critical": ("response", "3", False, 8, "hours", True, 10),
        "sla_policy_resolution": ("resolution", False, False, 10, "days", False, 10),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Policy = cls.env["support.sla.policy"].with_context(active_test=False)
        Policy.search([]).write({"active": False})
        cls.shipped = Policy.browse(
            [cls.env.ref(f"support_sla.{xmlid}").id for xmlid in cls.SHIPPED]
        )
        cls.shipped.write({"active": True})

    def test_policies_as_loaded(self):
        for xmlid, expected in self.SHIPPED.items():
            policy = self.env.ref(f"support_sla.{xmlid}")
            actual = (
                policy.target_type,
                policy.priority,
                policy.channel,
                policy.target_value,
                policy.target_unit,
                policy.use_addon_windows,
                policy.sequence,
            )
            self.assertEqual(actual, expected, xmlid)
            self.assertFalse(policy.company_id, f"{xmlid}: shared by every provider")
            self.assertFalse(policy.plan_ids, f"{xmlid}: every plan")
        self.assertEqual(
            self.env.ref("support_sla.sla_policy_resolution").escalate, False
        )

    def test_objectives_as_loaded(self):
        """L3: every ticket assigned in time; L4: 80 % resolved in time."""
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("support_sla.assignment_objective"), "100")
        self.assertEqual(params.get_param("support_sla.resolution_objective"), "80")

    def test_high_ticket_clocks(self):
        """A High ticket on Monday 10:00 (Paris, 08:00-17:00): response by
        Tuesday 09:00 (8 business hours, L1), assignment by Wednesday 10:00
        (2 working days, L3), resolution by Monday 19 January 10:00 (10 working
        days, L4)."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(impact="multiple", urgency="high")
        self.assertEqual(ticket.priority, "2")
        expected = {
            "response": ("sla_policy_response_high", utc(2026, 1, 6, 8)),
            "assignment": ("sla_policy_assignment", utc(2026, 1, 7, 9)),
            "resolution": ("sla_policy_resolution", utc(2026, 1, 19, 9)),
        }
        for target, (xmlid, deadline) in expected.items():
            line = self._line(ticket, target)
            self.assertEqual(line.policy_id, self.env.ref(f"support_sla.{xmlid}"))
            self.assertEqual(line.deadline, deadline, target)

    def test_low_ticket_response(self):
        """L1: Low, 3 business days: Thursday at the same local time."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket()
        self.assertEqual(ticket.priority, "0")
        self.assertEqual(self._line(ticket, "response").deadline, utc(2026, 1, 8, 9))
