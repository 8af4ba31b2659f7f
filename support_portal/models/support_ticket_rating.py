from odoo import fields, models


class SupportTicket(models.Model):
    """T7: the customer is asked to rate the handling when the ticket is
    resolved, by email (Odoo's rating request: the smileys link to
    ``/rate/<token>/<value>``), once per ticket: a ticket reopened and
    resolved again is not asked twice."""

    _inherit = "support.ticket"

    rating_request_sent = fields.Boolean(
        string="Rating Requested",
        readonly=True,
        copy=False,
        help="The customer was asked by email to rate the handling of this "
        "ticket (once, at its first resolution).",
    )

    def _on_stage_change(self, old_stages):
        res = super()._on_stage_change(old_stages)
        resolved = self.filtered(
            lambda t: (
                t.stage_id.is_resolved
                and not t.rating_request_sent
                and not (old_stages.get(t.id) and old_stages[t.id].is_resolved)
            )
        )
        if resolved:
            resolved._send_rating_request()
        return res

    def _rating_request_recipients(self):
        """Tickets whose contact can be asked: an email address, an agent who
        handled the ticket (an alert resolved by the monitoring system alone
        is not rated), a contact who is not that agent."""
        return self.filtered(
            lambda t: (
                t.partner_id.email
                and t.user_id
                and t.partner_id != t.user_id.partner_id
            )
        )

    def _send_rating_request(self):
        template = self.env.ref(
            "support_portal.mail_template_ticket_rating", raise_if_not_found=False
        )
        if not template:
            return
        tickets = self._rating_request_recipients()
        # flagged first: a second resolution in the same transaction sends nothing
        tickets.sudo().write({"rating_request_sent": True})
        for ticket in tickets:
            ticket.sudo().rating_send_request(
                template, lang=ticket.partner_id.lang, force_send=False
            )
