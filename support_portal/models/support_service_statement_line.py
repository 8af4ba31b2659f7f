from odoo import fields, models

from .support_service_statement import SECTIONS


class SupportServiceStatementLine(models.Model):
    """One stored row of a statement (a count, a breached target, a pause, an
    invoice...): the statement shows these rows, never live data."""

    _name = "support.service.statement.line"
    _description = "Service Statement Line"
    _order = "statement_id, sequence, id"

    statement_id = fields.Many2one(
        "support.service.statement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    section = fields.Selection(SECTIONS, required=True)
    sequence = fields.Integer()
    parent_id = fields.Many2one(
        "support.service.statement.line", string="Breached Target", ondelete="cascade"
    )
    pause_line_ids = fields.One2many(
        "support.service.statement.line", "parent_id", string="Pauses"
    )
    sla_ref = fields.Char(string="Reference")
    label = fields.Char(string="Description")
    sublabel = fields.Char(string="Detail")
    priority = fields.Char()
    ticket_id = fields.Many2one("support.ticket", ondelete="set null")
    ticket_number = fields.Char()
    ticket_name = fields.Char(string="Ticket Subject")
    count_a = fields.Integer(string="Count")
    count_b = fields.Integer(string="Second Count")
    value = fields.Float()
    goal = fields.Float()
    extra = fields.Float(string="Extra Hours")
    minutes = fields.Float(string="Business Minutes")
    date_a = fields.Datetime(string="Date")
    date_b = fields.Datetime(string="Second Date")

    def _goal_reached(self):
        self.ensure_one()
        return bool(self.count_b) and self.value >= self.goal - 1e-9
