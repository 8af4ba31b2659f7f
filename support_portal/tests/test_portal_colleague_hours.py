"""Issue 11, P2/C6: a contact who is not a key user sees its colleagues'
requests in the hours ledger as "another request of your company", with their
hours; neither the hours page nor the ledger's fields name them."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SupportPortalCase

NEUTRAL = "Another request of your company"


@tagged("post_install", "-at_install")
class TestSupportPortalColleagueHours(SupportPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.hours.ledger"].create(
            [
                {
                    "name": "LEDGER-CREDIT reserved hours",
                    "contract_id": cls.contract.id,
                    "date": "2026-02-01",
                    "entry_type": "credit",
                    "source": "reserved",
                    "hours": 10,
                },
                {
                    "name": cls.ticket_owner.display_name,
                    "contract_id": cls.contract.id,
                    "date": "2026-02-10",
                    "entry_type": "debit",
                    "source": "ticket",
                    "ticket_id": cls.ticket_owner.id,
                    "hours": 2.5,
                },
                {
                    "name": cls.ticket_nonkey.display_name,
                    "contract_id": cls.contract.id,
                    "date": "2026-02-11",
                    "entry_type": "debit",
                    "source": "ticket",
                    "ticket_id": cls.ticket_nonkey.id,
                    "hours": 1.25,
                },
            ]
        )

    def _hours_page(self, user):
        self.login(user)
        response = self.get("/my/support/hours")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_hours_page_of_a_key_user_names_every_request(self):
        page = self._hours_page(self.key_user)
        self.assertIn("SECRET-OWNER", page)
        self.assertIn("SECRET-NONKEY", page)
        self.assertNotIn(NEUTRAL, page)

    def test_hours_page_of_a_contact_hides_colleagues_requests(self):
        page = self._hours_page(self.nonkey)
        self.assertIn("SECRET-NONKEY", page)
        self.assertIn("LEDGER-CREDIT", page)
        self.assertNotIn("SECRET-OWNER", page)
        self.assertNotIn(self.ticket_owner.number, page)
        self.assertIn(NEUTRAL, page)
        # the hours stay: 2 h 30 min of the colleague's request, 6 h 15 min left
        self.assertIn("2 h 30 min", page)
        self.assertIn("6 h 15 min", page)

    def test_ledger_fields_of_a_contact(self):
        Ledger = self.env["support.hours.ledger"].with_user(self.nonkey)
        rows = Ledger.search_read([("contract_id", "=", self.contract.id)])
        self.assertEqual(len(rows), 3)
        self.assertNotIn("SECRET-OWNER", str(rows))
        self.assertNotIn(self.ticket_owner.number, str(rows))
        self.assertNotIn("name", rows[0])
        self.assertNotIn("ticket_id", rows[0])
        labels = {row["hours"]: row["portal_label"] for row in rows}
        self.assertEqual(labels[2.5], NEUTRAL)
        self.assertIn("SECRET-NONKEY", labels[1.25])
        names = Ledger.search([]).read(["display_name"])
        self.assertNotIn("SECRET-OWNER", str(names))
        for field in ("name", "ticket_id"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                Ledger.search([]).read([field])
        with self.assertRaises(AccessError):
            Ledger.search([("name", "ilike", "SECRET-OWNER")])

    def test_ledger_fields_of_a_key_user(self):
        Ledger = self.env["support.hours.ledger"].with_user(self.key_user)
        labels = Ledger.search([("contract_id", "=", self.contract.id)]).mapped(
            "portal_label"
        )
        self.assertIn(self.ticket_owner.display_name, labels)
        self.assertIn(self.ticket_nonkey.display_name, labels)
        self.assertNotIn(NEUTRAL, labels)

    def test_employees_read_the_description(self):
        entry = (
            self.env["support.hours.ledger"]
            .with_user(self.manager)
            .search([("ticket_id", "=", self.ticket_owner.id)])
        )
        self.assertEqual(entry.portal_label, self.ticket_owner.display_name)
        self.assertEqual(entry.display_name, self.ticket_owner.display_name)
