import base64

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import SupportContractCommon

GOOD_CSV = """module,origin,version,lines
sale_management,odoo_community,18.0.1.0,0
account_accountant,odoo_enterprise,18.0.1.1,0
account_financial_report,oca_third_party,18.0.2.3.1,0
l10n_fr_helios,provider_localisation,18.0.1.0.4,3200
acme_sale_rules,customer_custom,18.0.1.2,2400
acme_edi,customer_custom,18.0.3.0,4100
"""


@tagged("post_install", "-at_install")
class TestSupportEnvironment(SupportContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract(code_lines=1000)
        cls.production = cls._environment(cls.contract)

    @classmethod
    def _environment(cls, contract, **vals):
        return cls.env["support.environment"].create(
            {
                "contract_id": contract.id,
                "name": "Production",
                "kind": "production",
                "odoo_version": "18.0",
                "edition": "enterprise",
                "hosting": "odoo_sh",
                **vals,
            }
        )

    def _import(self, text, environment=None, user=None, **vals):
        wizard = (
            self.env["support.environment.import.wizard"]
            .with_user(user or self.manager)
            .create(
                {
                    "environment_id": (environment or self.production).id,
                    "file": base64.b64encode(text.encode()),
                    **vals,
                }
            )
        )
        return wizard.action_import()

    # ------------------------------------------------------------ model
    def test_environment_fields(self):
        self.assertEqual(self.production.partner_id, self.customer)
        self.assertEqual(self.production.company_id, self.contract.company_id)
        self.assertEqual(self.contract.environment_ids, self.production)
        self.assertEqual(self.contract.production_environment_id, self.production)
        self.assertEqual(self.production.display_name, "Production (Production)")

    def test_one_active_production_per_contract(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(IntegrityError, "one_production_per_contract"),
        ):
            self._environment(self.contract, name="Second production")
        staging = self._environment(self.contract, name="Staging", kind="staging")
        self.assertEqual(self.contract.production_environment_id, self.production)
        self.assertEqual(self.contract.environment_count, 2)
        self.assertTrue(staging)

    def test_odoo_version_format(self):
        with self.assertRefused(ValidationError, "is not an Odoo version"):
            self.production.odoo_version = "eighteen"
        self.production.odoo_version = "saas~18.2"

    def test_module_unique_and_positive(self):
        Module = self.env["support.environment.module"]
        Module.create({"environment_id": self.production.id, "name": "sale"})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(IntegrityError, "name_per_environment"),
        ):
            Module.create({"environment_id": self.production.id, "name": "sale"})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(IntegrityError, "lines_positive"),
        ):
            Module.create(
                {
                    "environment_id": self.production.id,
                    "name": "crm",
                    "lines_of_code": -5,
                }
            )
        with self.assertRefused(ValidationError, "not a module technical name"):
            Module.create({"environment_id": self.production.id, "name": "Sale App"})

    # ------------------------------------------------------------ C2
    def test_code_lines_from_production_environment(self):
        """C2: customer custom code counts, the provider's localisation not."""
        self._import(GOOD_CSV)
        self.assertEqual(self.production.module_count, 6)
        self.assertEqual(self.production.custom_code_lines, 6500)
        self.assertEqual(self.contract.code_lines, 6500)
        # the Light plan stops at 5,000 lines: the range check flags it
        self.assertIn("6500 lines", self.contract.range_issue)
        with self.assertRefused(UserError, "6500 lines"):
            self.contract.with_user(self.manager).action_activate()
        module = self.production.module_ids.filtered(lambda m: m.name == "acme_edi")
        module.lines_of_code = 2000
        self.assertEqual(self.contract.code_lines, 4400)
        self.assertFalse(self.contract.range_issue)
        self.contract.with_user(self.manager).action_activate()
        self.assertEqual(self.contract.state, "active")

    def test_code_lines_staging_does_not_count(self):
        staging = self._environment(self.contract, name="Staging", kind="staging")
        self._import(GOOD_CSV, environment=staging)
        self.assertEqual(self.contract.code_lines, 0)

    def test_code_lines_typed_without_environment(self):
        contract = self._contract(partner_id=self.other_customer.id, code_lines=4200)
        self.assertFalse(contract.production_environment_id)
        self.assertEqual(contract.code_lines, 4200)
        contract.code_lines = 4300
        self.assertEqual(contract.code_lines, 4300)

    # ------------------------------------------------------------ import
    def test_import_good_file_then_update(self):
        self._import(GOOD_CSV)
        self._import(
            "origin,module,lines,version\n"
            "customer_custom,acme_edi,5000,18.0.3.1\n"
            "oca_third_party,web_responsive,,18.0.1.0\n"
        )
        modules = {m.name: m for m in self.production.module_ids}
        self.assertEqual(len(modules), 7)
        self.assertEqual(modules["acme_edi"].lines_of_code, 5000)
        self.assertEqual(modules["acme_edi"].version, "18.0.3.1")
        self.assertEqual(modules["web_responsive"].origin, "oca_third_party")
        self.assertEqual(self.contract.code_lines, 7400)

    def test_import_bad_file_reports_lines_and_writes_nothing(self):
        self._import("module,origin,version,lines\nsale,odoo_community,18.0,0\n")
        bad = (
            "module,origin,version,lines\n"
            "crm,odoo_community,18.0,0\n"
            "acme_x,vendor,1.0,10\n"
            "acme_y,customer_custom,1.0,-4\n"
            "acme_z,customer_custom,1.0,12.5\n"
            ",customer_custom,1.0,3\n"
            "crm,odoo_community,18.0,0\n"
        )
        with self.assertRefused(UserError, "Nothing was imported") as cm:
            self._import(bad)
        message = str(cm.exception)
        for expected in (
            'Line 3: unknown origin "vendor"',
            "Line 4: lines of code cannot be negative",
            'Line 5: lines of code "12.5" is not a whole number',
            "Line 6: the module name is empty",
            "Line 7: module already listed on line 2",
        ):
            self.assertIn(expected, message)
        self.assertNotIn("Line 2:", message)
        self.assertEqual(self.production.module_ids.mapped("name"), ["sale"])

    def test_import_bad_header(self):
        with self.assertRefused(UserError, "Line 1: the first line must name"):
            self._import("sale,odoo_community,18.0,0\n")
        with self.assertRefused(UserError, "Line 1: the file is empty"):
            self._import("\n")

    def test_import_foreign_environment(self):
        other = self._contract(partner_id=self.other_customer.id)
        with self.assertRefused(UserError, "belongs to another contract"):
            self._import(GOOD_CSV, contract_id=other.id)
        env_b = self._environment(self.contract_b)
        with self.assertRefused(UserError, "."):
            self._import(GOOD_CSV, environment=env_b)
        self.assertFalse(env_b.module_ids)

    def test_import_reserved_to_managers(self):
        with self.assertRaises(AccessError):
            self._import(GOOD_CSV, user=self.agent)
        self.assertFalse(self.production.module_ids)

    # ------------------------------------------------------------ access
    def test_agents_read_managers_write(self):
        self.production.with_user(self.agent).read(["name", "module_ids"])
        with self.assertRaises(AccessError):
            self.production.with_user(self.agent).write({"name": "Prod"})
        self.production.with_user(self.manager).write({"name": "Prod"})
        with self.assertRaises(AccessError):
            self.production.with_user(self.manager_b).read(["name"])


@tagged("post_install", "-at_install")
class TestEnvironmentDemo(TransactionCase):
    """The demo's customers each run a production environment whose custom
    code is the contract's lines of custom code (C2)."""

    def test_demo_environments(self):
        lumiere = self.env.ref(
            "support_contract.contract_maison_lumiere", raise_if_not_found=False
        )
        if not lumiere:
            self.skipTest("installed without demo data")
        contracts = self.env["support.contract"].search(
            [("state", "!=", "cancelled"), ("environment_ids", "!=", False)]
        )
        customers = (
            self.env["support.contract"]
            .search([("state", "in", ("active", "suspended"))])
            .partner_id
        )
        self.assertFalse(customers - contracts.partner_id, "customers without one")
        for contract in contracts:
            production = contract.production_environment_id
            self.assertTrue(production, contract.display_name)
            origins = set(production.module_ids.mapped("origin"))
            self.assertIn("odoo_community", origins, contract.display_name)
            self.assertEqual(
                contract.code_lines,
                production.custom_code_lines,
                contract.display_name,
            )
        self.assertGreaterEqual(
            len(contracts.environment_ids.filtered(lambda e: e.kind != "production")),
            3,
        )
        self.assertEqual(lumiere.code_lines, 12000)
