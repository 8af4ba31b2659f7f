"""Over HTTP, the door our pages do not guard: ``/web/dataset/call_kw``.

A portal contact who is not a key user asks JSON-RPC for the internal fields
of its contract and of its own ticket: refused with an AccessError, and no
secret in the answer; asking for every field returns the declared ones only.
"""

from odoo.tests import HttpCase, tagged

from .access_roles import AccessRolesMixin

NOTE = "INTERNAL-NOTE the customer pays late"
REASON = "OVERRIDE-REASON ten users over the tier"
WARNING_TEXT = "not a key user"
PRIORITY_REASON = "PRIORITY-REASON the customer shouted"
BILLING_REASON = "BILLING-REASON goodwill"
SECRETS = (NOTE, REASON, PRIORITY_REASON, BILLING_REASON)


@tagged("post_install", "-at_install")
class TestRpcFieldAccess(AccessRolesMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_access_roles()
        cls.contract = cls.records["support.contract"]
        cls.contract.write({"note": f"<p>{NOTE}</p>", "range_override_reason": REASON})
        cls.contact = cls.users["contact"]
        cls.contact_ticket = cls.env["support.ticket"].create(
            {
                "name": "Contact's own ticket",
                "partner_id": cls.contact.partner_id.id,
                "contract_id": cls.contract.id,
                "impact": "single",
                "urgency": "low",
                "priority_override_reason": PRIORITY_REASON,
                "billable_override_reason": BILLING_REASON,
            }
        )

    def _call_kw(self, model, method, args, kwargs):
        self.authenticate(self.contact.login, self.contact.login)
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs,
                },
            },
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        for secret in SECRETS:
            self.assertNotIn(secret, response.text)
        return response.json()

    def _assert_refused(self, model, method, args, kwargs):
        answer = self._call_kw(model, method, args, kwargs)
        self.assertNotIn("result", answer, f"{model}.{method} {kwargs}")
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_contact_warning_is_set(self):
        """The setup holds what the test hides: an entitlement warning."""
        self.assertIn(WARNING_TEXT, self.contact_ticket.entitlement_warning or "")

    def test_contract_internal_fields_refused(self):
        for fname in ("note", "range_override_reason", "range_override"):
            self._assert_refused(
                "support.contract", "search_read", [[]], {"fields": ["name", fname]}
            )
            self._assert_refused(
                "support.contract",
                "web_read",
                [self.contract.ids],
                {"specification": {fname: {}}},
            )
        self._assert_refused(
            "support.contract",
            "search_read",
            [[("note", "ilike", "INTERNAL")]],
            {"fields": ["name"]},
        )

    def test_ticket_internal_fields_refused(self):
        for fname in (
            "entitlement_warning",
            "priority_override_reason",
            "billable_override_reason",
            "billed_hours_reason",
            "billed_hours_adjusted",
        ):
            self._assert_refused(
                "support.ticket", "search_read", [[]], {"fields": ["name", fname]}
            )
            self._assert_refused(
                "support.ticket", "read", [self.contact_ticket.ids], {"fields": [fname]}
            )

    def test_every_field_means_the_declared_ones(self):
        """Without a field list, the contact gets the declared fields of the
        records it may read: its contract, its own ticket only."""
        for model, record in (
            ("support.contract", self.contract),
            ("support.ticket", self.contact_ticket),
        ):
            answer = self._call_kw(model, "search_read", [[]], {})
            rows = answer["result"]
            self.assertEqual([row["id"] for row in rows], record.ids, model)
            declared = self.env[model]._portal_accessible_fields()[0]
            self.assertEqual(set(rows[0]), set(declared), model)
        self.assertNotIn(WARNING_TEXT, str(rows))
