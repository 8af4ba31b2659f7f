import re

from odoo.tests import tagged

from .common import SupportPortalCase


@tagged("post_install", "-at_install")
class TestSupportPortalPages(SupportPortalCase):
    """P2 / C6 over HTTP: the support home, contract and hours pages show each
    caller its own company's contract, and nothing of another's."""

    # ------------------------------------------------------------ contract
    def _contract_name_shown(self, html, contract):
        return bool(
            re.search(
                rf'o_support_contract_name">\s*{re.escape(contract.name)}\s*<', html
            )
        )

    def test_contract_page(self):
        """P2: each portal user sees their own company's contract only."""
        expected = {
            "owner": self.contract,
            "same-company key user": self.contract,
            "same-company non-key contact": self.contract,
            "another customer": self.contract_b,
            "another company": self.contract_c,
        }
        for label, user, token in self._callers():
            with self.subTest(caller=label):
                self.login(user)
                response = self.get(self._url("/my/support/contract", token))
                if user is None:
                    self.assertEqual(response.status_code, 303, label)
                    self.assertIn("/web/login", response.headers["Location"])
                    continue
                self.assertEqual(response.status_code, 200, label)
                for contract in (self.contract, self.contract_b, self.contract_c):
                    self.assertEqual(
                        self._contract_name_shown(response.text, contract),
                        contract == expected[label],
                        f"{label} / {contract.name}",
                    )
                if expected[label] == self.contract:
                    self.assertIn(self.owner.partner_id.name, response.text)
                    self.assertIn("Europe/Paris", response.text)

    # ------------------------------------------------------------ hours
    def test_hours_page(self):
        for label, user, token in self._callers():
            with self.subTest(caller=label):
                self.login(user)
                response = self.get(self._url("/my/support/hours", token))
                if user is None:
                    self.assertEqual(response.status_code, 303, label)
                    self.assertIn("/web/login", response.headers["Location"])
                    continue
                self.assertEqual(response.status_code, 200, label)
                self.assertIn("o_support_hours_page", response.text)
                self.assertNotIn("o_support_no_contract", response.text, label)

    def test_customer_without_contract(self):
        """A portal user whose company has no contract sees none."""
        loner = self._portal_user(
            "portal_loner",
            self.env["res.partner"].create(
                {"name": "No Contract Ltd (test)", "is_company": True}
            ),
        )
        self.login(loner)
        for url in ("/my/support/contract", "/my/support/hours"):
            response = self.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_support_no_contract", response.text)
            for contract in (self.contract, self.contract_b, self.contract_c):
                self.assertFalse(self._contract_name_shown(response.text, contract))
        response = self.get("/my/tickets/new")
        self.assertEqual(response.status_code, 403)

    # ------------------------------------------------------------ home
    def test_home_and_support_home(self):
        self.login(self.owner)
        home = self.get("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/support"', home.text)
        support = self.get("/my/support")
        self.assertEqual(support.status_code, 200)
        self.assertIn("SECRET-OWNER", support.text)
        self.assertIn("o_support_new_ticket_btn", support.text)
        self.login(self.nonkey)
        support = self.get("/my/support")
        self.assertNotIn("SECRET-OWNER", support.text)
        self.assertNotIn("o_support_new_ticket_btn", support.text)

    def test_home_counter(self):
        self.login(self.nonkey)
        result = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["support_ticket_count"]}
        )
        self.assertEqual(result["support_ticket_count"], 1)
        self.login(self.key_user)
        result = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["support_ticket_count"]}
        )
        self.assertEqual(result["support_ticket_count"], 2)
