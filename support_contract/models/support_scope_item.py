from odoo import fields, models


class SupportScopeItem(models.Model):
    """A kind of request, with its coverage per plan (S1-S4)."""

    _name = "support.scope.item"
    _description = "Support Scope Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(
        [
            ("standard", "Standard system"),
            ("bug", "Bugs"),
            ("account", "Account and billing"),
            ("infrastructure", "Infrastructure"),
            ("project", "Project work"),
            ("data", "Data"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
    )
    company_id = fields.Many2one("res.company", index=True)
    coverage_ids = fields.One2many("support.scope.coverage", "scope_item_id")
