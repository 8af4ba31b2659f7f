from odoo import fields, models


class SupportTicketType(models.Model):
    """T3: what triage decides a ticket is (S4: out of scope)."""

    _name = "support.ticket.type"
    _description = "Support Ticket Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("defect", "Defect"),
            ("support", "Support Request"),
            ("change_request", "Change Request"),
            ("out_of_scope", "Out of Scope"),
        ],
        required=True,
        default="support",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
