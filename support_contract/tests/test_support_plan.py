import re

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestSupportPlan(SupportContractCommon):
    """Plans (C1, C3) and their scope coverage (S1-S4)."""

    def test_negative_fee_refused_and_plan_unchanged(self):
        """C1: a negative monthly fee or hourly rate is refused with a clear message."""
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.plan_light.write({"monthly_fee": -1})
        self.assertUnchanged(self.plan_light, monthly_fee=250, hourly_rate=120)
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.plan_light.write({"hourly_rate": -0.5})
        self.assertUnchanged(self.plan_light, monthly_fee=250, hourly_rate=120)

    @mute_logger("odoo.sql_db")
    def test_negative_fee_refused_on_create(self):
        """C1: the database refuses a negative fee even on creation (the RPC layer
        turns this into the constraint's message)."""
        count = self.env["support.plan"].search_count([])
        with self.assertRaises(IntegrityError):
            self.env["support.plan"].create(
                {
                    "name": "Negative",
                    "monthly_fee": -10,
                    "resource_calendar_id": self.calendar.id,
                }
            )
        self.assertEqual(self.env["support.plan"].search_count([]), count)

    def test_inverted_ranges_refused(self):
        """C1/C2: a minimum above the maximum is refused; 0 as maximum is unbounded."""
        with self.assertRefused(ValidationError, "inverted"):
            self.plan_light.write({"users_min": 60})
        self.assertUnchanged(self.plan_light, users_min=1, users_max=50)
        with self.assertRefused(ValidationError, "inverted"):
            self.plan_light.write({"code_lines_min": 8000, "code_lines_max": 7000})
        self.assertUnchanged(self.plan_light, code_lines_min=0, code_lines_max=5000)
        with self.assertRefused(ValidationError, "inverted"):
            self.env["support.plan"].create(
                {
                    "name": "Inverted",
                    "users_min": 10,
                    "users_max": 5,
                    "resource_calendar_id": self.calendar.id,
                }
            )
        # 0 as maximum means unbounded: no range issue however big the customer.
        self.plan_light.users_max = 0
        self.assertEqual(self.plan_light._range_issues(10_000, 100), [])
        self.assertEqual(len(self.plan_light._range_issues(0, 100)), 1)

    def test_range_issues_name_the_counts(self):
        """C2: the flag says which count is out of range."""
        issues = self.plan_light._range_issues(80, 6000)
        self.assertEqual(len(issues), 2)
        self.assertIn("80 users", issues[0])
        self.assertIn("6000 lines", issues[1])
        self.assertEqual(self.plan_light._range_issues(50, 5000), [])

    def test_plan_cannot_include_or_require_itself(self):
        """C3: a plan cannot include or require itself."""
        with self.assertRefused(ValidationError, "itself"):
            self.plan_light.write(
                {"included_plan_ids": [Command.link(self.plan_light.id)]}
            )
        self.assertUnchanged(self.plan_light, included_plan_ids=[])
        with self.assertRefused(ValidationError, "itself"):
            self.plan_light.write({"required_plan_id": self.plan_light.id})
        self.assertFalse(self.plan_light.required_plan_id)

    def test_coverage_with_included_plans(self):
        """S1-S4: a plan's coverage of a scope item; a plan it includes counts too;
        an item without coverage is out of scope."""
        Item = self.env["support.scope.item"]
        bug = Item.create({"name": "Test bug in the standard", "category": "bug"})
        infra = Item.create(
            {"name": "Test server question", "category": "infrastructure"}
        )
        training = Item.create({"name": "Test training", "category": "project"})
        patch = self.env["support.plan"].create(
            {
                "name": "Test Patch",
                "plan_kind": "agreement",
                "resource_calendar_id": self.calendar.id,
                "coverage_ids": [
                    Command.create({"scope_item_id": infra.id, "coverage": "included"}),
                    Command.create({"scope_item_id": bug.id, "coverage": "billable"}),
                ],
            }
        )
        maintenance = self.env["support.plan"].create(
            {
                "name": "Test Maintenance",
                "plan_kind": "agreement",
                "resource_calendar_id": self.calendar.id,
                "included_plan_ids": [Command.set(patch.ids)],
                "coverage_ids": [
                    Command.create({"scope_item_id": bug.id, "coverage": "included"}),
                    Command.create({"scope_item_id": infra.id, "coverage": "billable"}),
                ],
            }
        )
        self.assertEqual(patch._get_coverage(bug), "billable")
        self.assertEqual(patch._get_coverage(training), "out_of_scope")
        self.assertEqual(maintenance._get_coverage(bug), "included")
        # the included patch plan covers the server question better
        self.assertEqual(maintenance._get_coverage(infra), "included")
        self.assertEqual(maintenance._get_coverage(training), "out_of_scope")
        self.assertIn("Test Maintenance", maintenance.coverage_ids[0].display_name)

    @mute_logger("odoo.sql_db")
    def test_one_coverage_per_plan_and_item(self):
        """S1: a scope item has exactly one coverage per plan."""
        item = self.env["support.scope.item"].create({"name": "Test item"})
        Coverage = self.env["support.scope.coverage"]
        Coverage.create({"scope_item_id": item.id, "plan_id": self.plan_light.id})
        with self.assertRaises(IntegrityError):
            Coverage.create(
                {
                    "scope_item_id": item.id,
                    "plan_id": self.plan_light.id,
                    "coverage": "billable",
                }
            )

    def test_contract_count_and_action(self):
        self._contract()
        self.assertEqual(self.plan_light.contract_count, 1)
        action = self.plan_light.action_view_contracts()
        self.assertEqual(action["domain"], [("plan_id", "=", self.plan_light.id)])


