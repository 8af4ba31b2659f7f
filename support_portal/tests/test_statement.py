"""Monthly service statement (issue 7; T7, L1-L5, B2-B5, C6).

The scenario of March 2026 below has known figures, worked out by hand:

- tickets: T1 (high, defect) opened 3 March and resolved 10 March; T2 (medium,
  support) opened 5 March, still open; T3 (low) opened in February, resolved 2
  March; T4 opened in April. Opened 2, resolved 2, open at month end 1.
- SLA clocks decided in March: T1 assignment met, T1 response met, T1
  resolution breached on 6 March after two pauses (4 h and 1 h 30 = 330
  business minutes), T2 response met, T2 assignment breached. 3 met, 2
  breached: 60 %. T3's response (February) does not count.
- L3: 1 of 2 assignment clocks met (50 % < 100 %); T1 assigned the day it
  arrived, T2 not (50 % >= 50 %). L4: 0 of 1 resolution clock met.
- hours: 10 h reserved in February, 7 h used in February (3 h left); 10 h
  reserved in March; 2 h used on 2 March, 14 h on 10 March: 16 h used, the
  13 h available cover 13 h, 3 h extra; balance 0 at month end. The April
  credit does not count.
- invoiced: 250 in March (the April invoice does not count).
- one rating of 5 on T1 in March.
"""

import datetime

from freezegun import freeze_time

from odoo import Command, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

D = datetime.date
DT = datetime.datetime


