from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo tells a consistent story: the tiers of C1 and the add-ons of C4 as
    DOMAIN.md states them, the agreements of C3, contracts in every state. Other
    addons' demo data refer to these records."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("support_contract.plan_light", raise_if_not_found=False):
            self.skipTest("installed without demo data")

    def ref(self, xmlid):
        return self.env.ref(f"support_contract.{xmlid}")

    def test_tiers_as_in_c1(self):
        expected = {
            # fee, users, code lines, reserve/SLA/monitoring/hotline, add-ons
            "plan_basic": (0, (0, 0), (0, 0), False, False),
            "plan_light": (250, (1, 50), (0, 5000), True, True),
            "plan_medium": (500, (1, 100), (5000, 20000), True, True),
            "plan_heavy": (750, (1, 250), (20000, 50000), True, True),
        }
        paris = self.env.ref("base.main_company")
        for xmlid, (fee, users, lines, features, addons) in expected.items():
            plan = self.ref(xmlid)
            self.assertEqual(plan.company_id, paris)
            self.assertEqual(plan.currency_id, self.env.ref("base.EUR"))
            self.assertEqual(plan.monthly_fee, fee, xmlid)
            self.assertEqual((plan.users_min, plan.users_max), users, xmlid)
            self.assertEqual((plan.code_lines_min, plan.code_lines_max), lines, xmlid)
            flags = (
                plan.allow_reserved_hours,
                plan.has_response_sla,
                plan.has_monitoring,
                plan.has_hotline,
            )
            self.assertEqual(flags, (features,) * 4, xmlid)
            self.assertEqual(plan.allow_addons, addons, xmlid)
            self.assertEqual(plan.resource_calendar_id.tz, "Europe/Paris")
        basic = self.ref("plan_basic").resource_calendar_id
        light = self.ref("plan_light").resource_calendar_id
        self.assertEqual(
            set(basic.attendance_ids.mapped(lambda a: (a.hour_from, a.hour_to))),
            {(9.0, 17.0)},
        )
        self.assertEqual(
            set(light.attendance_ids.mapped(lambda a: (a.hour_from, a.hour_to))),
            {(8.0, 17.0)},
        )
        self.assertEqual(
            sorted(set(light.attendance_ids.mapped("dayofweek"))), list("01234")
        )

    def test_providers_currencies(self):
        """Issue 12: EUR in Paris, SEK in Stockholm, on every plan, add-on and
        contract of each (with or without an accounting localisation)."""
        for company_xmlid, currency in (
            ("base.main_company", "base.EUR"),
            ("support_contract.company_stockholm_demo", "base.SEK"),
        ):
            company = self.env.ref(company_xmlid)
            currency = self.env.ref(currency)
            self.assertEqual(company.currency_id, currency)
            domain = [("company_id", "=", company.id)]
            for model in ("support.plan", "support.contract"):
                records = self.env[model].with_context(active_test=False).search(domain)
                self.assertEqual(records.currency_id, currency, model)
        addons = self.env["support.addon"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertEqual(addons.currency_id, self.env.ref("base.EUR"))

    def test_addons_as_in_c4(self):
        extended, a365, bundle = (
            self.ref("addon_extended"),
            self.ref("addon_365"),
            self.ref("addon_365_extended"),
        )
        self.assertEqual(
            (extended.monthly_fee, a365.monthly_fee, bundle.monthly_fee),
            (1000, 1500, 2000),
        )
        self.assertTrue(all((extended | a365 | bundle).mapped("critical_only")))
        self.assertIn(a365, bundle.exclusive_addon_ids)
        self.assertTrue(a365.covers_public_holidays)
        self.assertFalse(a365.resource_calendar_id.global_leave_ids)
        saturday = a365.resource_calendar_id.attendance_ids.filtered(
            lambda a: a.dayofweek == "5"
        )
        self.assertEqual((saturday.hour_from, saturday.hour_to), (8.0, 17.0))
        # the bundle: weekends 07:00-23:00 (C4), Extended and 365 its parts
        self.assertEqual(bundle.bundle_component_ids, extended | a365)
        for day in ("5", "6"):
            weekend = bundle.resource_calendar_id.attendance_ids.filtered(
                lambda a, day=day: a.dayofweek == day
            )
            self.assertEqual((weekend.hour_from, weekend.hour_to), (7.0, 23.0))

    def test_public_holidays_2026(self):
        paris = self.ref("plan_light").resource_calendar_id
        days = {leave.date_from.date().isoformat() for leave in paris.global_leave_ids}
        # Bastille Day; Easter Monday (the leave starts at local midnight, UTC+2)
        self.assertIn("2026-07-13", days)
        self.assertIn("2026-04-05", days)
        bastille = paris.global_leave_ids.filtered(
            lambda leave: leave.name == "Bastille Day" and leave.date_from.year == 2026
        )
        # no working hours on the holiday
        self.assertEqual(
            paris.get_work_hours_count(
                bastille.date_from, bastille.date_to, compute_leaves=True
            ),
            0,
        )
        stockholm = self.ref("plan_se_patch").resource_calendar_id
        self.assertEqual(stockholm.tz, "Europe/Stockholm")
        self.assertTrue(
            stockholm.global_leave_ids.filtered(
                lambda leave: "Midsommarafton" in leave.name
            )
        )

    def test_agreements_as_in_c3(self):
        patch, maintenance = self.ref("plan_se_patch"), self.ref("plan_se_maintenance")
        self.assertEqual(patch.monthly_fee, 495)
        self.assertEqual(patch.currency_id, self.env.ref("base.SEK"))
        self.assertEqual(maintenance.required_plan_id, patch)
        self.assertEqual(self.ref("plan_se_on_demand").billing_mode, "on_demand")
        self.assertEqual(
            self.ref("contract_fjallbacka_maintenance")._get_required_contract(),
            self.ref("contract_fjallbacka_patch"),
        )

    def test_contracts_in_every_state(self):
        Contract = self.env["support.contract"]
        for company in (
            self.env.ref("base.main_company"),
            self.ref("company_stockholm_demo"),
        ):
            states = set(
                Contract.search([("company_id", "=", company.id)]).mapped("state")
            )
            self.assertEqual(
                states, {"draft", "active", "suspended", "expired", "cancelled"}
            )
            customers = Contract.search([("company_id", "=", company.id)]).partner_id
            self.assertGreaterEqual(len(customers), 6)

    def test_demo_users(self):
        agent = self.ref("user_agent_demo")
        self.assertEqual(agent.login, "agent")
        self.assertTrue(agent.has_group("support_contract.group_support_agent"))
        self.assertFalse(agent.has_group("support_contract.group_support_manager"))
        manager = self.ref("user_manager_demo")
        self.assertTrue(manager.has_group("support_contract.group_support_manager"))
        self.assertFalse(manager.has_group("support_contract.group_support_admin"))
        keyuser = self.ref("user_keyuser_demo")
        self.assertTrue(keyuser.share)
        self.assertTrue(keyuser.partner_id.is_support_key_user)
        contract = keyuser.partner_id._get_support_contract()
        self.assertEqual(contract, self.ref("contract_maison_lumiere"))
        self.assertEqual(contract.plan_id, self.ref("plan_medium"))
        self.assertEqual(
            contract.with_user(keyuser).search([]), contract, "P2: own contract only"
        )
