from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportTicket(models.Model):
    """The customer environment a ticket is about (issue 14): the contract's
    production environment by default; never another customer's."""

    _name = "support.ticket"
    _inherit = ["support.ticket"]

    environment_id = fields.Many2one(
        "support.environment",
        string="Environment",
        compute="_compute_environment_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        # the customer's, not only the contract's: a maintenance agreement's
        # tickets are about the environments of the patch agreement beside it
        domain="[('partner_id', '=', commercial_partner_id)]",
    )
    environment_version = fields.Char(
        related="environment_id.odoo_version", string="Odoo version"
    )
    environment_edition = fields.Selection(
        related="environment_id.edition", string="Edition"
    )

    @api.depends("contract_id")
    def _compute_environment_id(self):
        for ticket in self:
            customer = ticket.partner_id.commercial_partner_id
            if ticket.environment_id.partner_id == customer and customer:
                continue
            ticket.environment_id = ticket.contract_id.production_environment_id

    @api.constrains("environment_id", "partner_id")
    def _check_environment_customer(self):
        for ticket in self:
            environment = ticket.environment_id.sudo()
            if environment and (
                environment.partner_id != ticket.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Environment %(env)s is not one of %(customer)s's: choose "
                        "an environment of the ticket's customer.",
                        env=environment.display_name,
                        customer=ticket.partner_id.commercial_partner_id.display_name
                        or "-",
                    )
                )
