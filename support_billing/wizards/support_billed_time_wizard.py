from odoo import fields, models

from odoo.addons.support_contract.access import check_support_group


class SupportBilledTimeWizard(models.TransientModel):
    """A manager adjusts the billed time of a request, with a reason (B1)."""

    _name = "support.billed.time.wizard"
    _description = "Adjust Billed Time"

    ticket_id = fields.Many2one("support.ticket", required=True)
    current_hours = fields.Float(related="ticket_id.billed_hours", string="Billed Now")
    hours = fields.Float(string="New Billed Time", required=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        check_support_group(self, "manager")
        self.ensure_one()
        self.ticket_id._adjust_billed_hours(self.hours, self.reason)
        return {"type": "ir.actions.act_window_close"}
