from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.support_contract.access import check_support_group

from ..models.support_priority_matrix import PRIORITY_SELECTION


class SupportTicketPriorityOverride(models.TransientModel):
    """T4: triage overrides the computed priority, always with a reason."""

    _name = "support.ticket.priority.override"
    _description = "Override Ticket Priority"

    ticket_id = fields.Many2one("support.ticket", required=True, ondelete="cascade")
    computed_priority = fields.Selection(
        PRIORITY_SELECTION, string="Matrix Priority", compute="_compute_computed"
    )
    priority = fields.Selection(
        PRIORITY_SELECTION, string="New Priority", required=True
    )
    reason = fields.Text(required=True)

    @api.depends("ticket_id")
    def _compute_computed(self):
        Matrix = self.env["support.priority.matrix"]
        for wizard in self:
            ticket = wizard.ticket_id
            wizard.computed_priority = (
                Matrix._lookup(ticket.impact, ticket.urgency) if ticket else False
            )

    def action_apply(self):
        check_support_group(self, "agent")
        self.ensure_one()
        if not (self.reason or "").strip():
            raise ValidationError(self.env._("Overriding the priority needs a reason."))
        if self.priority == self.computed_priority:
            self.ticket_id.action_reset_priority()
        else:
            self.ticket_id.write(
                {"priority": self.priority, "priority_override_reason": self.reason}
            )
        return {"type": "ir.actions.act_window_close"}
