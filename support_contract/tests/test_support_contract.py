from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestSupportContract(SupportContractCommon):
    """Contracts (C2, C3, C4, C6, B1, B3)."""

    def test_number_from_sequence(self):
        first, second = (
            self._contract(),
            self._contract(partner_id=self.other_customer.id),
        )
        self.assertRegex(first.name, r"^SC/\d{4}/\d{4}$")
        self.assertNotEqual(first.name, second.name)
        self.assertEqual(first.copy().state, "draft")

    def test_state_buttons(self):
        """C2: draft -> active -> suspended -> active, cancel, back to draft."""
        contract = self._contract()
        self.assertEqual(contract.state, "draft")
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        contract.action_suspend()
        self.assertEqual(contract.state, "suspended")
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        contract.action_cancel()
        self.assertEqual(contract.state, "cancelled")
        contract.action_set_draft()
        self.assertEqual(contract.state, "draft")

    def test_invalid_transitions_refused(self):
        contract = self._contract()
        with self.assertRefused(UserError, "Only active contracts"):
            contract.action_suspend()
        with self.assertRefused(UserError, "Only cancelled contracts"):
            contract.action_set_draft()
        contract.action_cancel()
        with self.assertRefused(UserError, "cannot be activated"):
            contract.action_activate()
        with self.assertRefused(UserError, "cannot be cancelled"):
            contract.action_cancel()
        self.assertUnchanged(contract, state="cancelled")

    def test_delete_only_draft_or_cancelled(self):
        contract = self._contract()
        contract.action_activate()
        with self.assertRefused(UserError, "Only draft or cancelled"):
            contract.unlink()
        self.assertTrue(contract.exists())
        contract.action_cancel()
        contract.unlink()
        self.assertFalse(contract.exists())

    def test_activate_and_single_active_per_customer(self):
        """C2: at most one active contract per customer and company."""
        first = self._contract()
        first.action_activate()
        self.assertEqual(first.state, "active")
        second = self._contract()
        with self.assertRefused(ValidationError, "already has an active contract"):
            second.action_activate()
        self.assertUnchanged(second, state="draft")
        # writing the state directly is refused too
        with self.assertRefused(ValidationError, "already has an active contract"):
            second.write({"state": "active"})
        self.assertUnchanged(second, state="draft")
        # another customer may have its own active contract
        third = self._contract(partner_id=self.other_customer.id)
        third.action_activate()
        self.assertEqual(third.state, "active")

    def test_activating_two_at_once_refused(self):
        """C2: activating two contracts of one customer in one click is refused."""
        both = self._contract() | self._contract()
        with self.assertRefused(ValidationError, "already has an active contract"):
            both.action_activate()
        self.assertUnchanged(both[0], state="draft")
        self.assertUnchanged(both[1], state="draft")

    def test_range_blocks_activation_unless_manager_overrides(self):
        """C2: a count outside the plan's range blocks activation; a support
        manager may override with a reason, which is logged in the chatter."""
        contract = self._contract(user_count=80)
        self.assertIn("80 users", contract.range_issue)
        with self.assertRefused(UserError, "outside the plan's ranges") as refused:
            contract.action_activate()
        self.assertUnchanged(contract, state="draft")
        # the error names the button the manager finds on the contract
        arch = etree.fromstring(
            self.env["support.contract"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
        )
        wizard = self.env.ref(
            "support_contract.support_contract_override_wizard_action"
        )
        [button] = arch.xpath(f"//header/button[@name='{wizard.id}']")
        self.assertIn(f'"{button.get("string")}"', str(refused.exception))
        # an agent may not override
        with self.assertRefused(UserError, "Only a support manager"):
            contract.with_user(self.agent).write(
                {"range_override": True, "range_override_reason": "x"}
            )
        self.assertUnchanged(contract, range_override=False)
        # a reason is required
        with self.assertRefused(ValidationError, "needs a reason"):
            contract.with_user(self.manager).write({"range_override": True})
        self.assertUnchanged(contract, range_override=False)
        contract.with_user(self.manager).write(
            {"range_override": True, "range_override_reason": "Growing fast"}
        )
        logged = contract.message_ids.filtered(lambda m: "Growing fast" in m.body)
        self.assertEqual(len(logged), 1)
        self.assertIn(self.manager.name, logged.body)
        self.assertEqual(logged.author_id, self.manager.partner_id)
        contract.with_user(self.manager).action_activate()
        self.assertEqual(contract.state, "active")

    def test_code_lines_out_of_range(self):
        contract = self._contract(code_lines=6000)
        self.assertIn("6000 lines", contract.range_issue)
        contract.code_lines = 5000
        self.assertFalse(contract.range_issue)
        contract.action_activate()
        self.assertEqual(contract.state, "active")

    def test_reserved_hours_only_if_plan_allows(self):
        """B3: reserved hours only on plans allowing them."""
        with self.assertRefused(ValidationError, "does not allow reserving hours"):
            self._contract(plan_id=self.plan_basic.id, reserved_hours=5)
        contract = self._contract(reserved_hours=10)
        self.assertEqual(contract.reserved_hours, 10)
        with self.assertRefused(ValidationError, "does not allow reserving hours"):
            contract.write({"plan_id": self.plan_basic.id})
        self.assertUnchanged(contract, plan_id=self.plan_light, reserved_hours=10)
        with self.assertRefused(ValidationError, "cannot be negative"):
            contract.write({"reserved_hours": -1})
        self.assertUnchanged(contract, reserved_hours=10)

    def test_hourly_rate_defaults_from_plan(self):
        """B1: the hourly rate comes from the plan, may be changed, and follows a
        change of plan."""
        contract = self._contract()
        self.assertEqual(contract.hourly_rate, 120)
        custom = self._contract(partner_id=self.other_customer.id, hourly_rate=99)
        self.assertEqual(custom.hourly_rate, 99)
        with Form(self.env["support.contract"]) as form:
            form.partner_id = self.customer
            form.plan_id = self.plan_basic
            self.assertEqual(form.hourly_rate, 100)
            form.plan_id = self.plan_light
            self.assertEqual(form.hourly_rate, 120)
            form.hourly_rate = 130
        self.assertEqual(form.record.hourly_rate, 130)
        self.assertEqual(form.record.resource_calendar_id, self.calendar)

    def test_monthly_amount_with_dated_addon_lines(self):
        """C4/B5: the monthly amount is the plan fee plus the add-ons in force; an
        upgrade in the middle of the month applies from its date."""
        contract = self._contract(
            addon_line_ids=[
                Command.create(
                    {
                        "addon_id": self.addon_365.id,
                        "date_start": "2026-03-01",
                        "date_end": "2026-03-14",
                    }
                ),
                Command.create(
                    {"addon_id": self.addon_bundle.id, "date_start": "2026-03-15"}
                ),
            ]
        )
        for day, amount in (
            ("2026-02-20", 250),
            ("2026-03-10", 250 + 1500),
            ("2026-03-14", 250 + 1500),
            ("2026-03-15", 250 + 2000),
            ("2027-01-01", 250 + 2000),
        ):
            with freeze_time(day):
                contract.invalidate_recordset(["monthly_amount"])
                self.assertEqual(contract.monthly_amount, amount, day)
        self.assertEqual(
            contract._get_addon_lines_in_force("2026-03-10").addon_id, self.addon_365
        )

    def test_addon_line_defaults_to_a_later_contract_start(self):
        """An add-on added to a contract starting next month starts with the
        contract, not today; on a running contract it starts today."""
        with freeze_time("2026-03-10"):
            later = self._contract(date_start="2026-04-01")
            with Form(later) as form, form.addon_line_ids.new() as line:
                line.addon_id = self.addon_365
                self.assertEqual(str(line.date_start), "2026-04-01")
            running = self._contract(partner_id=self.other_customer.id)
            with Form(running) as form, form.addon_line_ids.new() as line:
                line.addon_id = self.addon_365
                self.assertEqual(str(line.date_start), "2026-03-10")

    def test_monthly_amount_change_is_logged(self):
        """A change of the monthly amount (an add-on, another plan) leaves a
        note with both amounts in the chatter."""
        with freeze_time("2026-03-10"):
            contract = self._contract()
            contract.write(
                {"addon_line_ids": [Command.create({"addon_id": self.addon_365.id})]}
            )
            self.assertEqual(contract.monthly_amount, 250 + 1500)
        notes = contract.message_ids.filtered(
            lambda m: "Monthly amount changed" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertIn("250.00", notes.body)
        self.assertIn("1,750.00", notes.body)

    def test_key_users_must_belong_to_the_customer(self):
        """C6: a key user from another company is refused."""
        contract = self._contract(key_user_ids=[Command.set(self.contact.ids)])
        with self.assertRefused(ValidationError, "Key users must be contacts"):
            contract.write({"key_user_ids": [Command.link(self.other_contact.id)]})
        self.assertUnchanged(contract, key_user_ids=self.contact)
        with self.assertRefused(ValidationError, "Key users must be contacts"):
            self._contract(
                partner_id=self.other_customer.id,
                key_user_ids=[Command.set(self.contact.ids)],
            )
        # changing the customer under its key users is refused too
        with self.assertRefused(ValidationError, "Key users must be contacts"):
            contract.write({"partner_id": self.other_customer.id})
        self.assertUnchanged(contract, partner_id=self.customer)

    def test_end_before_start_refused(self):
        with self.assertRefused(ValidationError, "ends before it starts"):
            self._contract(date_end="2025-12-31")
        contract = self._contract(date_end="2026-12-31")
        with self.assertRefused(ValidationError, "ends before it starts"):
            contract.write({"date_end": "2025-06-30"})
        self.assertUnchanged(contract, date_end="2026-12-31")
        with self.assertRefused(ValidationError, "ends before it starts"):
            contract.write({"date_start": "2027-01-01"})
        self.assertUnchanged(contract, date_start="2026-01-01")

    def test_availability_calendars(self):
        """C4/L2: add-on windows extend availability for critical tickets only,
        and only while the add-on is in force."""
        contract = self._contract(
            addon_line_ids=[
                Command.create(
                    {
                        "addon_id": self.addon_extended.id,
                        "date_start": "2026-03-01",
                        "date_end": "2026-06-30",
                    }
                )
            ]
        )
        self.assertEqual(
            contract._get_availability_calendars(critical=False, moment="2026-04-01"),
            self.calendar,
        )
        self.assertEqual(
            contract._get_availability_calendars(critical=True, moment="2026-04-01"),
            self.calendar | self.evening,
        )
        self.assertEqual(
            contract._get_availability_calendars(critical=True, moment="2026-07-01"),
            self.calendar,
        )
        # an add-on that is not critical-only extends every ticket's availability
        self.addon_extended.critical_only = False
        self.assertEqual(
            contract._get_availability_calendars(moment="2026-04-01"),
            self.calendar | self.evening,
        )
        with freeze_time("2026-04-01"):
            self.assertEqual(
                contract._get_availability_calendars(critical=True),
                self.calendar | self.evening,
            )
        self.assertIn("Europe/Paris", contract._describe_availability())


@tagged("post_install", "-at_install")
class TestSupportContractPartner(SupportContractCommon):
    """The contract seen from the customer's contacts (C2)."""

    def test_partner_contract_lookup(self):
        """C2: ``_get_support_contract`` gives the active contract of a contact's
        company, at a date; ``is_support_key_user`` follows the contract."""
        contract = self._contract(
            date_end="2026-12-31", key_user_ids=[Command.set(self.contact.ids)]
        )
        self.assertFalse(self.contact._get_support_contract("2026-06-01"))
        self.assertFalse(self.contact.is_support_key_user)
        contract.action_activate()
        self.assertEqual(self.contact._get_support_contract("2026-06-01"), contract)
        self.assertEqual(self.customer._get_support_contract("2026-06-01"), contract)
        self.assertFalse(self.contact._get_support_contract("2027-01-01"))
        self.assertFalse(self.other_contact._get_support_contract("2026-06-01"))
        self.assertTrue(self.contact.is_support_key_user)
        Partner = self.env["res.partner"]
        self.assertIn(
            self.contact, Partner.search([("is_support_key_user", "=", True)])
        )
        self.assertNotIn(
            self.contact, Partner.search([("is_support_key_user", "=", False)])
        )
        self.assertEqual(self.customer.support_contract_count, 1)
        action = self.contact.action_view_support_contracts()
        self.assertEqual(action["domain"], [("partner_id", "=", self.customer.id)])


@tagged("post_install", "-at_install")
class TestSupportContractForm(SupportContractCommon):
    """What the contract form offers: the override wizard and smart buttons."""

    def test_override_wizard(self):
        """C2: a manager accepts out-of-range sizing with a reason, logged."""
        contract = self._contract(user_count=80)
        Wizard = self.env["support.contract.override.wizard"]
        ctx = {"active_model": "support.contract", "active_id": contract.id}
        with Form(Wizard.with_user(self.manager).with_context(**ctx)) as form:
            self.assertIn("80 users", form.range_issue)
            form.reason = "  Pilot with the whole sales team  "
        form.record.action_confirm()
        self.assertTrue(contract.range_override)
        self.assertEqual(
            contract.range_override_reason, "Pilot with the whole sales team"
        )
        self.assertTrue(
            contract.message_ids.filtered(lambda m: "Pilot with the whole" in m.body)
        )
        contract.with_user(self.manager).action_activate()
        self.assertEqual(contract.state, "active")

    def test_override_wizard_refusals(self):
        contract = self._contract(user_count=80)
        Wizard = self.env["support.contract.override.wizard"]
        wizard = Wizard.with_user(self.manager).create(
            {"contract_id": contract.id, "reason": "   "}
        )
        with self.assertRefused(UserError, "needs a reason"):
            wizard.action_confirm()
        self.assertUnchanged(contract, range_override=False)
        with self.assertRaises(AccessError):
            Wizard.with_user(self.agent).create(
                {"contract_id": contract.id, "reason": "Agent says so"}
            )
        self.assertUnchanged(contract, range_override=False)

    def test_smart_buttons(self):
        colleague = self.env["res.partner"].create(
            {"name": "Carol Acme", "parent_id": self.customer.id}
        )
        contract = self._contract(
            key_user_ids=[Command.set((self.contact | colleague).ids)]
        )
        self._contract(date_start="2025-01-01", date_end="2025-12-31")
        self.assertEqual(contract.key_user_count, 2)
        action = contract.action_view_key_users()
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]), self.contact | colleague
        )
        self.assertEqual(action["context"]["default_parent_id"], self.customer.id)
        self.assertEqual(contract.customer_contract_count, 2)
        action = contract.action_view_customer_contracts()
        self.assertEqual(
            self.env["support.contract"].search(action["domain"]).partner_id,
            self.customer,
        )
