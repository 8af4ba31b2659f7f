from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SupportPortalFormCase


@tagged("post_install", "-at_install")
class TestPortalEnvironments(SupportPortalFormCase):
    """Issue 14: every contact of the customer (key user or not) sees the
    customer's environments and its support team; nothing of another
    customer, by page or by RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Environment = cls.env["support.environment"]
        cls.env_a = Environment.create(
            {
                "contract_id": cls.contract.id,
                "name": "Acme production SECRET-ENV-A",
                "odoo_version": "18.0",
                "edition": "enterprise",
                "note": "root password in the vault",
                "module_ids": [
                    Command.create({"name": "sale", "origin": "odoo_community"}),
                    Command.create(
                        {
                            "name": "acme_rules",
                            "origin": "customer_custom",
                            "lines_of_code": 80,
                        }
                    ),
                ],
            }
        )
        cls.env_b = Environment.create(
            {
                "contract_id": cls.contract_b.id,
                "name": "Globex production SECRET-ENV-B",
                "odoo_version": "17.0",
            }
        )
        cls.team_member = cls._support_user(
            "t_env_agent", "support_contract.group_support_agent"
        )
        cls.team_member.name = "Desk Member Zoé"
        cls.team = cls.env["support.team"].create(
            {
                "name": "Acme dedicated (test)",
                "member_ids": [Command.set(cls.team_member.ids)],
            }
        )
        cls.contract.team_id = cls.team

    def test_environments_page(self):
        for user in (self.key_user, self.nonkey):
            with self.subTest(user=user.login):
                self.login(user)
                response = self.get("/my/support/environments")
                self.assertEqual(response.status_code, 200)
                self.assertIn("SECRET-ENV-A", response.text)
                self.assertNotIn("SECRET-ENV-B", response.text)
                self.assertNotIn("root password", response.text)
                self.assertRegex(response.text, r"o_support_module_count\">\s*2\s*<")
        self.login(self.other_customer)
        response = self.get("/my/support/environments")
        self.assertNotIn("SECRET-ENV-A", response.text)
        self.assertIn("SECRET-ENV-B", response.text)

    def test_home_shows_the_support_team(self):
        self.login(self.nonkey)
        response = self.get("/my/support")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your support team", response.text)
        self.assertIn("Desk Member Zoé", response.text)
        self.assertIn('href="/my/support/environments"', response.text)
        self.login(self.other_customer)
        self.assertNotIn("Desk Member Zoé", self.get("/my/support").text)

    def test_rpc_reads_own_environments_only(self):
        for user in (self.key_user, self.nonkey):
            Environment = self.env["support.environment"].with_user(user)
            self.assertEqual(Environment.search([]), self.env_a)
            data = self.env_a.with_user(user).read(["name", "module_ids"])
            self.assertEqual(len(data[0]["module_ids"]), 2)
            with self.assertRaises(AccessError):
                self.env_a.with_user(user).read(["note"])
            with self.assertRaises(AccessError):
                self.env_b.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.env_a.with_user(user).write({"name": "Hacked"})
            Module = self.env["support.environment.module"].with_user(user)
            self.assertEqual(Module.search([]), self.env_a.module_ids)
        self.assertFalse(
            self.env["support.environment"].with_user(self.other_company).search([])
        )
        # over JSON-RPC: a key user asking for another customer's environment
        self.authenticate(self.key_user.login, self.key_user.login)
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/support.environment/search_read",
            {
                "model": "support.environment",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["name"]},
            },
        )
        self.assertEqual([r["id"] for r in result], self.env_a.ids)

    def test_ticket_refuses_another_customers_environment(self):
        """The portal form's path (sudo) and RPC alike: a constraint."""
        with self.assertRaises(ValidationError):
            self.env["support.ticket"].create(
                {
                    "name": "Pick a foreign environment",
                    "partner_id": self.key_user.partner_id.id,
                    "environment_id": self.env_b.id,
                }
            )
        ticket = self.env["support.ticket"].create(
            {"name": "Default one", "partner_id": self.key_user.partner_id.id}
        )
        self.assertEqual(ticket.environment_id, self.env_a)
        self.assertEqual(ticket.team_id, self.team)

    def _created(self):
        return (
            self.env["support.ticket"]
            .sudo()
            .search(
                [("name", "=", "Invoices cannot be posted")], order="id desc", limit=1
            )
        )

    def test_form_offers_the_customers_environments(self):
        self.login(self.key_user)
        page = self.get("/my/tickets/new")
        self.assertIn('name="environment_id"', page.text)
        self.assertIn("SECRET-ENV-A", page.text)
        self.assertNotIn("SECRET-ENV-B", page.text)

    def test_form_ticket_names_its_environment(self):
        self.login(self.key_user)
        response = self._submit(self._good(environment_id=str(self.env_a.id)))
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(self._created().environment_id, self.env_a)

    def test_form_defaults_to_production(self):
        self.login(self.key_user)
        response = self._submit(self._good())
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(self._created().environment_id, self.env_a)

    def test_form_refuses_another_customers_environment(self):
        self.login(self.key_user)
        before = self._count()
        response = self._submit(self._good(environment_id=str(self.env_b.id)))
        self._assert_refused(response, before, "Choose one of your environments.")
