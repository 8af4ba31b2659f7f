import json

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SupportPortalCase

# a 1x1 PNG: the signature drawn in Odoo's quotation page
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6"
    "kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestPortalQuotes(SupportPortalCase):
    """B4, S4: a request's quotation is Odoo's sale quotation; the customer
    accepts (signs) or declines it in the portal, and the request follows."""

    def _quoted(self, ticket=None, hours=6):
        ticket = ticket or self.ticket_owner
        ticket.estimated_hours = hours
        ticket.quote_requested = True
        ticket.with_user(self.manager).action_create_quote()
        order = ticket.sale_order_id
        order.action_quotation_sent()
        return ticket, order

    def _accept(self, order, token):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "access_token": token,
                "name": "Owner Signer",
                "signature": SIGNATURE,
            },
        }
        response = self.url_open(
            f"/my/orders/{order.id}/accept",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.json().get("result", {})

    def test_quotation_linked_and_shown(self):
        ticket, order = self._quoted()
        self.assertEqual(order.support_ticket_ids, ticket)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.amount_untaxed, 6 * self.contract._get_hourly_rate())
        self.login(self.owner)
        page = self.get(f"/my/tickets/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Review and sign the quotation", page.text)
        self.assertIn(ticket.quote_portal_url, page.text.replace("&amp;", "&"))
        quote_page = self.get(ticket.quote_portal_url)
        self.assertEqual(quote_page.status_code, 200)
        self.assertIn(order.name, quote_page.text)

    def test_draft_quotation_not_shown(self):
        ticket = self.ticket_owner
        ticket.estimated_hours = 3
        ticket.quote_requested = True
        ticket.with_user(self.manager).action_create_quote()
        self.assertFalse(ticket.quote_portal_url)
        self.login(self.owner)
        page = self.get(f"/my/tickets/{ticket.id}")
        self.assertNotIn("o_support_quote", page.text)

    def test_accepted_in_portal_moves_request_on(self):
        ticket, order = self._quoted()
        # signed without online payment (with it, Odoo confirms on payment)
        order.require_payment = False
        self.login(self.owner)
        result = self._accept(order, order.access_token)
        self.assertNotIn("error", result, result)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.signed_by, "Owner Signer")
        self.assertTrue(ticket.stage_id.is_in_progress)
        self.assertEqual(ticket.billing_decision, "quote")
        self.assertFalse(ticket.billable, "billed through the quotation")
        self.assertIn(
            f"Quotation {order.name} accepted",
            " ".join(ticket.message_ids.mapped("body")),
        )
        page = self.get(f"/my/tickets/{ticket.id}")
        self.assertIn("You accepted the quotation", page.text)

    def test_declined_in_portal_closes_request(self):
        ticket, order = self._quoted()
        self.login(self.owner)
        response = self.post(
            f"/my/orders/{order.id}/decline",
            {"access_token": order.access_token, "decline_message": "Too expensive"},
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(order.state, "cancel")
        self.assertTrue(ticket.stage_id.is_closed)
        self.assertIn(
            f"You declined quotation {order.name}",
            " ".join(ticket.message_ids.mapped("body")),
        )

    def test_agent_cancellation_keeps_request_open(self):
        ticket, order = self._quoted()
        stage = ticket.stage_id
        order.action_cancel()
        self.assertEqual(ticket.stage_id, stage)
        self.assertFalse(ticket.stage_id.is_closed)
        # a new quotation can replace the cancelled one
        ticket.with_user(self.manager).action_create_quote()
        self.assertNotEqual(ticket.sale_order_id, order)

    def test_another_customer_cannot_sign(self):
        ticket, order = self._quoted()
        self.login(self.other_customer)
        response = self.get(f"/my/orders/{order.id}")
        self.assertNotEqual(response.status_code, 200)
        result = self._accept(order, "not-the-token")
        self.assertIn("error", result)
        self.assertEqual(order.state, "sent")
        self.assertFalse(ticket.stage_id.is_in_progress)

    def test_inactive_contract_not_quoted(self):
        ticket = self.ticket_owner
        ticket.quote_requested = True
        self.contract.sudo().state = "suspended"
        with self.assertRaises(UserError):
            ticket.with_user(self.manager).action_create_quote()
        self.assertFalse(ticket.sale_order_id)
        self.assertFalse(
            self.env["sale.order"].search(
                [("support_contract_id", "=", self.contract.id)]
            )
        )
