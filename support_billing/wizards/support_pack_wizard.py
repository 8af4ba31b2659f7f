from odoo import api, fields, models

from odoo.addons.support_contract.access import check_support_group


class SupportPackWizard(models.TransientModel):
    """Buy a prepaid pack of hours from the contract (B2)."""

    _name = "support.pack.wizard"
    _description = "Buy Prepaid Hours"

    contract_id = fields.Many2one("support.contract", required=True)
    pack_id = fields.Many2one("support.hours.pack", required=True)
    price = fields.Float(compute="_compute_price", string="Price of the Pack")
    currency_id = fields.Many2one(related="contract_id.currency_id")

    @api.depends("pack_id", "contract_id")
    def _compute_price(self):
        for wizard in self:
            wizard.price = (
                wizard.pack_id._get_price(wizard.contract_id) if wizard.pack_id else 0.0
            )

    def action_buy(self):
        check_support_group(self, "manager")
        self.ensure_one()
        credit = self.contract_id._buy_pack(self.pack_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": credit.move_id.id,
            "view_mode": "form",
        }