@tagged("post_install", "-at_install")
class TestSupportAddon(SupportContractCommon):
    """Add-on services (C4) and the dated add-on lines of a contract."""

    def _line(self, contract, addon, start, end=False):
        return self.env["support.contract.addon.line"].create(
            {
                "contract_id": contract.id,
                "addon_id": addon.id,
                "date_start": start,
                "date_end": end,
            }
        )

    def test_negative_addon_fee_refused(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.addon_extended.write({"monthly_fee": -1000})
        self.assertUnchanged(self.addon_extended, monthly_fee=1000)
        contract = self._contract()
        line = self._line(contract, self.addon_extended, "2026-01-01")
        with self.assertRefused(ValidationError, "cannot be negative"):
            line.write({"monthly_fee": -1})
        self.assertUnchanged(line, monthly_fee=1000)

    def test_addon_cannot_exclude_itself(self):
        with self.assertRefused(ValidationError, "exclude itself"):
            self.addon_365.write(
                {"exclusive_addon_ids": [Command.link(self.addon_365.id)]}
            )
        self.assertUnchanged(self.addon_365, exclusive_addon_ids=[])

    def test_exclusive_addons_cannot_overlap(self):
        """C4: 365 and 365 + Extended cannot be held at the same time, whichever
        side declares the exclusion; one after the other (an upgrade) is fine."""
        contract = self._contract()
        self._line(contract, self.addon_365, "2026-01-01", "2026-03-14")
        with self.assertRefused(ValidationError, "cannot be held at the same time"):
            self._line(contract, self.addon_bundle, "2026-03-01")
        self.assertEqual(contract.addon_line_ids.addon_id, self.addon_365)
        # the upgrade from the 15th is accepted
        self._line(contract, self.addon_bundle, "2026-03-15")
        self.assertEqual(len(contract.addon_line_ids), 2)
        # the other direction: 365 declared on nothing, bundle declares 365
        other = self._contract(partner_id=self.other_customer.id)
        self._line(other, self.addon_bundle, "2026-01-01")
        with self.assertRefused(ValidationError, "cannot be held at the same time"):
            self._line(other, self.addon_365, "2026-06-01", "2026-06-30")
        # Extended and 365 are compatible
        self._line(other, self.addon_extended, "2026-01-01")
        self.assertEqual(len(other.addon_line_ids), 2)

    def test_bundle_parts_side_by_side_refused(self):
        """C4: Extended and 365 held together cost 2,500 instead of the
        bundle's 2,000: refused with a message proposing the bundle; one after
        the other, or the bundle alone, is accepted."""
        self.addon_bundle.bundle_component_ids = self.addon_extended | self.addon_365
        contract = self._contract()
        self._line(contract, self.addon_extended, "2026-01-01", "2026-03-31")
        with self.assertRefused(
            ValidationError, re.escape(self.addon_bundle.name)
        ) as refusal:
            self._line(contract, self.addon_365, "2026-03-01")
        self.assertIn("2,000", str(refusal.exception))
        self.assertIn("2,500", str(refusal.exception))
        self.assertEqual(contract.addon_line_ids.addon_id, self.addon_extended)
        # 365 once Extended has ended is fine
        self._line(contract, self.addon_365, "2026-04-01", "2026-04-30")
        # the bundle beside one of its parts is refused, after them accepted
        with self.assertRefused(ValidationError, "cannot be held at the same time"):
            self._line(contract, self.addon_bundle, "2026-04-15")
        self._line(contract, self.addon_bundle, "2026-05-01")
        self.assertEqual(len(contract.addon_line_ids), 3)
        with self.assertRefused(ValidationError, "bundle of itself"):
            self.addon_bundle.bundle_component_ids |= self.addon_bundle

    def test_same_addon_cannot_overlap(self):
        """C4: two lines of one add-on cannot overlap; consecutive ones can."""
        contract = self._contract()
        line = self._line(contract, self.addon_extended, "2026-01-01", "2026-06-30")
        with self.assertRefused(ValidationError, "held twice"):
            self._line(contract, self.addon_extended, "2026-06-30")
        self._line(contract, self.addon_extended, "2026-07-01")
        # extending the first line into the second is refused, the line unchanged
        with self.assertRefused(ValidationError, "held twice"):
            line.write({"date_end": False})
        self.assertUnchanged(line, date_end="2026-06-30")

    def test_not_sold_with_the_free_tier(self):
        """C4: add-ons are not sold with plans that exclude them (Basic)."""
        contract = self._contract(plan_id=self.plan_basic.id)
        with self.assertRefused(ValidationError, "without add-ons"):
            self._line(contract, self.addon_extended, "2026-01-01")
        self.assertFalse(contract.addon_line_ids)
        # a contract holding add-ons cannot move to the free tier either
        light = self._contract(partner_id=self.other_customer.id)
        self._line(light, self.addon_extended, "2026-01-01")
        with self.assertRefused(ValidationError, "without add-ons"):
            light.write({"plan_id": self.plan_basic.id})
        self.assertUnchanged(light, plan_id=self.plan_light)

    def test_addon_line_end_before_start(self):
        contract = self._contract()
        with self.assertRefused(ValidationError, "ends before it starts"):
            self._line(contract, self.addon_extended, "2026-05-01", "2026-04-30")
        line = self._line(contract, self.addon_extended, "2026-05-01")
        with self.assertRefused(ValidationError, "ends before it starts"):
            line.write({"date_end": "2026-01-01"})
        self.assertUnchanged(line, date_end=False)

    def test_line_fee_defaults_from_addon(self):
        contract = self._contract()
        line = self._line(contract, self.addon_bundle, "2026-01-01")
        self.assertEqual(line.monthly_fee, 2000)
        self.assertEqual(line.company_id, contract.company_id)
