from odoo import api, fields, models
from odoo.exceptions import UserError

from ..access import check_support_group


class SupportContractOverrideWizard(models.TransientModel):
    """A support manager accepts a contract's sizing outside its plan's ranges,
    with a reason that is logged in the contract's chatter (C2)."""

    _name = "support.contract.override.wizard"
    _description = "Accept Sizing Outside the Plan's Ranges"

    contract_id = fields.Many2one("support.contract", required=True, readonly=True)
    range_issue = fields.Text(related="contract_id.range_issue")
    reason = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "contract_id" in fields_list
            and not res.get("contract_id")
            and self.env.context.get("active_model") == "support.contract"
        ):
            res["contract_id"] = self.env.context.get("active_id")
        return res

    def action_confirm(self):
        check_support_group(self, "manager")
        self.ensure_one()
        if not self.reason.strip():
            raise UserError(self.env._("A range override needs a reason."))
        self.contract_id.write(
            {"range_override": True, "range_override_reason": self.reason.strip()}
        )
        return {"type": "ir.actions.act_window_close"}
