from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportReservationChange(models.Model):
    """A change of the monthly reserved hours, effective next period (B3)."""

    _name = "support.reservation.change"
    _description = "Reserved Hours Change"
    _order = "date_effective desc, id desc"

    contract_id = fields.Many2one(
        "support.contract", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    date_effective = fields.Date(string="Effective From", required=True)
    hours = fields.Float(string="New Reserved Hours", required=True)
    previous_hours = fields.Float(string="Previous Reserved Hours")
    user_id = fields.Many2one(
        "res.users", string="Requested By", default=lambda self: self.env.user
    )
    applied = fields.Boolean(help="The contract already shows the new hours.")

    @api.constrains("hours", "contract_id")
    def _check_hours(self):
        for change in self:
            if change.hours < 0:
                raise ValidationError(self.env._("Reserved hours cannot be negative."))
            if change.hours and not change.contract_id.plan_id.allow_reserved_hours:
                raise ValidationError(
                    self.env._(
                        "The plan %(plan)s does not allow reserving hours.",
                        plan=change.contract_id.plan_id.display_name,
                    )
                )

    @api.model
    def _cron_apply_due_changes(self):
        """Show the reservations in force on the contracts (B3)."""
        due = self.search(
            [
                ("applied", "=", False),
                ("date_effective", "<=", fields.Date.context_today(self)),
            ],
            order="date_effective, id",
        )
        for change in due:
            change.contract_id.with_context(
                support_reservation_apply=True
            ).reserved_hours = change.hours
        due.applied = True
