from odoo.exceptions import AccessError

from .common import SupportBillingCommon

# S5: the shipped rule of each code owner and its decision
OWNER_RULES = {
    "odoo_community": ("support_billing.rule_odoo_community", "billable"),
    "odoo_enterprise": ("support_billing.rule_odoo_enterprise", "billable"),
    "third_party": ("support_billing.rule_third_party", "billable"),
    "provider_localisation": ("support_billing.rule_provider_localisation", "free"),
    "customer_custom": ("support_billing.rule_customer_custom", "billable"),
}


class TestOwnershipRules(SupportBillingCommon):
    """Who pays (S5): one default billability rule per code owner, shipped
    as data, which an administrator edits."""

    def setUp(self):
        super().setUp()
        self.rules = self.env["support.billability.rule"].browse(
            [self.env.ref(xmlid).id for xmlid, _decision in OWNER_RULES.values()]
        )
        self.rules.active = True

    def test_one_shipped_rule_per_owner(self):
        owners = self.env["support.billability.rule"]._fields["code_ownership"]
        self.assertEqual({key for key, _label in owners.selection}, set(OWNER_RULES))
        for owner, (xmlid, decision) in OWNER_RULES.items():
            rule = self.env.ref(xmlid)
            self.assertEqual(rule.code_ownership, owner)
            ticket = self._ticket(code_ownership=owner)
            self.assertEqual(ticket.billability_rule_id, rule, owner)
            self.assertEqual(ticket.billing_decision, decision, owner)

    def test_an_administrator_edits_an_owner_rule(self):
        rule = self.env.ref("support_billing.rule_odoo_enterprise")
        with self.assertRaises(AccessError):
            rule.with_user(self.manager).write({"decision": "free"})
        rule.with_user(self.admin).write({"decision": "free"})
        ticket = self._ticket(code_ownership="odoo_enterprise")
        self.assertEqual(ticket.billing_decision, "free")
        self.assertFalse(ticket.billable)
