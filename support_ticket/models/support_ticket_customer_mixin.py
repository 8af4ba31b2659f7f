from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.support_contract.access import check_support_group


class SupportTicketCustomerMixin(models.AbstractModel):
    """Who asks: the contact, the customer company and its support contract
    (C2), chosen automatically and checked to belong to the customer. Mixed
    into ``support.ticket``."""

    _name = "support.ticket.customer.mixin"
    _description = "Support Ticket Customer"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", tracking=True, index=True
    )
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    email_from = fields.Char(string="Requester Email")
    unknown_customer = fields.Boolean(
        copy=False,
        help="Created from an email whose sender matched no contact and no "
        "customer company: identify the customer before working on it.",
    )
    contract_id = fields.Many2one(
        "support.contract",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        precompute=True,
        domain="[('partner_id', '=', commercial_partner_id)]",
        help="The customer's active contract, chosen automatically.",
    )
    plan_id = fields.Many2one(
        "support.plan", related="contract_id.plan_id", store=True, index=True
    )
    customer_ticket_count = fields.Integer(compute="_compute_customer_ticket_count")

    # ------------------------------------------------------------ contract (c2)
    @api.depends("partner_id", "team_id")
    def _compute_contract_id(self):
        found = {}  # one look-up per customer (and team company) of the batch
        for ticket in self:
            customer = ticket.partner_id.commercial_partner_id
            if not customer:
                ticket.contract_id = False
                continue
            if (
                ticket.contract_id
                and ticket.contract_id.partner_id.commercial_partner_id == customer
            ):
                continue
            key = (customer.id, ticket.team_id.company_id.id if self.env.su else 0)
            if key not in found:
                found[key] = ticket._find_contract(customer)
            ticket.contract_id = found[key]

    def _find_contract(self, customer):
        """The customer's active contract (C2); else its suspended one, so
        that the ticket says why it is not covered."""
        companies = self.env.companies
        if self.env.su:
            # the mail gateway runs as superuser: look in the team's company too
            companies |= self.team_id.company_id
            customer = customer.with_context(allowed_company_ids=companies.ids)
        contract = customer._get_support_contract()
        if not contract:
            contract = (
                self.env["support.contract"]
                .sudo()
                .search(
                    [
                        ("partner_id", "=", customer.id),
                        ("state", "=", "suspended"),
                        ("company_id", "in", companies.ids),
                    ],
                    limit=1,
                )
                .sudo(False)
            )
        return contract

    @api.constrains("contract_id", "partner_id")
    def _check_contract_customer(self):
        for ticket in self:
            contract = ticket.contract_id
            if not contract:
                continue
            if (
                contract.partner_id.commercial_partner_id
                != ticket.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s belongs to %(owner)s, not to the "
                        "customer of ticket %(ticket)s.",
                        contract=contract.name,
                        owner=contract.partner_id.display_name,
                        ticket=ticket.display_name,
                    )
                )

    # ------------------------------------------------------------ customer
    def _compute_customer_ticket_count(self):
        counts = self.commercial_partner_id._support_ticket_counts()
        for ticket in self:
            ticket.customer_ticket_count = counts.get(ticket.commercial_partner_id, 0)

    def action_open_contract(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.contract",
            "res_id": self.contract_id.id,
            "view_mode": "form",
        }

    def action_open_customer_tickets(self):
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_ticket_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"search_default_open": 0}
        return action
