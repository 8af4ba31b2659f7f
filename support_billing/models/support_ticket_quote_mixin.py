from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group

from .res_config_settings import BillingParams


class SupportTicketQuoteMixin(models.AbstractModel):
    """The quotation of a request (B4 change request, S4 out of scope): a
    ``sale.order`` on the contract's customer, linked both ways. The customer
    signs it in the portal (Odoo's quotation page); accepting moves the request
    to in progress, billed through the quotation and not drawn from the hours
    balance; declining closes the request with a note."""

    _name = "support.ticket.quote.mixin"
    _description = "Support Request Quotation"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Quotation",
        copy=False,
        readonly=True,
        index="btree_not_null",
        tracking=True,
    )
    quote_state = fields.Selection(
        related="sale_order_id.state", string="Quotation Status"
    )
    quote_portal_url = fields.Char(
        compute="_compute_quote_portal_url",
        compute_sudo=True,
        help="The customer's link to review, sign and pay the quotation.",
    )

    @api.depends("sale_order_id.state", "sale_order_id.access_token")
    def _compute_quote_portal_url(self):
        for ticket in self:
            order = ticket.sale_order_id
            visible = order.state in ("sent", "sale") and order.access_token
            ticket.quote_portal_url = (
                f"{order.access_url}?access_token={order.access_token}"
                if visible
                else False
            )

    def _quote_line_name(self):
        self.ensure_one()
        if self.is_change_request:
            return self.env._("%(ticket)s (change request)", ticket=self.display_name)
        return self.env._("%(ticket)s (project)", ticket=self.display_name)

    def action_create_quote(self):
        """B4/S4: quote a change request or an out-of-scope request."""
        check_support_group(self, "agent")
        self.check_access("write")  # agents: their teams' tickets only
        self.ensure_one()
        if self.sale_order_id and self.sale_order_id.sudo().state != "cancel":
            raise UserError(self.env._("This request already has a quotation."))
        if not self.contract_id:
            raise UserError(self.env._("Link the request to a contract first."))
        if self.is_resolved or self.is_closed:
            raise UserError(self.env._("A resolved or closed request is not quoted."))
        product = BillingParams(self.env)._product(
            "product_quote_id", "support_billing.product_support_project"
        )
        line = {
            "product_id": product.id,
            "name": self._quote_line_name(),
            "quantity": self.estimated_hours or self.logged_hours or 1.0,
            "price_unit": self.contract_id._get_hourly_rate(),
        }
        order = self.env["sale.order"]._support_create_quotation(
            self.contract_id, [line]
        )
        order._portal_ensure_token()
        self.sudo().sale_order_id = order
        self.message_post(body=self.env._("Quotation %(doc)s created.", doc=order.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
        }

    def _support_demo_quote(self, hours, accept=False):
        """Demo data: quote the requests at ``hours``, send the quotations
        (and accept them when ``accept``), as the desk and the customer would."""
        for ticket in self:
            ticket.estimated_hours = hours
            ticket.action_create_quote()
            ticket.sale_order_id.action_quotation_sent()
            if accept:
                ticket.sale_order_id.action_confirm()

    # ------------------------------------------------------------ outcomes
    def _support_quote_accepted(self):
        """Called (as superuser) when the linked quotation is confirmed."""
        for ticket in self.filtered(lambda t: not t.is_closed):
            order = ticket.sale_order_id
            if ticket.billing_decision != "quote":
                ticket.write(
                    {
                        "billable_override": "quote",
                        "billable_override_reason": self.env._(
                            "Billed through quotation %(doc)s.", doc=order.name
                        ),
                    }
                )
            ticket.message_post(
                body=self.env._(
                    "Quotation %(doc)s accepted: the work is billed through it, "
                    "not drawn from the hours balance.",
                    doc=order.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

        # one stage move for all the accepted requests
        self.filtered(
            lambda t: not t.is_closed and not t.stage_id.is_in_progress
        )._move_to_stage("is_in_progress")

    def _support_quote_declined(self, by_customer):
        """Called (as superuser) when the linked quotation is cancelled. The
        customer's refusal closes the request; a cancellation by the desk only
        notes it, so that a new quotation can be made."""
        for ticket in self:
            order = ticket.sale_order_id
            if not by_customer:
                ticket.message_post(
                    body=self.env._(
                        "Quotation %(doc)s cancelled by %(user)s.",
                        doc=order.name,
                        user=self.env.user.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            if ticket.is_closed:
                continue
            ticket.message_post(
                body=self.env._(
                    "You declined quotation %(doc)s: this request is closed. "
                    "Open a new request if you need anything else.",
                    doc=order.name,
                ),
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )
        if by_customer:
            # one stage move for all the refused requests
            self.filtered(lambda t: not t.is_closed)._move_to_stage("is_closed")
