"""Monthly service statement in the portal (issue 7; T7, C6); the March 2026
scenario is described in ``statement_common.py``."""

import datetime

from odoo import Command, http
from odoo.tests import HttpCase, tagged

from .statement_common import StatementScenario

D = datetime.date


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
        # two statements of one month tell their contracts apart (issue 16)
        self.assertIn("o_support_statement_contract", listing.text)
        self.assertIn(self.contract.name, listing.text)
        page = self.url_open(self.statement._portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.t1.number, page.text)
        self.assertIn(self.contract.name, page.text)
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
