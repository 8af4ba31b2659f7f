from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportAddon(models.Model):
    """An add-on service sold on top of a plan (C4): extra availability windows."""

    _name = "support.addon"
    _description = "Support Add-on Service"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    monthly_fee = fields.Monetary(currency_field="currency_id")
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Extra availability",
        help="Windows added to the plan's availability while the add-on is in force.",
    )
    critical_only = fields.Boolean(
        default=True, help="The extra windows serve critical tickets only."
    )
    covers_public_holidays = fields.Boolean(
        help="The extra windows apply on public holidays too (365 availability)."
    )
    exclusive_addon_ids = fields.Many2many(
        "support.addon",
        "support_addon_exclusive_rel",
        "addon_id",
        "other_id",
        string="Cannot be combined with",
        help="A contract cannot hold this add-on and one of these at the same time.",
    )
    bundle_component_ids = fields.Many2many(
        "support.addon",
        "support_addon_bundle_rel",
        "bundle_id",
        "component_id",
        string="Bundle of",
        help="This add-on sells these add-ons together for less: a contract "
        "cannot hold them all at the same time and is offered this bundle "
        "instead, nor hold the bundle beside one of them.",
    )

    _fee_positive = models.Constraint(
        "CHECK(monthly_fee >= 0)", "The monthly fee of an add-on cannot be negative."
    )

    @api.constrains("monthly_fee")
    def _check_fee(self):
        for addon in self:
            if addon.monthly_fee < 0:
                raise ValidationError(
                    self.env._(
                        "Add-on %(addon)s: the monthly fee cannot be negative.",
                        addon=addon.display_name,
                    )
                )

    @api.constrains("exclusive_addon_ids", "bundle_component_ids")
    def _check_exclusive(self):
        for addon in self:
            if addon in addon.exclusive_addon_ids:
                raise ValidationError(self.env._("An add-on cannot exclude itself."))
            if addon in addon.bundle_component_ids:
                raise ValidationError(
                    self.env._("An add-on cannot be a bundle of itself.")
                )

    def _excludes(self, other):
        """Whether this add-on and ``other`` cannot be held together (C4):
        declared exclusive on either side, or a bundle and one of its parts."""
        self.ensure_one()
        return (
            other in self.exclusive_addon_ids
            or self in other.exclusive_addon_ids
            or other in self.bundle_component_ids
            or self in other.bundle_component_ids
        )
