from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.support_ticket.tests.patch_common import FIRST_TUESDAY

from .common import SupportPortalCase

RESULT_NOTE = "RESULT-NOTE restarted twice"


@tagged("post_install", "-at_install")
class TestPortalPatches(SupportPortalCase):
    """C3 in the portal: every contact of a customer (key user or not) sees
    its environments' patch windows and past patch runs, nothing of another
    customer, through the page and through JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar.tz = "Europe/Stockholm"
        cls.plan.patching = True  # both customers' contracts are patch agreements
        Environment = cls.env["support.environment"]
        cls.env_a = Environment.create(
            {
                "name": "Acme production",
                "contract_id": cls.contract.id,
                "odoo_version": "18.0",
                **FIRST_TUESDAY,
            }
        )
        cls.env_b = Environment.create(
            {
                "name": "Globex production",
                "contract_id": cls.contract_b.id,
                "odoo_version": "17.0",
                **FIRST_TUESDAY,
            }
        )
        Run = cls.env["support.patch.run"]
        cls.run_a = Run.create(
            {
                "environment_id": cls.env_a.id,
                "date": "2026-11-03 19:00:00",
                "summary": "SECRET-ACME-RUN kernel and Odoo updates",
                "result": RESULT_NOTE,
            }
        )
        cls.run_a.action_done()
        cls.run_b = Run.create(
            {
                "environment_id": cls.env_b.id,
                "date": "2026-11-03 19:00:00",
                "summary": "SECRET-GLOBEX-RUN database upgrade",
            }
        )
        cls.run_b.action_done()

    def _page(self, user):
        self.login(user)
        response = self.get("/my/support/patches")
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.text

    def test_customer_contacts_see_their_windows_and_runs(self):
        for user in (self.key_user, self.nonkey):
            with self.subTest(user=user.login):
                page = self._page(user)
                self.assertIn("Acme production", page)
                self.assertIn("20:00-22:00 (Europe/Stockholm)", page)
                self.assertIn("o_support_patch_next", page)
                self.assertIn("SECRET-ACME-RUN", page)
                self.assertNotIn(RESULT_NOTE, page)
                self.assertNotIn("Globex", page)
                self.assertNotIn("SECRET-GLOBEX-RUN", page)

    def test_nothing_of_another_customer(self):
        page = self._page(self.other_customer)
        self.assertIn("SECRET-GLOBEX-RUN", page)
        self.assertNotIn("Acme production", page)
        self.assertNotIn("SECRET-ACME-RUN", page)
        page = self._page(self.other_company)
        self.assertIn("o_support_no_patch_window", page)
        self.assertNotIn("SECRET-", page)

    def test_public_is_sent_to_login(self):
        self.login(None)
        response = self.get("/my/support/patches")
        self.assertIn(response.status_code, (302, 303))
        self.assertNotIn("SECRET-", response.text)

    def test_home_links_to_the_page(self):
        self.login(self.nonkey)
        response = self.get("/my/support")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/support/patches", response.text)
        self.login(self.other_company)
        self.assertNotIn("/my/support/patches", self.get("/my/support").text)

    def test_orm_reads_follow_the_rules(self):
        Run = self.env["support.patch.run"]
        for user in (self.key_user, self.nonkey):
            runs = Run.with_user(user).search([])
            self.assertEqual(runs, self.run_a)
            self.assertIn("SECRET-ACME-RUN", runs.summary)
            with self.assertRaises(AccessError):
                runs.read(["result"])
            with self.assertRaises(AccessError):
                self.run_b.with_user(user).read(["summary"])
            envs = (
                self.env["support.environment"]
                .with_user(user)
                .search([("patch_frequency", "!=", False)])
            )
            self.assertEqual(envs, self.env_a)
            self.assertTrue(envs.patch_next_start)
        self.assertFalse(Run.with_user(self.other_company).search([]))

    def test_json_rpc_gives_nothing_of_another_customer(self):
        self.login(self.nonkey)
        rows = self.make_jsonrpc_request(
            "/web/dataset/call_kw/support.patch.run/search_read",
            {
                "model": "support.patch.run",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["summary", "state"]},
            },
        )
        self.assertEqual([row["id"] for row in rows], self.run_a.ids)
        for fields in (["summary"], ["result"]):
            with self.subTest(fields=fields), self.assertRaises(JsonRpcException):
                run = self.run_b if fields == ["summary"] else self.run_a
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw/support.patch.run/read",
                    {
                        "model": "support.patch.run",
                        "method": "read",
                        "args": [run.ids, fields],
                        "kwargs": {},
                    },
                )
