"""Provider dashboard (issue 7): open tickets by priority and age, SLAs at
risk and breached, hours running out, contracts expiring, last month's
compliance; managers only."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError

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
        calendar = env["resource.calendar"].create(
            {"name": "Dashboard hours", "tz": "Europe/Paris"}
        )
        plan = env["support.plan"].create(
            {
                "name": "Dashboard Tier",
                "monthly_fee": 250,
                "hourly_rate": 100,
                "resource_calendar_id": calendar.id,
                "allow_reserved_hours": True,
            }
        )
        Partner = env["res.partner"]
        cls.low = Partner.create({"name": "Low Hours Co", "is_company": True})
        cls.rich = Partner.create({"name": "Rich Hours Co", "is_company": True})
        cls.ending = Partner.create({"name": "Ending Co", "is_company": True})
        Contract = env["support.contract"]
        cls.low_contract = Contract.create(
            {
                "partner_id": cls.low.id,
                "plan_id": plan.id,
                "date_start": "2026-01-01",
                "reserved_hours": 10,
            }
        )
        cls.rich_contract = Contract.create(
            {
                "partner_id": cls.rich.id,
                "plan_id": plan.id,
                "date_start": "2026-01-01",
                "reserved_hours": 10,
            }
        )
        cls.ending_contract = Contract.create(
            {
                "partner_id": cls.ending.id,
                "plan_id": plan.id,
                "date_start": "2025-06-01",
                "date_end": "2026-05-31",
            }
        )
        (cls.low_contract | cls.rich_contract | cls.ending_contract).write(
            {"state": "active"}
        )
        Ledger = env["support.hours.ledger"].sudo()
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
        contact = Partner.create({"name": "Lou Low", "parent_id": cls.low.id})

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
        Sla = env["support.ticket.sla"].sudo()

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
        for xmlid in (
            "support_portal.support_ticket_action_dashboard_open",
            "support_portal.support_ticket_action_dashboard_sla",
            "support_portal.support_contract_action_expiring",
            "support_portal.support_service_statement_action_trend",
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            model = self.env[action["res_model"]].with_user(self.manager)
            for view_type in action["view_mode"].split(","):
                model.get_views([(False, view_type)])
