from odoo import api, fields, models

from .support_plan import COVERAGE


class SupportScopeCoverage(models.Model):
    _name = "support.scope.coverage"
    _description = "Support Scope Coverage"
    _order = "plan_id, scope_item_id"

    scope_item_id = fields.Many2one(
        "support.scope.item", required=True, ondelete="cascade", index=True
    )
    plan_id = fields.Many2one(
        "support.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    coverage = fields.Selection(COVERAGE, required=True, default="included")
    note = fields.Char(translate=True)

    _item_plan_uniq = models.Constraint(
        "UNIQUE(scope_item_id, plan_id)",
        "A scope item has exactly one coverage per plan.",
    )

    @api.depends("scope_item_id", "plan_id", "coverage")
    def _compute_display_name(self):
        labels = dict(COVERAGE)
        for line in self:
            line.display_name = (
                f"{line.scope_item_id.name} / {line.plan_id.name}: "
                f"{labels.get(line.coverage, '')}"
            )