class StatementScenario:
    """Builds the March 2026 scenario (shared by the ORM and the HTTP tests)."""

    @classmethod
    def build_scenario(cls):
        env = cls.env
        company = env.company
        if not env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        ):
            env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        company.support_goal_same_day = 50.0
        params = env["ir.config_parameter"].sudo()
        params.set_param("support_sla.assignment_objective", "100")
        params.set_param("support_sla.resolution_objective", "80")
        # the clocks of this scenario are written by the test itself
        env["support.sla.policy"].search([]).write({"active": False})
        calendar = env["resource.calendar"].create(
            {"name": "Statement hours", "tz": "Europe/Paris"}
        )
        cls.plan = env["support.plan"].create(
            {
                "name": "Statement Tier",
                "monthly_fee": 250,
                "hourly_rate": 100,
                "resource_calendar_id": calendar.id,
                "allow_reserved_hours": True,
                "has_response_sla": True,
            }
        )
        Partner = env["res.partner"]
        cls.acme = Partner.create({"name": "Acme Statement", "is_company": True})
        cls.kim = Partner.create(
            {"name": "Kim Key", "parent_id": cls.acme.id, "email": "kim@acme.test"}
        )
        cls.lee = Partner.create(
            {"name": "Lee Key", "parent_id": cls.acme.id, "email": "lee@acme.test"}
        )
        cls.otto = Partner.create(
            {"name": "Otto Other", "parent_id": cls.acme.id, "email": "otto@acme.test"}
        )
        cls.quiet = Partner.create({"name": "Quiet Statement", "is_company": True})
        cls.quinn = Partner.create(
            {"name": "Quinn Quiet", "parent_id": cls.quiet.id, "email": "q@quiet.test"}
        )
        Contract = env["support.contract"]
        cls.contract = Contract.create(
            {
                "partner_id": cls.acme.id,
                "plan_id": cls.plan.id,
                "date_start": "2026-01-01",
                "reserved_hours": 10,
                "key_user_ids": [Command.set([cls.kim.id, cls.lee.id])],
            }
        )
        cls.quiet_contract = Contract.create(
            {
                "partner_id": cls.quiet.id,
                "plan_id": cls.plan.id,
                "date_start": "2026-01-01",
                "key_user_ids": [Command.set([cls.quinn.id])],
            }
        )
        (cls.contract | cls.quiet_contract).write({"state": "active"})
        Type = env["support.ticket.type"]
        defect = Type.search([("code", "=", "defect")], limit=1)
        support = Type.search([("code", "=", "support")], limit=1)

        def ticket(name, impact, urgency, type_rec, created, resolved=False):
            rec = env["support.ticket"].create(
                {
                    "name": name,
                    "partner_id": cls.kim.id,
                    "contract_id": cls.contract.id,
                    "impact": impact,
                    "urgency": urgency,
                    "type_id": type_rec.id,
                }
            )
            env.flush_all()
            env.cr.execute(
                "UPDATE support_ticket SET create_date = %s, date_resolved = %s "
                "WHERE id = %s",
                (created, resolved or None, rec.id),
            )
            return rec

        cls.t1 = ticket(
            "ERP down", "multiple", "high", defect, DT(2026, 3, 3, 9), DT(2026, 3, 10)
        )
        cls.t2 = ticket("How to export", "multiple", "medium", support, DT(2026, 3, 5))
        cls.t3 = ticket(
            "Typo", "single", "low", support, DT(2026, 2, 20), DT(2026, 3, 2, 8)
        )
        cls.t4 = ticket("Next month", "single", "low", support, DT(2026, 4, 2, 8))
        env.flush_all()
        env.cr.execute(
            "UPDATE support_ticket SET date_assigned = %s WHERE id = %s",
            (DT(2026, 3, 3, 9, 30), cls.t1.id),
        )
        env.cr.execute(
            "UPDATE support_ticket SET date_assigned = %s WHERE id = %s",
            (DT(2026, 3, 9, 10), cls.t2.id),
        )
        env["support.ticket"].invalidate_model()
        Sla = env["support.ticket.sla"].sudo()

        def clock(tkt, target, priority, state, when, deadline=None):
            vals = {
                "ticket_id": tkt.id,
                "company_id": tkt.company_id.id,
                "name": f"{target} target",
                "target_type": target,
                "contract_id": cls.contract.id,
                "priority": priority,
                "date_start": DT(2026, 3, 1),
                "state": state,
                "deadline": deadline or when,
            }
            vals["breach_date" if state == "breached" else "date_reached"] = when
            return Sla.create(vals)

        clock(cls.t1, "assignment", "2", "met", DT(2026, 3, 3, 9, 30))
        clock(cls.t1, "response", "2", "met", DT(2026, 3, 3, 10))
        cls.breach = clock(
            cls.t1,
            "resolution",
            "2",
            "breached",
            DT(2026, 3, 6, 16),
            deadline=DT(2026, 3, 6, 16),
        )
        Pause = env["support.ticket.sla.pause"].sudo()
        Pause.create(
            {
                "sla_id": cls.breach.id,
                "date_start": DT(2026, 3, 4, 10),
                "date_end": DT(2026, 3, 4, 14),
                "business_minutes": 240,
            }
        )
        Pause.create(
            {
                "sla_id": cls.breach.id,
                "date_start": DT(2026, 3, 5, 9),
                "date_end": DT(2026, 3, 5, 10, 30),
                "business_minutes": 90,
            }
        )
        clock(cls.t2, "response", "1", "met", DT(2026, 3, 6, 9))
        clock(cls.t2, "assignment", "1", "breached", DT(2026, 3, 9, 8))
        clock(cls.t3, "response", "0", "met", DT(2026, 2, 20, 10))
        Ledger = env["support.hours.ledger"].sudo()
        for vals in (
            ("credit", "reserved", 10, D(2026, 2, 1), False),
            ("debit", "ticket", 7, D(2026, 2, 25), cls.t3),
            ("credit", "reserved", 10, D(2026, 3, 1), False),
            ("debit", "ticket", 2, D(2026, 3, 2), cls.t3),
            ("debit", "ticket", 14, D(2026, 3, 10), cls.t1),
            ("credit", "reserved", 10, D(2026, 4, 1), False),
        ):
            entry_type, source, hours, day, tkt = vals
            Ledger.create(
                {
                    "name": f"{source} {day}",
                    "contract_id": cls.contract.id,
                    "entry_type": entry_type,
                    "source": source,
                    "hours": hours,
                    "date": day,
                    "ticket_id": tkt.id if tkt else False,
                    "period_start": day.replace(day=1)
                    if source == "reserved"
                    else False,
                }
            )
        for day, amount in ((D(2026, 3, 31), 250.0), (D(2026, 4, 30), 999.0)):
            move = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.acme.id,
                    "invoice_date": day,
                    "support_contract_id": cls.contract.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Support fee",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            move.action_post()
        rating = env["rating.rating"].create(
            {
                "res_model_id": env["ir.model"]._get_id("support.ticket"),
                "res_id": cls.t1.id,
                "partner_id": cls.kim.id,
                "rating": 5,
                "feedback": "Quick and clear",
                "consumed": True,
            }
        )
        env.flush_all()
        env.cr.execute(
            "UPDATE rating_rating SET write_date = %s WHERE id = %s",
            (DT(2026, 3, 12), rating.id),
        )
        env["rating.rating"].invalidate_model()


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
        self.assertEqual(self.statement._fmt_minutes(resolution.minutes), "5h30")

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
        self.assertEqual(s.amount_invoiced, 250.0)
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
        self.assertTrue(mails.attachment_ids, "the statement is attached")
        self.assertTrue(self.statement.sent_on)
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
        self.assertTrue(mine.sent_on)
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


