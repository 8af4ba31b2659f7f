"""The default SLA policies of 19.0.1.1.0 are named without rule codes (their
data is ``noupdate``): names nobody edited get the new text."""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_contract.migration import refresh_texts

NAMES = {
    "sla_policy_assignment": (
        "Assignment within 2 working days (L3)",
        "Assignment within 2 working days",
    ),
    "sla_policy_response_low": (
        "Low: response within 3 business days (L1)",
        "Low: response within 3 business days",
    ),
    "sla_policy_response_medium": (
        "Medium: response within 2 business days (L1)",
        "Medium: response within 2 business days",
    ),
    "sla_policy_response_high": (
        "High: response within 8 business hours (L1)",
        "High: response within 8 business hours",
    ),
    "sla_policy_response_critical_emergency": (
        "Critical on the emergency line: response within 10 minutes (L2)",
        "Critical on the emergency line: response within 10 minutes",
    ),
    "sla_policy_resolution": (
        "Resolution objective: 10 working days (L4)",
        "Resolution objective: 10 working days",
    ),
}


def migrate(cr, version):
    changes = {
        f"support_sla.{xmlid}": {"name": texts} for xmlid, texts in NAMES.items()
    }
    refresh_texts(api.Environment(cr, SUPERUSER_ID, {}), changes)
