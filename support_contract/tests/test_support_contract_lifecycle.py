from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestSupportAgreements(SupportContractCommon):
    """C3: a maintenance agreement requires an active patch agreement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["support.plan"]
        cls.patch = Plan.create(
            {
                "name": "Test Patch",
                "plan_kind": "agreement",
                "monthly_fee": 495,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.maintenance = Plan.create(
            {
                "name": "Test Maintenance",
                "plan_kind": "agreement",
                "monthly_fee": 2000,
                "resource_calendar_id": cls.calendar.id,
                "required_plan_id": cls.patch.id,
                "included_plan_ids": [Command.set(cls.patch.ids)],
            }
        )

    def test_maintenance_requires_active_patch(self):
        maintenance = self._contract(plan_id=self.maintenance.id)
        self.assertEqual(maintenance.required_plan_id, self.patch)
        with self.assertRefused(UserError, "requires an active Test Patch"):
            maintenance.action_activate()
        self.assertUnchanged(maintenance, state="draft")
        patch = self._contract(plan_id=self.patch.id)
        patch.action_activate()
        maintenance.action_activate()
        self.assertEqual((patch | maintenance).mapped("state"), ["active", "active"])
        # the dependent agreement is the customer's contract (it includes patch)
        self.assertEqual(self.contact._get_support_contract("2026-06-01"), maintenance)
        # a third contract is still refused
        tier = self._contract()
        with self.assertRefused(ValidationError, "already has an active contract"):
            tier.action_activate()
        # so is a second maintenance agreement
        second = self._contract(plan_id=self.maintenance.id)
        with self.assertRaises(ValidationError):
            second.action_activate()
        self.assertUnchanged(second, state="draft")

    def test_patch_cannot_stop_under_active_maintenance(self):
        patch = self._contract(plan_id=self.patch.id)
        patch.action_activate()
        maintenance = self._contract(plan_id=self.maintenance.id)
        maintenance.action_activate()
        with self.assertRefused(UserError, "is required by the active contract"):
            patch.action_suspend()
        with self.assertRefused(UserError, "is required by the active contract"):
            patch.action_cancel()
        self.assertUnchanged(patch, state="active")
        # both at once is fine
        (patch | maintenance).action_suspend()
        self.assertEqual(patch.state, "suspended")

    def test_requirement_fulfilled_by_an_including_plan(self):
        """C3: a plan that includes the required one fulfils the requirement."""
        bundle = self.env["support.plan"].create(
            {
                "name": "Test Patch Plus",
                "plan_kind": "agreement",
                "resource_calendar_id": self.calendar.id,
                "included_plan_ids": [Command.set(self.patch.ids)],
            }
        )
        self._contract(plan_id=bundle.id).action_activate()
        maintenance = self._contract(plan_id=self.maintenance.id)
        maintenance.action_activate()
        self.assertEqual(maintenance.state, "active")

    def test_tier_beside_tier_refused(self):
        """C2: the exception is for dependent agreements only."""
        self._contract(plan_id=self.patch.id).action_activate()
        with self.assertRaises(ValidationError):
            self._contract().action_activate()


@tagged("post_install", "-at_install")
class TestSupportContractCron(SupportContractCommon):
    """C2: the daily job expires ended contracts and renews auto-renewing ones."""

    def test_cron_expires_and_renews(self):
        ended = self._contract(date_end="2026-05-31")
        renewing = self._contract(
            partner_id=self.other_customer.id,
            date_end="2026-05-31",
            auto_renew=True,
            renewal_months=12,
        )
        (ended | renewing).action_activate()
        customer3 = self.env["res.partner"].create(
            {"name": "Initech Test", "is_company": True}
        )
        suspended = self._contract(partner_id=customer3.id, date_end="2026-05-15")
        suspended.action_activate()
        suspended.action_suspend()
        draft = self._contract(date_end="2026-05-31")
        running = self._contract(
            partner_id=self.env["res.partner"]
            .create({"name": "Hooli Test", "is_company": True})
            .id,
            date_end="2026-06-30",
        )
        running.action_activate()
        Contract = self.env["support.contract"]
        with freeze_time("2026-05-31"):
            Contract._cron_expire_and_renew()
        self.assertEqual(ended.state, "active", "still running on its last day")
        with freeze_time("2026-06-01"):
            Contract._cron_expire_and_renew()
        self.assertEqual(ended.state, "expired")
        self.assertEqual(suspended.state, "expired")
        self.assertEqual(draft.state, "draft")
        self.assertEqual(running.state, "active")
        self.assertEqual(renewing.state, "active")
        self.assertEqual(renewing.date_end, date(2027, 5, 31))
        self.assertTrue(
            renewing.message_ids.filtered(lambda m: "Renewed until" in m.body)
        )
        self.assertTrue(ended.message_ids.filtered(lambda m: "Expired" in m.body))
        # a job that did not run for two years catches up
        with freeze_time("2029-01-10"):
            Contract._cron_expire_and_renew()
        self.assertEqual(renewing.date_end, date(2029, 5, 31))
        self.assertEqual(renewing.state, "active")

    def test_cron_is_scheduled_daily(self):
        cron = self.env.ref("support_contract.ir_cron_contract_expire_renew")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertTrue(cron.active)


@tagged("post_install", "-at_install")
class TestSupportPortalAccess(SupportContractCommon):
    """C6: key users get portal logins."""

    def test_grant_portal_access(self):
        colleague = self.env["res.partner"].create(
            {
                "name": "Carol Acme",
                "parent_id": self.customer.id,
                "email": "carol@acme.test",
            }
        )
        contract = self._contract(
            key_user_ids=[Command.set((self.contact | colleague).ids)]
        )
        action = contract.with_user(self.manager).action_grant_portal_access()
        self.assertEqual(action["tag"], "display_notification")
        users = (self.contact | colleague).with_context(active_test=False).user_ids
        self.assertEqual(len(users), 2)
        portal = self.env.ref("base.group_portal")
        for user in users:
            self.assertTrue(user.share)
            self.assertIn(portal, user.group_ids)
            self.assertEqual(user.login, user.partner_id.email)
        # granting again creates nothing new
        contract.with_user(self.manager).action_grant_portal_access()
        self.assertEqual(
            len((self.contact | colleague).with_context(active_test=False).user_ids),
            2,
        )
        self.assertTrue(
            contract.message_ids.filtered(lambda m: "Portal access" in m.body)
        )

    def test_grant_portal_access_refusals(self):
        no_email = self.env["res.partner"].create(
            {"name": "Dan Acme", "parent_id": self.customer.id}
        )
        contract = self._contract(key_user_ids=[Command.set(no_email.ids)])
        with self.assertRefused(UserError, "has no email address"):
            contract.with_user(self.manager).action_grant_portal_access()
        self.assertFalse(no_email.with_context(active_test=False).user_ids)
        # an agent cannot hand out logins
        contract.key_user_ids = self.contact
        with self.assertRaises(AccessError):
            contract.with_user(self.agent).action_grant_portal_access()
        self.assertFalse(self.contact.with_context(active_test=False).user_ids)
        # a login already taken by someone else
        self.contact.email = self.agent.login
        with self.assertRefused(UserError, "already used"):
            contract.with_user(self.manager).action_grant_portal_access()