@tagged("post_install", "-at_install")
class TestStatementPortal(StatementScenario, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.build_scenario()
        portal = cls.env.ref("base.group_portal")
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.kim_user = Users.create(
            {
                "login": "stmt_kim",
                "password": "stmt_kim_pwd",
                "partner_id": cls.kim.id,
                "group_ids": [Command.set([portal.id])],
            }
        )
        cls.otto_user = Users.create(
            {
                "login": "stmt_otto",
                "password": "stmt_otto_pwd",
                "partner_id": cls.otto.id,
                "group_ids": [Command.set([portal.id])],
            }
        )
        cls.statement = cls.env["support.service.statement"]._generate(
            cls.contract, D(2026, 3, 1)
        )

    def test_key_user_reads_and_evaluates(self):
        self.authenticate("stmt_kim", "stmt_kim_pwd")
        home = self.url_open("/my/support")
        self.assertIn('href="/my/support/statements"', home.text)
        listing = self.url_open("/my/support/statements")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.statement._portal_url(), listing.text)
        page = self.url_open(self.statement._portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.t1.number, page.text)
        self.assertIn("o_support_evaluation", page.text)
        bad = self.url_open(
            self.statement._portal_url() + "/evaluate",
            data={
                "score": "7",
                "comment": "x",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(bad.status_code, 400)
        self.assertIn("o_support_evaluation_error", bad.text)
        self.assertFalse(self.statement.evaluation_score)
        ok = self.url_open(
            self.statement._portal_url() + "/evaluate",
            data={
                "score": "4",
                "comment": "Fine",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(ok.status_code, 200)
        self.assertIn("o_support_evaluation_done", ok.text)
        self.assertEqual(self.statement.evaluation_score, 4)
        self.assertEqual(self.statement.evaluation_comment, "Fine")
        pdf = self.url_open(self.statement._portal_url() + "/pdf")
        self.assertEqual(pdf.status_code, 200)

    def test_other_contact_sees_nothing(self):
        self.authenticate("stmt_otto", "stmt_otto_pwd")
        home = self.url_open("/my/support")
        self.assertNotIn('href="/my/support/statements"', home.text)
        listing = self.url_open("/my/support/statements")
        self.assertNotIn(self.statement._portal_url(), listing.text)
        page = self.url_open(self.statement._portal_url())
        self.assertNotIn(self.t1.number, page.text)
        self.assertTrue(page.url.endswith("/my/support/statements"))
        self.url_open(
            self.statement._portal_url() + "/evaluate",
            data={
                "score": "1",
                "comment": "hack",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertFalse(self.statement.evaluation_score)
