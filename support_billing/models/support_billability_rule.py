from odoo import api, fields, models
from odoo.tools import ormcache

DECISIONS = [
    ("billable", "Billable"),
    ("free", "Free of charge"),
    ("quote", "Quoted separately"),
]

CODE_OWNERSHIP = [
    ("odoo_community", "Odoo community"),
    ("odoo_enterprise", "Odoo enterprise"),
    ("third_party", "OCA or third-party app"),
    ("provider_localisation", "Our localisation modules"),
    ("customer_custom", "Customer customisation"),
]

SCOPE_COVERAGE = [
    ("included", "Included"),
    ("billable", "Billable"),
    ("free", "Free"),
    ("out_of_scope", "Out of scope"),
]


class SupportBillabilityRule(models.Model):
    """Who pays for a request: rules an administrator reads and edits (S1-S5).

    The first active rule (by sequence) whose conditions all match a ticket
    decides; an empty condition matches anything. Without a matching rule a
    request is billable (C1: the Basic tier bills every hour).
    """

    _name = "support.billability.rule"
    _description = "Support Billability Rule"
    _inherit = ["support.worker.cache.mixin"]  # _active_rule_ids, per worker
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to apply the rule in every company."
    )
    # ------------------------------------------------------------ Conditions
    scope_coverage = fields.Selection(
        SCOPE_COVERAGE,
        string="When Coverage Is",
        help="The coverage of the ticket's scope item by the contract's plan.",
    )
    code_ownership = fields.Selection(
        CODE_OWNERSHIP, string="When Code Belongs To", help="Who owns the code."
    )
    plan_ids = fields.Many2many(
        "support.plan",
        string="For Plans",
        help="Leave empty for every plan.",
    )
    ticket_type_ids = fields.Many2many(
        "support.ticket.type",
        string="For Ticket Types",
        help="Leave empty for every type.",
    )
    # ------------------------------------------------------------ Result
    decision = fields.Selection(
        DECISIONS,
        required=True,
        default="billable",
        help="Billable: the billed time is drawn from the hours balance. "
        "Free: nothing is billed. Quoted separately: the request becomes a "
        "project with its own quote.",
    )
    note = fields.Text(translate=True, help="Why, in words the customer understands.")

    def _matches(self, ticket):
        self.ensure_one()
        if self.company_id and self.company_id != ticket.company_id:
            return False
        if self.scope_coverage and self.scope_coverage != ticket.scope_coverage:
            return False
        if self.code_ownership and self.code_ownership != ticket.code_ownership:
            return False
        if self.plan_ids and ticket.plan_id not in self.plan_ids:
            return False
        return not (self.ticket_type_ids and ticket.type_id not in self.ticket_type_ids)

    @api.model
    @ormcache()
    def _active_rule_ids(self):
        """The active rules in the order they are tried (cached per worker,
        cleared on every worker by an edit)."""
        return tuple(self.sudo().with_context(active_test=True).search([]).ids)

    @api.model
    def _find_for(self, ticket, rules=None):
        rules = self.search([]) if rules is None else rules
        for rule in rules:
            if rule._matches(ticket):
                return rule
        return self.browse()
