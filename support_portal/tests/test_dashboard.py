"""Provider dashboard (issue 7): open tickets by priority and age, SLAs at
risk and breached, hours running out, contracts expiring, last month's
compliance; managers only."""

import datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

D = datetime.date
DT = datetime.datetime


@freeze_time("2026-04-15 10:00:00")
class TestProviderDashboard(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # only the records of this test count
        env["support.ticket"].search([]).write({"active": False})
        env["support.contract"].search([("state", "=", "active")]).write(
            {"state": "suspended"}
        )
        env["support.sla.policy"].search([]).write({"active": False})
        env.company.write(
            {"support_hours_warning": 5.0, "support_expiry_warning_days": 60}
        )
        cls._setup_dashboard_contracts()
        cls._setup_dashboard_hours()
        cls._setup_dashboard_tickets()
        cls._setup_dashboard_clocks()
        cls.manager = mail_new_test_user(
            env,
            login="dash_manager",
            groups="base.group_user,support_contract.group_support_manager",
        )
        cls.agent = mail_new_test_user(
            env,
            login="dash_agent",
            groups="base.group_user,support_contract.group_support_agent",
        )

    @classmethod
    def _setup_dashboard_contracts(cls):
        """Three active contracts: two reserving 10 hours, one ending on
        2026-05-31 (within the 60 days of the expiry warning)."""
        calendar = cls.env["resource.calendar"].create(
            {"name": "Dashboard hours", "tz": "Europe/Paris"}
        )
        plan = cls.env["support.plan"].create(
            {
                "name": "Dashboard Tier",
                "monthly_fee": 250,
                "hourly_rate": 100,
                "resource_calendar_id": calendar.id,
                "allow_reserved_hours": True,
            }
        )
        Partner = cls.env["res.partner"]
        cls.low = Partner.create({"name": "Low Hours Co", "is_company": True})
        cls.rich = Partner.create({"name": "Rich Hours Co", "is_company": True})
        cls.ending = Partner.create({"name": "Ending Co", "is_company": True})
        Contract = cls.env["support.contract"]
        cls.low_contract, cls.rich_contract, cls.ending_contract = (
            Contract.create(
                {"partner_id": partner.id, "plan_id": plan.id, **vals},
            )
            for partner, vals in (
                (cls.low, {"date_start": "2026-01-01", "reserved_hours": 10}),
                (cls.rich, {"date_start": "2026-01-01", "reserved_hours": 10}),
                (cls.ending, {"date_start": "2025-06-01", "date_end": "2026-05-31"}),
            )
        )
        (cls.low_contract | cls.rich_contract | cls.ending_contract).write(
            {"state": "active"}
        )

    @classmethod
    def _setup_dashboard_hours(cls):
        """April: 10 reserved hours each; 8 used by Low (2 left), 1 by Rich."""
        Ledger = cls.env["support.hours.ledger"].sudo()
        for contract, debit in ((cls.low_contract, 8), (cls.rich_contract, 1)):
            Ledger.create(
                {
                    "name": "Reserved April",
                    "contract_id": contract.id,
                    "entry_type": "credit",
                    "source": "reserved",
                    "hours": 10,
                    "date": D(2026, 4, 1),
                    "period_start": D(2026, 4, 1),
                }
            )
            Ledger.create(
                {
                    "name": "Work",
                    "contract_id": contract.id,
                    "entry_type": "debit",
                    "source": "manual",
                    "hours": debit,
                    "date": D(2026, 4, 10),
                }
            )

    @classmethod
    def _setup_dashboard_tickets(cls):
        """Three open tickets of Low Hours Co, 0.2, 2 and 40 days old."""
        env = cls.env
        contact = env["res.partner"].create(
            {"name": "Lou Low", "parent_id": cls.low.id}
        )

        def ticket(name, impact, urgency, age_days):
            rec = env["support.ticket"].create(
                {
                    "name": name,
                    "partner_id": contact.id,
                    "contract_id": cls.low_contract.id,
                    "impact": impact,
                    "urgency": urgency,
                }
            )
            env.flush_all()
            env.cr.execute(
                "UPDATE support_ticket SET create_date = %s WHERE id = %s",
                (DT(2026, 4, 15, 10) - datetime.timedelta(days=age_days), rec.id),
            )
            return rec

        cls.critical = ticket("Down", "system", "high", 0.2)
        cls.high = ticket("Slow", "multiple", "high", 2)
        cls.old = ticket("Old question", "single", "low", 40)
        env["support.ticket"].invalidate_model()

    @classmethod
    def _setup_dashboard_clocks(cls):
        """Critical: warned (at risk); High: breached; Old: three met clocks,
        two of them in March."""
        Sla = cls.env["support.ticket.sla"].sudo()

        def clock(tkt, state, when, warned=False):
            vals = {
                "ticket_id": tkt.id,
                "company_id": tkt.company_id.id,
                "target_type": "response",
                "contract_id": cls.low_contract.id,
                "priority": tkt.priority,
                "date_start": DT(2026, 3, 1),
                "state": state,
                "warned": warned,
                "deadline": when,
            }
            if state == "met":
                vals["date_reached"] = when
            if state == "breached":
                vals["breach_date"] = when
            return Sla.create(vals)

        clock(cls.critical, "running", DT(2026, 4, 15, 12), warned=True)
        clock(cls.high, "breached", DT(2026, 3, 20))
        clock(cls.old, "met", DT(2026, 3, 10))
        clock(cls.old, "met", DT(2026, 3, 11))
        clock(cls.old, "met", DT(2026, 2, 11))

    def dashboard(self):
        action = (
            self.env["support.provider.dashboard"]
            .with_user(self.manager)
            .action_open_dashboard()
        )
        return (
            self.env["support.provider.dashboard"]
            .with_user(self.manager)
            .browse(action["res_id"])
        )

    def test_open_tickets_by_priority_and_age(self):
        Dashboard = self.env["support.provider.dashboard"]
        tickets, by_priority, by_age = Dashboard._tickets_by_priority_and_age()
        self.assertEqual(tickets, self.critical | self.high | self.old)
        self.assertEqual(dict(by_priority), {"3": 1, "2": 1, "0": 1})
        self.assertEqual(dict(by_age), {"< 1 d": 1, "1-3 d": 1, "> 30 d": 1})
        dash = self.dashboard()
        self.assertEqual(dash.open_count, 3)
        self.assertIn("data:image/svg+xml;base64,", dash.tickets_html)

    def test_sla_at_risk_and_breached(self):
        dash = self.dashboard()
        self.assertEqual((dash.at_risk_count, dash.breached_count), (1, 1))
        action = dash.action_view_breached()
        self.assertEqual(self.env["support.ticket"].search(action["domain"]), self.high)
        action = dash.action_view_at_risk()
        self.assertEqual(
            self.env["support.ticket"].search(action["domain"]), self.critical
        )

    def test_hours_about_to_run_out(self):
        """Low Hours Co has 2 h left (< 5 h), Rich Hours Co 9 h."""
        low = self.env["support.provider.dashboard"]._low_hours_contracts()
        self.assertEqual([(c, b) for c, b in low], [(self.low_contract, 2.0)])
        dash = self.dashboard()
        self.assertEqual(dash.hours_low_count, 1)
        self.assertIn("Low Hours Co", dash.hours_html)
        self.assertNotIn("Rich Hours Co", dash.hours_html)
        action = dash.action_view_hours_low()
        self.assertEqual(action["domain"], [("id", "in", self.low_contract.ids)])

    def test_contracts_expiring(self):
        dash = self.dashboard()
        self.assertEqual(dash.expiring_count, 1)
        self.assertIn("Ending Co", dash.expiring_html)
        self.env.company.support_expiry_warning_days = 30
        self.assertFalse(self.env["support.provider.dashboard"]._expiring_contracts())

    def test_last_month_compliance(self):
        """March: 2 met, 1 breached (February's clock does not count)."""
        dash = self.dashboard()
        self.assertAlmostEqual(dash.last_month_compliance, 200.0 / 3, places=2)
        month, per_customer = self.env[
            "support.provider.dashboard"
        ]._last_month_compliance()
        self.assertEqual(month, D(2026, 3, 1))
        self.assertEqual(dict(per_customer), {self.low: [2, 1]})

    def test_managers_only(self):
        with self.assertRaises(AccessError):
            self.env["support.provider.dashboard"].with_user(
                self.agent
            ).action_open_dashboard()

    def test_dashboard_actions_load(self):
        """Each report action opens its views for a manager and lists exactly
        the records of its promise."""
        expected = {
            "support_portal.support_ticket_action_dashboard_open": (
                "pivot,graph,list,form",
                self.critical | self.high | self.old,
            ),
            "support_portal.support_ticket_action_dashboard_sla": (
                "list,graph,pivot,form",
                self.critical | self.high,
            ),
            "support_portal.support_contract_action_expiring": (
                "list,form",
                self.ending_contract,
            ),
            "support_portal.support_service_statement_action_trend": (
                "graph,pivot,list,form",
                self.env["support.service.statement"].search(
                    [("company_id", "in", self.manager.company_ids.ids)]
                ),
            ),
        }
        for xmlid, (view_mode, records) in expected.items():
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            self.assertEqual(action["view_mode"], view_mode, xmlid)
            model = self.env[action["res_model"]].with_user(self.manager)
            views = model.get_views(action["views"])["views"]
            for view_id, view_type in action["views"]:
                arch = etree.fromstring(views[view_type]["arch"])
                self.assertEqual(arch.tag, view_type, xmlid)
                if view_id:
                    self.assertEqual(views[view_type]["id"], view_id, xmlid)
            domain = safe_eval(
                action.get("domain") or "[]",
                {
                    "context_today": lambda: D(2026, 4, 15),
                    "relativedelta": relativedelta,
                },
            )
            self.assertEqual(model.search(domain), records.with_user(self.manager))
