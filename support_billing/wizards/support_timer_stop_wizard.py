from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group


class SupportTimerStopWizard(models.TransientModel):
    """Stopping a ticket's timer: the agent describes the work; the time
    logged is the elapsed time rounded to the minute, shown before logging."""

    _name = "support.timer.stop.wizard"
    _description = "Stop the Timer of a Ticket"

    ticket_id = fields.Many2one("support.ticket", required=True, readonly=True)
    hours = fields.Float(
        string="Duration",
        readonly=True,
        help="The elapsed time rounded to the minute (one minute at least).",
    )
    description = fields.Text(
        string="Work done",
        required=True,
        help="What you did: it goes on the time entry.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ticket = self.env["support.ticket"].browse(values.get("ticket_id"))
        if ticket and ticket.timer_start:
            values["hours"] = ticket._timer_elapsed_hours()
        return values

    def action_log(self):
        check_support_group(self, "agent")
        self.ensure_one()
        description = (self.description or "").strip()
        if not description:
            raise UserError(self.env._("Describe the work done before logging it."))
        self.ticket_id._timer_log(self.hours, description)
        return {"type": "ir.actions.act_window_close"}
