from odoo import fields, models

from odoo.addons.support_contract.access import check_support_group


class ResPartner(models.Model):
    _inherit = "res.partner"

    support_ticket_count = fields.Integer(
        string="Support Tickets", compute="_compute_support_ticket_count"
    )

    def _compute_support_ticket_count(self):
        Ticket = self.env["support.ticket"]
        if not Ticket.has_access("read"):
            self.support_ticket_count = 0
            return
        counts = dict(
            Ticket._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.support_ticket_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_support_tickets(self):
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_ticket_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {
            "default_partner_id": self.id,
            "search_default_open": 0,
        }
        return action
