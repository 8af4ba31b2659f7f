from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestTicketEnvironment(SupportTicketCommon):
    """Issue 14: a ticket names one of its customer's environments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Environment = cls.env["support.environment"]
        values = {"odoo_version": "18.0", "edition": "enterprise"}
        cls.production = Environment.create(
            {"contract_id": cls.contract.id, "name": "Prod", **values}
        )
        cls.staging = Environment.create(
            {
                "contract_id": cls.contract.id,
                "name": "Staging",
                "kind": "staging",
                **values,
            }
        )
        cls.foreign = Environment.create(
            {"contract_id": cls.other_contract.id, "name": "Globex prod", **values}
        )

    def test_production_by_default_and_version_shown(self):
        ticket = self._ticket()
        self.assertEqual(ticket.environment_id, self.production)
        self.assertEqual(ticket.environment_version, "18.0")
        self.assertEqual(ticket.environment_edition, "enterprise")
        staging_ticket = self._ticket(environment_id=self.staging.id)
        self.assertEqual(staging_ticket.environment_id, self.staging)

    def test_environment_of_another_customer_refused(self):
        with self.assertRefused(ValidationError, "not one of"):
            self._ticket(environment_id=self.foreign.id)
        ticket = self._ticket()
        with self.assertRefused(ValidationError, "not one of"):
            ticket.with_user(self.agent).write({"environment_id": self.foreign.id})
        self.assertEqual(ticket.environment_id, self.production)

    def test_other_customer_gets_its_own(self):
        ticket = self._ticket(partner_id=self.other_contact.id)
        self.assertEqual(ticket.environment_id, self.foreign)
