from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.support_contract.access import check_support_group

from ..tools import desk


class ResPartner(models.Model):
    _inherit = "res.partner"

    support_ticket_count = fields.Integer(
        string="Support Tickets", compute="_compute_support_ticket_count"
    )
    support_email_domains = fields.Char(
        string="Support Email Domains",
        help="Email domains that identify this customer, separated by commas "
        "(example.com, example.fr): an email to the support desk from an "
        "unknown address of one of these domains opens a ticket for this "
        "customer. Empty: only its known contacts' addresses are recognised. "
        "The sender's address of an email is not authenticated: anyone can "
        "write with an address of a listed domain, so list only domains the "
        "customer owns and check unusual requests.",
    )

    @api.constrains("support_email_domains", "is_company")
    def _check_support_email_domains(self):
        for partner in self.filtered("support_email_domains"):
            domains, invalid = desk.parse_email_domains(partner.support_email_domains)
            public = [d for d in domains if not desk.is_company_domain(d)]
            if invalid or public:
                raise ValidationError(
                    self.env._(
                        "%(partner)s: %(entries)s cannot identify a customer "
                        "(list domain names such as example.com, never a "
                        "public mailbox provider).",
                        partner=partner.display_name,
                        entries=", ".join(invalid + public),
                    )
                )
            other = self._support_company_of_domains(domains) - partner
            if other:
                raise ValidationError(
                    self.env._(
                        "%(partner)s: a domain of its list already identifies "
                        "%(other)s.",
                        partner=partner.display_name,
                        other=other[:1].display_name,
                    )
                )

    @api.model
    def _support_company_of_domains(self, domains):
        """The partners whose list holds one of ``domains`` (normalized),
        compared exactly, never as a pattern."""
        wanted = set(domains)
        if not wanted:
            return self.browse()
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .search([("support_email_domains", "!=", False)])
        )
        return candidates.filtered(
            lambda p: wanted & set(desk.parse_email_domains(p.support_email_domains)[0])
        ).sudo(False)

    def _support_ticket_counts(self):
        """``{customer company: its number of tickets}`` for the companies of
        these partners (the partner form's and the ticket's counters)."""
        return dict(
            self.env["support.ticket"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )

    def _compute_support_ticket_count(self):
        Ticket = self.env["support.ticket"]
        if not Ticket.has_access("read"):
            self.support_ticket_count = 0
            return
        counts = self._support_ticket_counts()
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
