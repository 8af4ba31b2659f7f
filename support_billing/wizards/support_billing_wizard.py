import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group

from ..tools.pricing import month_period


class SupportBillingWizard(models.TransientModel):
    """Invoice a month by hand (B5): the same code as the monthly job."""

    _name = "support.billing.wizard"
    _description = "Support Invoicing Wizard"

    period_date = fields.Date(
        string="Month",
        required=True,
        default=lambda self: month_period(
            month_period(fields.Date.context_today(self))[0]
            - datetime.timedelta(days=1)
        )[0],
        help="Any day of the month to invoice.",
    )
    contract_ids = fields.Many2many(
        "support.contract",
        string="Contracts",
        help="Leave empty to invoice every running contract of the month.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "support.contract":
            values["contract_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def action_invoice(self):
        check_support_group(self, "manager")
        self.ensure_one()
        period_start, period_end = month_period(self.period_date)
        if period_start > fields.Date.context_today(self):
            raise UserError(
                self.env._("A month that has not started cannot be invoiced.")
            )
        Run = self.env["support.billing.run"]
        if self.contract_ids:
            self.contract_ids._check_billable_state()
            outside = self.contract_ids.filtered(
                lambda c: (
                    c.date_start > period_end
                    or (c.date_end and c.date_end < period_start)
                )
            )
            if outside:
                raise UserError(
                    self.env._(
                        "These contracts do not run in that month: %(names)s",
                        names=", ".join(outside.mapped("display_name")),
                    )
                )
            contracts = self.contract_ids
        else:
            contracts = Run._contracts_to_invoice(period_start)
        run = Run._run(period_start, contracts, trigger="manual")
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.billing.run",
            "res_id": run.id,
            "view_mode": "form",
        }
