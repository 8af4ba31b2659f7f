from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.support_contract.access import check_support_group
from odoo.addons.support_ticket.models.support_priority_matrix import (
    IMPACT_SELECTION,
    URGENCY_SELECTION,
)


class SupportCallLogWizard(models.TransientModel):
    """Log a phone call (T1: phone, and the emergency line for blocking
    emergencies, L2): it opens a ticket or is added to one, its time is a
    time entry of the ticket, and a call the agent answered is the ticket's
    first response."""

    _name = "support.call.log.wizard"
    _description = "Log a Phone Call"

    ticket_id = fields.Many2one(
        "support.ticket",
        help="The ticket the call is about; empty: the call opens a ticket.",
    )
    contract_id = fields.Many2one(
        "support.contract",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    caller_id = fields.Many2one(
        "res.partner",
        string="Caller",
        domain="[('commercial_partner_id', '=', customer_id)]",
    )
    customer_id = fields.Many2one(related="contract_id.partner_id")
    phone = fields.Char(string="Number")
    channel = fields.Selection(
        [("phone", "Phone"), ("emergency", "Emergency line")],
        required=True,
        default="phone",
    )
    date_start = fields.Datetime(
        string="Call Start", required=True, default=fields.Datetime.now
    )
    duration = fields.Float(help="Length of the call (hours:minutes).")
    summary = fields.Text(required=True, help="What the caller reported.")
    answered = fields.Boolean(
        string="Answered by an Agent",
        default=True,
        help="An agent took the call: it is the ticket's first response.",
    )
    subject = fields.Char(help="The subject of the ticket the call opens.")
    impact = fields.Selection(IMPACT_SELECTION, default="single")
    urgency = fields.Selection(URGENCY_SELECTION, default="medium")

    @api.depends("ticket_id")
    def _compute_contract_id(self):
        for wizard in self:
            wizard.contract_id = wizard.ticket_id.contract_id or wizard.contract_id

    @api.onchange("channel")
    def _onchange_channel(self):
        """A call on the emergency line reports a blocking emergency."""
        if self.channel == "emergency" and not self.ticket_id:
            self.update({"impact": "system", "urgency": "high"})

    @api.constrains("duration")
    def _check_duration(self):
        for wizard in self:
            if wizard.duration < 0:
                raise ValidationError(
                    self.env._("The duration of a call cannot be negative.")
                )

    def action_log(self):
        check_support_group(self, "agent")
        self.ensure_one()
        self._check_call()
        opened = not self.ticket_id
        ticket = self.ticket_id or self._open_ticket()
        note = ticket.message_post(
            body=self._call_note(),
            subtype_xmlid="mail.mt_note",
            date=self.date_start,
        )
        if self.duration > 0:
            self._log_time(ticket)
        if self.answered:
            self._meet_first_response(ticket, note, opened)
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
        }

    def _check_call(self):
        _ = self.env._
        if self.duration < 0:
            raise UserError(_("The duration of a call cannot be negative."))
        if not (self.summary or "").strip():
            raise UserError(_("Summarise the call before logging it."))
        if self.date_start > fields.Datetime.now() + timedelta(minutes=5):
            raise UserError(_("A call cannot start in the future."))
        if not self.ticket_id and not self.contract_id:
            raise UserError(_("Choose the ticket or the contract of the call."))

    def _open_ticket(self):
        contract = self.contract_id
        first_line = self.summary.strip().splitlines()[0]
        return self.env["support.ticket"].create(
            {
                "name": (self.subject or first_line)[:200],
                "description": Markup("<p>%s</p>") % self.summary,
                "partner_id": (self.caller_id or contract.partner_id).id,
                "contract_id": contract.id,
                "company_id": contract.company_id.id,
                "channel": self.channel,
                "impact": self.impact or "single",
                "urgency": self.urgency or "medium",
                "contact_method": "phone",
            }
        )

    def _call_note(self):
        _ = self.env._
        minutes = round(self.duration * 60)
        rows = [
            (_("Caller"), self.caller_id.display_name or "-"),
            (_("Number"), self.phone or "-"),
            (_("Line"), dict(self._fields["channel"].selection)[self.channel]),
            (_("Duration"), _("%(minutes)s min", minutes=minutes)),
            (_("Answered by an agent"), _("yes") if self.answered else _("no")),
        ]
        return Markup("<p><b>%s</b></p><ul>%s</ul><p>%s</p>") % (
            _("Phone call"),
            Markup("").join(
                Markup("<li>%s: %s</li>") % (label, value) for label, value in rows
            ),
            self.summary,
        )

    def _log_time(self, ticket):
        self.env["account.analytic.line"].create(
            {
                "support_ticket_id": ticket.id,
                "name": self.env._(
                    "Phone call: %(summary)s",
                    summary=self.summary.strip().splitlines()[0][:120],
                ),
                "unit_amount": self.duration,
                "date": fields.Date.context_today(self, self.date_start),
            }
        )

    def _meet_first_response(self, ticket, note, opened):
        """The agent answered: the ticket's first response, at the call's
        start; for a ticket the call opens, at its opening (its clocks start
        now)."""
        if opened:
            when = fields.Datetime.now()
        else:
            when = max(self.date_start, ticket.create_date or self.date_start)
        if note.date != when:
            note.sudo().write({"date": when})
        if not ticket.date_first_response:
            ticket.sudo().write({"date_first_response": when})
        ticket._on_public_reply(note)
