from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount


class SupportContractAddonLine(models.Model):
    """An add-on held by a contract over a period (C4); dated so that an upgrade
    mid-month applies from its date."""

    _name = "support.contract.addon.line"
    _description = "Support Contract Add-on"
    _order = "contract_id, date_start, id"
    _check_company_auto = True

    contract_id = fields.Many2one(
        "support.contract", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    addon_id = fields.Many2one(
        "support.addon", string="Add-on", required=True, check_company=True
    )
    date_start = fields.Date(
        string="From",
        required=True,
        compute="_compute_date_start",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_end = fields.Date(string="Until")
    monthly_fee = fields.Monetary(
        compute="_compute_monthly_fee", store=True, readonly=False
    )

    @api.depends("contract_id.date_start")
    def _compute_date_start(self):
        """Today, or the contract's start when the contract starts later."""
        today = fields.Date.context_today(self)
        for line in self.filtered(lambda ln: not ln.date_start):
            line.date_start = max(today, line.contract_id.date_start or today)

    @api.depends("addon_id")
    def _compute_monthly_fee(self):
        for line in self:
            line.monthly_fee = line.addon_id.monthly_fee

    def _in_force(self, day):
        self.ensure_one()
        return self.date_start <= day and (not self.date_end or self.date_end >= day)

    def _overlaps(self, other):
        far = fields.Date.to_date("9999-12-31")
        return self.date_start <= (other.date_end or far) and other.date_start <= (
            self.date_end or far
        )

    @api.constrains("date_start", "date_end", "addon_id", "contract_id", "monthly_fee")
    def _check_line(self):
        for line in self:
            if line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    self.env._(
                        "Add-on %(addon)s ends before it starts.",
                        addon=line.addon_id.display_name,
                    )
                )
            if line.monthly_fee < 0:
                raise ValidationError(
                    self.env._("The monthly fee of an add-on cannot be negative.")
                )
            if not line.contract_id.plan_id.allow_addons:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s is sold without add-ons.",
                        plan=line.contract_id.plan_id.display_name,
                    )
                )
            for other in line.contract_id.addon_line_ids - line:
                if not line._overlaps(other):
                    continue
                if other.addon_id == line.addon_id:
                    raise ValidationError(
                        self.env._(
                            "Add-on %(addon)s is held twice over overlapping periods.",
                            addon=line.addon_id.display_name,
                        )
                    )
                if line.addon_id._excludes(other.addon_id):
                    raise ValidationError(
                        self.env._(
                            "Add-ons %(a)s and %(b)s cannot be held at the same time.",
                            a=line.addon_id.display_name,
                            b=other.addon_id.display_name,
                        )
                    )
            line._check_bundle()

    def _check_bundle(self):
        """C4: the parts of a bundle held side by side cost more than the
        bundle (Extended and 365: 2,500 a month instead of 2,000, and weekends
        08:00-17:00 instead of 07:00-23:00): refused, the bundle proposed."""
        self.ensure_one()
        bundles = (
            self.env["support.addon"]
            .sudo()
            .search(
                [
                    ("bundle_component_ids", "in", self.addon_id.ids),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )
        overlapping = self.contract_id.addon_line_ids.filtered(
            lambda other: other == self or self._overlaps(other)
        )
        for bundle in bundles:
            parts = bundle.bundle_component_ids
            if len(parts) < 2 or parts - overlapping.addon_id:
                continue
            currency = self.currency_id or self.company_id.currency_id
            raise ValidationError(
                self.env._(
                    "%(parts)s held together cost %(total)s a month: the bundle "
                    "%(bundle)s gives the same service for %(fee)s, with its "
                    "own availability (%(window)s). End these add-ons and add "
                    "the bundle instead.",
                    parts=", ".join(parts.mapped("display_name")),
                    total=format_amount(
                        self.env, sum(parts.mapped("monthly_fee")), currency
                    ),
                    bundle=bundle.display_name,
                    fee=format_amount(self.env, bundle.monthly_fee, currency),
                    window=bundle.resource_calendar_id.display_name or "-",
                )
            )
