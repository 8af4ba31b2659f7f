from odoo import api, fields, models
from odoo.exceptions import UserError

PAUSE_REASONS = [
    ("waiting_customer", "Waiting on the customer"),
    ("waiting_vendor", "Waiting on the vendor"),
    ("other", "Other"),
]


class SupportTicketSlaPause(models.Model):
    """A pause of an SLA clock (L5): while the ticket waits on the customer."""

    _name = "support.ticket.sla.pause"
    _description = "Ticket SLA Pause"
    _order = "date_start, id"

    sla_id = fields.Many2one(
        "support.ticket.sla",
        string="SLA clock",
        required=True,
        ondelete="cascade",
        index=True,
    )
    ticket_id = fields.Many2one(related="sla_id.ticket_id", store=True, index=True)
    company_id = fields.Many2one(related="sla_id.company_id", store=True)
    date_start = fields.Datetime(string="Paused at", required=True, readonly=True)
    date_end = fields.Datetime(string="Resumed at", readonly=True)
    reason = fields.Selection(
        PAUSE_REASONS, required=True, default="waiting_customer", readonly=True
    )
    reason_label = fields.Char(string="Reason text", compute="_compute_reason_label")
    user_id = fields.Many2one("res.users", string="Paused by", readonly=True)
    business_minutes = fields.Float(
        string="Business minutes paused",
        readonly=True,
        help="Business time of the contract's availability that this pause did not "
        "count (written when the clock resumes).",
    )

    @api.depends("reason")
    def _compute_reason_label(self):
        labels = dict(self._fields["reason"]._description_selection(self.env))
        for pause in self:
            pause.reason_label = labels.get(pause.reason, "")

    def _close(self, when):
        for pause in self:
            minutes = 0.0
            try:
                minutes = pause.sla_id._get_schedule().between(pause.date_start, when)
            except UserError:  # a broken calendar must not block the ticket
                minutes = 0.0
            pause.write({"date_end": when, "business_minutes": minutes})
