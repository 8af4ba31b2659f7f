from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestSupportContract(SupportContractCommon):
    def test_number_from_sequence(self):
        contract = self._contract()
        self.assertTrue(contract.name.startswith("SC/"), contract.name)

    def test_activate_and_single_active_per_customer(self):
        """C2: at most one active contract per customer and company."""
        first = self._contract()
        first.action_activate()
        self.assertEqual(first.state, "active")
        second = self._contract()
        with self.assertRaises(ValidationError):
            second.action_activate()
        self.assertEqual(second.state, "draft")

    def test_range_blocks_activation_unless_manager_overrides(self):
        """C2: a count outside the plan's range blocks activation."""
        contract = self._contract(user_count=80)
        self.assertIn("80 users", contract.range_issue)
        with self.assertRaises(UserError):
            contract.action_activate()
        with self.assertRaises(UserError):
            contract.with_user(self.agent).write(
                {"range_override": True, "range_override_reason": "x"}
            )
        with self.assertRaises(ValidationError):
            contract.with_user(self.manager).write({"range_override": True})
        contract.with_user(self.manager).write(
            {"range_override": True, "range_override_reason": "Growing fast"}
        )
        contract.action_activate()
        self.assertEqual(contract.state, "active")
