from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request


class SaleOrder(models.Model):
    """Quotations of the support desk (B4, S4, C5): change requests,
    out-of-scope requests and migrations are quoted with Odoo's own quotation
    flow; the customer signs (and pays) it in the portal. Accepting it moves
    its requests on, declining it closes them (``support.ticket.quote.mixin``)."""

    _inherit = "sale.order"

    support_contract_id = fields.Many2one(
        "support.contract",
        string="Support Contract",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    support_ticket_ids = fields.One2many(
        "support.ticket", "sale_order_id", string="Support Requests", readonly=True
    )

    @api.model
    def _support_create_quotation(self, contract, line_vals, note=None):
        """A draft quotation for ``contract``'s customer with ``line_vals``
        (dicts of product_id, name, quantity, price_unit). Trusted server code:
        the caller has checked its own rights; sales rights are not needed to
        quote a support request."""
        if contract.state != "active":
            raise UserError(
                self.env._(
                    "Contract %(contract)s is not active: its requests cannot be "
                    "quoted.",
                    contract=contract.display_name,
                )
            )
        return (
            self.sudo()
            .with_company(contract.company_id)
            .create(
                {
                    "partner_id": contract.partner_id.id,
                    "company_id": contract.company_id.id,
                    "origin": contract.name,
                    "support_contract_id": contract.id,
                    "require_signature": True,
                    "note": note or False,
                    "order_line": [
                        fields.Command.create(
                            {
                                "product_id": vals["product_id"],
                                "name": vals["name"],
                                "product_uom_qty": vals["quantity"],
                                "price_unit": vals["price_unit"],
                            }
                        )
                        for vals in line_vals
                    ],
                }
            )
        )

    def _action_confirm(self):
        res = super()._action_confirm()
        self.support_ticket_ids.sudo()._support_quote_accepted()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        # Odoo's quotation page runs as the superuser on the customer's
        # behalf: the caller is the user of the HTTP request
        caller = request.env.user if request else self.env.user
        self.support_ticket_ids.sudo()._support_quote_declined(by_customer=caller.share)
        return res
