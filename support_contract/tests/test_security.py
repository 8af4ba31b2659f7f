from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestSupportAccess(SupportContractCommon):
    """What each group may and may not do (agent, manager, administrator)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract(
            addon_line_ids=[
                Command.create(
                    {"addon_id": cls.addon_extended.id, "date_start": "2026-01-01"}
                )
            ]
        )
        cls.item = cls.env["support.scope.item"].create({"name": "Test item"})

    def test_agent_reads_but_cannot_write(self):
        contract = self.contract.with_user(self.agent)
        self.assertEqual(contract.read(["state"])[0]["state"], "draft")
        self.assertIn(self.contract, contract.search([]))
        self.assertEqual(self.plan_light.with_user(self.agent).monthly_fee, 250)
        self.assertEqual(
            self.contract.addon_line_ids.with_user(self.agent).addon_id,
            self.contract.addon_line_ids.addon_id,
        )
        with self.assertRaises(AccessError):
            contract.write({"user_count": 12})
        with self.assertRaises(AccessError):
            contract.action_activate()
        with self.assertRaises(AccessError):
            contract.unlink()
        with self.assertRaises(AccessError):
            self.env["support.contract"].with_user(self.agent).create(
                {"partner_id": self.other_customer.id, "plan_id": self.plan_light.id}
            )
        with self.assertRaises(AccessError):
            self.contract.addon_line_ids.with_user(self.agent).write(
                {"date_end": "2026-01-31"}
            )
        with self.assertRaises(AccessError):
            self.plan_light.with_user(self.agent).write({"monthly_fee": 1})
        with self.assertRaises(AccessError):
            self.addon_365.with_user(self.agent).write({"monthly_fee": 1})
        with self.assertRaises(AccessError):
            self.item.with_user(self.agent).write({"name": "Changed"})
        self.assertUnchanged(self.contract, state="draft", user_count=10)
        self.assertUnchanged(self.contract.addon_line_ids, date_end=False)
        self.assertUnchanged(self.plan_light, monthly_fee=250)
        self.assertUnchanged(self.addon_365, monthly_fee=1500)
        self.assertUnchanged(self.item, name="Test item")

    def test_manager_writes_contracts_but_not_plans(self):
        Contract = self.env["support.contract"].with_user(self.manager)
        new = Contract.create(
            {"partner_id": self.other_customer.id, "plan_id": self.plan_light.id}
        )
        new.write({"user_count": 20, "date_end": "2027-12-31"})
        new.action_activate()
        self.assertEqual(new.state, "active")
        self.env["support.contract.addon.line"].with_user(self.manager).create(
            {
                "contract_id": new.id,
                "addon_id": self.addon_365.id,
                "date_start": "2026-02-01",
            }
        )
        self.assertEqual(new.monthly_amount, 250 + 1500)
        with self.assertRaises(AccessError):
            self.contract.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            self.plan_light.with_user(self.manager).write({"monthly_fee": 1})
        with self.assertRaises(AccessError):
            self.env["support.plan"].with_user(self.manager).create(
                {"name": "Sneaky", "resource_calendar_id": self.calendar.id}
            )
        with self.assertRaises(AccessError):
            self.addon_365.with_user(self.manager).write({"monthly_fee": 1})
        with self.assertRaises(AccessError):
            self.env["support.scope.item"].with_user(self.manager).create(
                {"name": "Sneaky"}
            )
        with self.assertRaises(AccessError):
            self.env["support.scope.coverage"].with_user(self.manager).create(
                {"scope_item_id": self.item.id, "plan_id": self.plan_light.id}
            )
        self.assertTrue(self.contract.exists())
        self.assertUnchanged(self.plan_light, monthly_fee=250)
        self.assertUnchanged(self.addon_365, monthly_fee=1500)
        self.assertFalse(self.item.coverage_ids)

    def test_admin_configures_plans(self):
        plan = self.plan_light.with_user(self.admin)
        plan.write({"monthly_fee": 275})
        self.assertEqual(self.plan_light.monthly_fee, 275)
        addon = (
            self.env["support.addon"]
            .with_user(self.admin)
            .create({"name": "Test Night shift", "monthly_fee": 300})
        )
        self.env["support.scope.coverage"].with_user(self.admin).create(
            {"scope_item_id": self.item.id, "plan_id": self.plan_light.id}
        )
        self.assertEqual(self.plan_light._get_coverage(self.item), "included")
        calendar = (
            self.env["resource.calendar"]
            .with_user(self.admin)
            .create({"name": "Test weekends", "tz": "Europe/Paris"})
        )
        self.assertTrue(calendar.attendance_ids)
        with self.assertRaises(AccessError):
            self.env["resource.calendar"].with_user(self.manager).create(
                {"name": "Test nights"}
            )
        addon.with_user(self.admin).unlink()
        self.contract.with_user(self.admin).unlink()
        self.assertFalse(self.contract.exists())

    def test_views_open_for_each_group(self):
        """Every support user can open the screens; the form creates a contract."""
        views = [(False, "list"), (False, "kanban"), (False, "form"), (False, "search")]
        for user in (self.agent, self.manager, self.admin):
            for model in ("support.contract", "support.plan"):
                result = self.env[model].with_user(user).get_views(views)
                self.assertIn("form", result["views"])
        with Form(self.env["support.contract"].with_user(self.manager)) as form:
            form.partner_id = self.other_customer
            form.plan_id = self.plan_light
            form.user_count = 5
        self.assertEqual(form.record.state, "draft")
        self.assertEqual(form.record.hourly_rate, 120)

    def test_internal_user_without_support_group_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.contract.with_user(self.internal).read(["name"])
        with self.assertRaises(AccessError):
            self.plan_light.with_user(self.internal).read(["name"])
        # the partner form still opens: the contract count is simply zero
        self.assertEqual(
            self.customer.with_user(self.internal).support_contract_count, 0
        )


@tagged("post_install", "-at_install")
class TestSupportMultiCompany(SupportContractCommon):
    """Each provider sees only its own plans and contracts."""

    def test_company_isolation(self):
        contract_a = self._contract()
        Contract = self.env["support.contract"]
        seen_by_a = Contract.with_user(self.manager).search([])
        self.assertIn(contract_a, seen_by_a)
        self.assertNotIn(self.contract_b, seen_by_a)
        seen_by_b = Contract.with_user(self.manager_b).search([])
        self.assertIn(self.contract_b, seen_by_b)
        self.assertNotIn(contract_a, seen_by_b)
        with self.assertRaises(AccessError):
            self.contract_b.with_user(self.manager).read(["name"])
        with self.assertRaises(AccessError):
            contract_a.with_user(self.manager_b).write({"user_count": 99})
        self.assertUnchanged(contract_a, user_count=10)
        plans_a = self.env["support.plan"].with_user(self.manager).search([])
        self.assertIn(self.plan_light, plans_a)
        self.assertNotIn(self.plan_b, plans_a)
        plans_b = self.env["support.plan"].with_user(self.manager_b).search([])
        self.assertEqual(plans_b, self.plan_b)
        self.assertFalse(self.env["support.addon"].with_user(self.manager_b).search([]))

    def test_contract_cannot_use_another_company_plan(self):
        with self.assertRaises(UserError):
            self._contract(plan_id=self.plan_b.id)
        with self.assertRaises(UserError):
            self.contract_b.write({"plan_id": self.plan_light.id})
        self.assertUnchanged(self.contract_b, plan_id=self.plan_b)

    def test_same_customer_active_in_two_companies(self):
        """C2: the single-active rule is per customer and company."""
        shared = self.env["res.partner"].create(
            {"name": "Shared Test", "is_company": True}
        )
        self._contract(partner_id=shared.id).action_activate()
        other = self.env["support.contract"].create(
            {
                "partner_id": shared.id,
                "plan_id": self.plan_b.id,
                "company_id": self.company_b.id,
            }
        )
        other.action_activate()
        self.assertEqual(other.state, "active")


@tagged("post_install", "-at_install")
class TestSupportPortalRule(SupportContractCommon):
    """P2: a portal user reads only their own company's contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = mail_new_test_user(
            cls.env,
            login="t_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.own = cls._contract(
            addon_line_ids=[
                Command.create(
                    {"addon_id": cls.addon_extended.id, "date_start": "2026-01-01"}
                )
            ]
        )
        cls.foreign = cls._contract(
            partner_id=cls.other_customer.id,
            addon_line_ids=[
                Command.create(
                    {"addon_id": cls.addon_extended.id, "date_start": "2026-01-01"}
                )
            ],
        )

    def test_portal_reads_own_company_contract_only(self):
        Contract = self.env["support.contract"].with_user(self.portal_user)
        self.assertEqual(Contract.search([]), self.own)
        self.assertEqual(self.own.with_user(self.portal_user).plan_id, self.plan_light)
        self.assertEqual(
            self.own.with_user(self.portal_user).addon_line_ids.addon_id,
            self.addon_extended,
        )
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.portal_user).read(["name"])
        with self.assertRaises(AccessError):
            self.foreign.addon_line_ids.with_user(self.portal_user).read(["addon_id"])
        with self.assertRaises(AccessError):
            self.own.with_user(self.portal_user).write({"user_count": 1})
        with self.assertRaises(AccessError):
            Contract.create(
                {"partner_id": self.customer.id, "plan_id": self.plan_light.id}
            )
        self.assertUnchanged(self.own, user_count=10)
