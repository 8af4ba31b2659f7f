"""Monthly service statement (issue 7; T7, L1-L5, B2-B5, C6): the ORM side;
the March 2026 scenario is described in ``statement_common.py``."""

import datetime

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

from .statement_common import StatementScenario

D = datetime.date
DT = datetime.datetime


class TestServiceStatement(StatementScenario, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.build_scenario()
        cls.manager = mail_new_test_user(
            cls.env,
            login="stmt_manager",
            groups="base.group_user,support_contract.group_support_manager",
        )
        cls.agent = mail_new_test_user(
            cls.env,
            login="stmt_agent",
            groups="base.group_user,support_contract.group_support_agent",
        )
        cls.statement = cls.env["support.service.statement"]._generate(
            cls.contract, D(2026, 3, 15)
        )

    def lines(self, section):
        return self.statement._lines(section)

    def test_tickets_opened_and_resolved_by_priority_and_type(self):
        s = self.statement
        self.assertEqual(s.date_start, D(2026, 3, 1))
        self.assertEqual(s.date_end, D(2026, 3, 31))
        self.assertTrue(s.has_activity)
        self.assertEqual(
            (s.tickets_opened, s.tickets_resolved, s.tickets_open_end), (2, 2, 1)
        )
        rows = {
            (ln.priority, ln.sublabel): (ln.count_a, ln.count_b)
            for ln in self.lines("volume")
        }
        defect = self.t1.type_id.name
        support = self.t2.type_id.name
        self.assertEqual(
            rows,
            {("2", defect): (1, 1), ("1", support): (1, 0), ("0", support): (0, 1)},
        )

    def test_sla_results_per_target_with_breach_and_pauses(self):
        """L1/L5: 3 met, 2 breached; the breached resolution of T1 lists its
        two pauses and their 330 business minutes."""
        s = self.statement
        self.assertEqual((s.sla_met, s.sla_breached), (3, 2))
        self.assertAlmostEqual(s.sla_compliance, 60.0)
        rows = {
            (ln.label, ln.priority): (ln.count_a, ln.count_b)
            for ln in self.lines("sla")
        }
        labels = dict(
            self.env["support.ticket.sla"]
            ._fields["target_type"]
            ._description_selection(self.env)
        )
        self.assertEqual(
            rows,
            {
                (labels["assignment"], "2"): (1, 0),
                (labels["assignment"], "1"): (0, 1),
                (labels["response"], "2"): (1, 0),
                (labels["response"], "1"): (1, 0),
                (labels["resolution"], "2"): (0, 1),
            },
        )
        breaches = self.lines("breach")
        self.assertEqual(
            breaches.mapped("ticket_number"), [self.t1.number, self.t2.number]
        )
        resolution = breaches.filtered(lambda ln: ln.label == "resolution target")
        self.assertEqual(resolution.date_b, DT(2026, 3, 6, 16))
        self.assertEqual(resolution.minutes, 330)
        self.assertEqual(resolution.count_a, 2)
        pauses = resolution.pause_line_ids.sorted("sequence")
        self.assertEqual(
            [(p.date_a, p.date_b, p.minutes) for p in pauses],
            [
                (DT(2026, 3, 4, 10), DT(2026, 3, 4, 14), 240),
                (DT(2026, 3, 5, 9), DT(2026, 3, 5, 10, 30), 90),
            ],
        )
        self.assertEqual(self.statement._fmt_minutes(resolution.minutes), "5 h 30 min")

    def test_statistical_objectives_against_goals(self):
        """L3: 1/2 within target (goal 100: missed), 1/2 the same day (goal
        50: reached); L4: 0/1 resolved within the objective (goal 80)."""
        rows = {
            ln.sla_ref: (ln.count_a, ln.count_b, ln.value, ln.goal, ln._goal_reached())
            for ln in self.lines("objective")
        }
        self.assertEqual(rows["assignment"], (1, 2, 50.0, 100.0, False))
        self.assertEqual(rows["same_day"], (1, 2, 50.0, 50.0, True))
        self.assertEqual(rows["resolution"], (0, 1, 0.0, 80.0, False))

    def test_hours_and_amounts(self):
        """B3: 10 h reserved, 16 h used, 3 h beyond the balance, 0 left;
        B5: 250 invoiced in March."""
        s = self.statement
        self.assertEqual(
            (
                s.hours_reserved,
                s.hours_purchased,
                s.hours_drawn,
                s.hours_overage,
                s.hours_balance,
            ),
            (10.0, 0.0, 16.0, 3.0, 0.0),
        )
        self.assertEqual(
            [(ln.value, ln.extra) for ln in self.lines("hours")],
            [(2.0, 0.0), (14.0, 3.0)],
        )
        self.assertEqual(
            (s.amount_invoiced_untaxed, s.amount_invoiced_tax, s.amount_invoiced),
            (250.0, 0.0, 250.0),
        )
        self.assertEqual(len(self.lines("invoice")), 1)

    def test_ratings(self):
        s = self.statement
        self.assertEqual((s.rating_count, s.rating_avg), (1, 5.0))
        self.assertEqual(self.lines("rating").sublabel, "Quick and clear")

    def test_past_statement_never_changes(self):
        """Later changes of settings or data leave a generated month alone."""
        self.env["ir.config_parameter"].sudo().set_param(
            "support_sla.resolution_objective", "50"
        )
        self.env.company.support_goal_same_day = 10.0
        self.env["support.ticket"].create(
            {"name": "Late arrival", "partner_id": self.kim.id}
        )
        self.breach.sudo().write({"state": "met"})
        again = self.env["support.service.statement"]._generate(
            self.contract, D(2026, 3, 1)
        )
        self.assertEqual(again, self.statement)
        self.assertEqual(again.sla_breached, 2)
        goals = {ln.sla_ref: ln.goal for ln in again._lines("objective")}
        self.assertEqual(
            goals, {"assignment": 100.0, "same_day": 50.0, "resolution": 80.0}
        )
        self.assertEqual(
            self.env["support.service.statement"].search_count(
                [("contract_id", "=", self.contract.id)]
            ),
            1,
        )

    def test_month_without_activity_says_so(self):
        quiet = self.env["support.service.statement"]._generate(
            self.quiet_contract, D(2026, 3, 1)
        )
        self.assertFalse(quiet.has_activity)
        self.assertEqual(
            (quiet.tickets_opened, quiet.sla_met, quiet.hours_drawn), (0, 0, 0)
        )
        html = self.env["ir.qweb"]._render(
            "support_portal.service_statement_body", {"doc": quiet}
        )
        self.assertIn("No activity in", str(html))
        self.assertIn("No service-level target was decided", str(html))
        # and the busy month does not carry that sentence
        busy = self.env["ir.qweb"]._render(
            "support_portal.service_statement_body", {"doc": self.statement}
        )
        self.assertNotIn("No activity in", str(busy))

    def test_month_not_over_is_refused(self):
        """A statement is frozen once built: never for a month not over."""
        Statement = self.env["support.service.statement"]
        for day in (fields.Date.today(), fields.Date.today() + datetime.timedelta(62)):
            with self.assertRaises(UserError):
                Statement._generate(self.contract, day)
        with freeze_time("2026-03-31 12:00:00"), self.assertRaises(UserError):
            Statement._generate(self.quiet_contract, D(2026, 3, 1))
        self.assertFalse(
            Statement.search([("contract_id", "=", self.quiet_contract.id)])
        )

    def test_pdf_renders(self):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "support_portal.action_report_service_statement", self.statement.ids
            )
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "support_portal.action_report_service_statement", self.statement.ids
        )
        html = html.decode()
        self.assertIn(self.t1.number, html)
        self.assertIn("data:image/svg+xml;base64,", html)
        self.assertIn("60.0", html)

    def test_send_goes_to_key_users_only(self):
        """C6: the key users get the statement; another contact of the
        customer and the followers do not."""
        self.statement.message_subscribe(partner_ids=self.otto.ids)
        with freeze_time("2026-04-03 08:00:00"):
            self.statement.with_user(self.manager).action_send()
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "support.service.statement"),
                ("res_id", "=", self.statement.id),
            ]
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.kim | self.lee)
        self.assertFalse(mails.email_to)
        self.assertEqual(len(mails.attachment_ids), 1, "the statement is attached")
        self.assertEqual(str(self.statement.sent_on), "2026-04-03 08:00:00")
        notified = self.env["mail.notification"].search(
            [("res_partner_id", "=", self.otto.id)]
        )
        self.assertFalse(notified)

    def test_send_refused_without_key_users_or_rights(self):
        self.contract.key_user_ids = [Command.clear()]
        with self.assertRaises(UserError):
            self.statement.with_user(self.manager).action_send()
        with self.assertRaises(AccessError):
            self.statement.with_user(self.agent).action_send()
        self.assertFalse(self.statement.sent_on)

    @freeze_time("2026-04-02 06:00:00")
    def test_monthly_job_generates_and_emails_per_setting(self):
        """The job builds last month's statements once and emails them only
        where the contract asks for it."""
        self.statement.unlink()
        self.quiet_contract.statement_send_email = False
        Statement = self.env["support.service.statement"]
        Statement._cron_monthly_statements()
        Statement._cron_monthly_statements()
        mine = Statement.search(
            [("contract_id", "=", self.contract.id), ("date_start", "=", "2026-03-01")]
        )
        quiet = Statement.search(
            [
                ("contract_id", "=", self.quiet_contract.id),
                ("date_start", "=", "2026-03-01"),
            ]
        )
        self.assertEqual((len(mine), len(quiet)), (1, 1))
        self.assertEqual(str(mine.sent_on), "2026-04-02 06:00:00")
        self.assertFalse(quiet.sent_on)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "support.service.statement"),
                ("res_id", "in", (mine | quiet).ids),
            ]
        )
        self.assertEqual(mails.mapped("res_id"), [mine.id])
        self.assertEqual(mails.recipient_ids, self.kim | self.lee)

    def test_evaluation_by_key_user_after_the_month(self):
        with self.assertRaises(UserError):
            self.statement._evaluate(self.otto, 4, "not a key user")
        with self.assertRaises(ValidationError):
            self.statement._evaluate(self.kim, 9, "out of range")
        self.assertFalse(self.statement.evaluation_score)
        self.statement._evaluate(self.kim, 4, "Good month")
        self.assertEqual(self.statement.evaluation_score, 4)
        self.assertEqual(self.statement.evaluation_partner_id, self.kim)
        with freeze_time("2026-03-20"):
            self.assertFalse(self.statement._can_evaluate(self.kim))

    def test_trend_chart_over_months(self):
        self.statement._evaluate(self.kim, 4, "")
        april = self.env["support.service.statement"]._generate(
            self.contract, D(2026, 4, 1)
        )
        self.assertEqual(april._trend().ids, [self.statement.id, april.id])
        self.assertTrue(april._chart_trend().startswith("data:image/svg+xml"))
        self.assertEqual(april.charts_html.count("data:image/svg+xml"), 4)
