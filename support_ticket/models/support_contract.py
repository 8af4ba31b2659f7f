from odoo import fields, models


class SupportContract(models.Model):
    _inherit = "support.contract"

    ticket_ids = fields.One2many("support.ticket", "contract_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        counts = dict(
            self.env["support.ticket"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.ticket_count = counts.get(contract, 0)

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_ticket_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"search_default_open": 0}
        return action
