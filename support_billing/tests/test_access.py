from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import D, SupportBillingCommon


@tagged("post_install", "-at_install")
class TestAccess(SupportBillingCommon):
    def test_agent_logs_time_but_does_not_bill(self):
        ticket = self._ticket()
        line = self._log(ticket, 1.0, user=self.agent)
        self.assertEqual(line.user_id, self.agent)
        # the time is drawn from the balance when the request is resolved
        self.assertEqual(self.contract.with_user(self.agent).hours_balance, 0.0)
        with self.assertRaises(AccessError):
            self.env["support.hours.ledger"].with_user(self.agent).create(
                {
                    "contract_id": self.contract.id,
                    "entry_type": "credit",
                    "source": "manual",
                    "hours": 100,
                    "name": "free hours",
                }
            )
        with self.assertRaises(AccessError):
            self.env["support.billing.wizard"].with_user(self.agent).create({})
        with self.assertRaises(AccessError):
            self.env["support.billability.rule"].with_user(self.agent).create(
                {"name": "x", "decision": "free"}
            )

    def test_agent_resolves_and_time_is_billed(self):
        """Agents have no right on the ledger, yet resolving bills the time."""
        ticket = self._ticket().with_user(self.agent)
        self._log(ticket, 0.25, user=self.agent)
        ticket.action_resolve()
        self.assertEqual(ticket.billed_hours, 0.5)
        self.assertEqual(ticket.sudo().ledger_entry_ids.hours, 0.5)
        self.assertEqual(self.contract.with_user(self.agent).hours_overage, 0.5)

    def test_manager_bills(self):
        self._credit(5, D(2026, 1, 1))
        ledger = self.env["support.hours.ledger"].with_user(self.manager)
        self.assertEqual(
            len(ledger.search([("contract_id", "=", self.contract.id)])), 1
        )
        with self.assertRaises(AccessError):
            self.env["support.billability.rule"].with_user(self.manager).create(
                {"name": "x", "decision": "free"}
            )

    def test_multi_company_ledger(self):
        contract = self.contract_b  # another provider's contract
        self._credit(3, D(2026, 1, 1), contract=contract)
        self._credit(4, D(2026, 1, 1))
        visible = (
            self.env["support.hours.ledger"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=self.company.ids)
            .search([])
        )
        self.assertNotIn(contract, visible.contract_id)
        self.assertIn(self.contract, visible.contract_id)

    def test_portal_sees_own_company_hours_only(self):
        portal = self.env["res.users"].create(
            {
                "name": "Carla Portal",
                "login": "carla_portal_billing",
                "partner_id": self.contact.id,
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        other_partner = self.env["res.partner"].create(
            {"name": "Stranger Co", "is_company": True}
        )
        other = self._make_contract(other_partner, self.plan, D(2026, 1, 1))
        self._credit(3, D(2026, 1, 1), contract=other)
        mine = self._credit(4, D(2026, 1, 1))
        visible = self.env["support.hours.ledger"].with_user(portal).search([])
        self.assertEqual(visible, mine)
