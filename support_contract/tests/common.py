from contextlib import contextmanager
from datetime import date

from odoo import Command, fields

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user


class SupportContractCommon(BaseCommon):
    """Plans, add-ons, customers and users of a small provider, built by the tests
    themselves (never from demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls._build_support_plans()
        cls.customer, cls.contact = cls._support_customer(
            "Acme Test", "Alice Acme", "alice@acme.test"
        )
        cls.other_customer, cls.other_contact = cls._support_customer(
            "Globex Test", "Bob Globex", "bob@globex.test"
        )
        cls.agent = cls._support_user("t_agent", "support_contract.group_support_agent")
        cls.manager = cls._support_user(
            "t_manager", "support_contract.group_support_manager"
        )
        cls.admin = cls._support_user("t_admin", "support_contract.group_support_admin")
        cls._build_second_provider()
        cls.internal = cls._support_user("t_internal")

    @classmethod
    def _build_support_plans(cls):
        """Two calendars, the Basic and Light plans and three add-ons."""
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Business days 08:00-17:00", "tz": "Europe/Paris"}
        )
        cls.evening = cls.env["resource.calendar"].create(
            {"name": "Extended 07:00-23:00", "tz": "Europe/Paris"}
        )
        Plan = cls.env["support.plan"]
        cls.plan_basic = Plan.create(
            {
                "name": "Test Basic",
                "monthly_fee": 0,
                "hourly_rate": 100,
                "billing_mode": "on_demand",
                "allow_addons": False,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.plan_light = Plan.create(
            {
                "name": "Test Light",
                "monthly_fee": 250,
                "hourly_rate": 120,
                "resource_calendar_id": cls.calendar.id,
                "allow_reserved_hours": True,
                "has_response_sla": True,
                "has_hotline": True,
                "has_monitoring": True,
                "users_min": 1,
                "users_max": 50,
                "code_lines_min": 0,
                "code_lines_max": 5000,
            }
        )
        Addon = cls.env["support.addon"]
        cls.addon_extended = Addon.create(
            {
                "name": "Test Extended",
                "monthly_fee": 1000,
                "resource_calendar_id": cls.evening.id,
                "critical_only": True,
            }
        )
        cls.addon_365 = Addon.create({"name": "Test 365", "monthly_fee": 1500})
        cls.addon_bundle = Addon.create(
            {
                "name": "Test 365 + Extended",
                "monthly_fee": 2000,
                "exclusive_addon_ids": [Command.link(cls.addon_365.id)],
            }
        )

    @classmethod
    def _build_second_provider(cls):
        """A second provider (multi-company isolation) with a plan, a customer,
        a draft contract and a manager of its own."""
        Plan = cls.env["support.plan"]
        Partner = cls.env["res.partner"]
        cls.company_b = cls.env["res.company"].create({"name": "Nordic Test AB"})
        cls.calendar_b = cls.env["resource.calendar"].create(
            {
                "name": "Stockholm business days",
                "tz": "Europe/Stockholm",
                "company_id": cls.company_b.id,
            }
        )
        cls.plan_b = Plan.create(
            {
                "name": "Test Patch B",
                "plan_kind": "agreement",
                "monthly_fee": 495,
                "company_id": cls.company_b.id,
                "resource_calendar_id": cls.calendar_b.id,
            }
        )
        cls.customer_b = Partner.create(
            {
                "name": "Fjord Test AB",
                "is_company": True,
                "company_id": cls.company_b.id,
            }
        )
        cls.contract_b = cls.env["support.contract"].create(
            {
                "partner_id": cls.customer_b.id,
                "plan_id": cls.plan_b.id,
                "company_id": cls.company_b.id,
                "date_start": "2026-01-01",
            }
        )
        cls.manager_b = cls._support_user(
            "t_manager_b",
            "support_contract.group_support_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    @classmethod
    def _support_customer(cls, name, contact_name, email, **vals):
        """A customer company and one contact of it with an email address."""
        Partner = cls.env["res.partner"]
        customer = Partner.create({"name": name, "is_company": True, **vals})
        contact = Partner.create(
            {"name": contact_name, "parent_id": customer.id, "email": email}
        )
        return customer, contact

    @classmethod
    def _support_user(cls, login, groups="", **values):
        """An internal user, in the support ``groups`` given (comma separated)."""
        return mail_new_test_user(
            cls.env,
            login=login,
            groups=",".join(filter(None, ["base.group_user", groups])),
            **values,
        )

    @classmethod
    def _contract(cls, **vals):
        values = {
            "partner_id": cls.customer.id,
            "plan_id": cls.plan_light.id,
            "user_count": 10,
            "code_lines": 1000,
            "date_start": "2026-01-01",
        }
        values.update(vals)
        return cls.env["support.contract"].create(values)

    def assertUnchanged(self, record, **expected):
        """The refused write left the record as it was (read back from the
        database, not from the cache)."""
        record.invalidate_recordset()
        for fname, value in expected.items():
            actual = record[fname]
            if hasattr(actual, "_name"):
                actual = actual.ids if len(actual) != 1 else actual.id
            if hasattr(value, "_name"):
                value = value.ids if len(value) != 1 else value.id
            if isinstance(value, str) and isinstance(actual, date):
                value = fields.Date.to_date(value)
            self.assertEqual(actual, value, f"{record}.{fname} changed")

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Odoo's ``assertRaises`` (in a savepoint, rolled back like a refused
        request) plus a check of the message the user reads."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), pattern)
