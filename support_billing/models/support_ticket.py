from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.support_contract.access import check_support_group

from ..tools.billed_time import is_change_request
from .portal_readable_fields import TICKET_BILLING_PORTAL_READABLE_FIELDS
from .res_config_settings import BillingParams
from .support_billability_rule import DECISIONS


class SupportTicket(models.Model):
    _name = "support.ticket"
    _inherit = [
        "support.ticket",
        "support.billed.time.mixin",
        "support.ticket.quote.mixin",
    ]

    # ------------------------------------------------------------ Time
    timesheet_ids = fields.One2many(
        "account.analytic.line", "support_ticket_id", string="Time Entries"
    )
    logged_hours = fields.Float(
        string="Logged Time", compute="_compute_logged_hours", store=True
    )
    estimated_hours = fields.Float(
        string="Estimated Effort", tracking=True, help="The agent's estimate, in hours."
    )
    timer_start = fields.Datetime(string="Timer Started At", copy=False)
    timer_user_id = fields.Many2one("res.users", string="Timer Running For", copy=False)
    # ------------------------------------------------------------ Billability (S1-S5)
    billability_rule_id = fields.Many2one(
        "support.billability.rule",
        compute="_compute_billing_decision",
        store=True,
    )
    billable_override = fields.Selection(
        DECISIONS,
        string="Billability Override",
        copy=False,
        tracking=True,
        help="Set by a support manager to decide instead of the rules; a reason "
        "is required.",
    )
    billable_override_reason = fields.Text(
        string="Billability Override Reason", copy=False, tracking=True
    )
    billing_decision = fields.Selection(
        DECISIONS,
        compute="_compute_billing_decision",
        store=True,
    )
    billable = fields.Boolean(
        compute="_compute_billing_decision",
        store=True,
        help="The billed time of this request is drawn from the hours balance.",
    )
    # ------------------------------------------------------------ Change request (B4)
    is_change_request = fields.Boolean(
        string="Change Request",
        compute="_compute_is_change_request",
        store=True,
        help="Over the change-request threshold: quoted, not drawn from the "
        "hours balance.",
    )
    # ------------------------------------------------------------ Billed time (B1)
    billed_hours = fields.Float(
        string="Billed Time",
        copy=False,
        readonly=True,
        tracking=True,
        help="Computed when the request is resolved: logged time rounded up, "
        "at least the minimum.",
    )
    # written only by the manager's adjustment (``_adjust_billed_hours``)
    billed_hours_adjusted = fields.Boolean(
        string="Billed Time Adjusted", copy=False, readonly=True
    )
    billed_hours_reason = fields.Text(
        string="Adjustment Reason", copy=False, readonly=True
    )
    ledger_entry_ids = fields.One2many(
        "support.hours.ledger", "ticket_id", string="Ledger Entries"
    )
    billing_invoiced = fields.Boolean(
        string="Time Invoiced", compute="_compute_billing_invoiced"
    )

    # ------------------------------------------------------------ computes
    @api.depends("timesheet_ids.unit_amount")
    def _compute_logged_hours(self):
        for ticket in self:
            ticket.logged_hours = sum(ticket.timesheet_ids.mapped("unit_amount"))

    @api.depends(
        "billable_override",
        "scope_coverage",
        "code_ownership",
        "plan_id",
        "type_id",
        "company_id",
        "is_change_request",
    )
    def _compute_billing_decision(self):
        Rule = self.env["support.billability.rule"].sudo()
        rules = Rule.browse(Rule._active_rule_ids())
        for ticket in self:
            rule = self.env["support.billability.rule"]._find_for(ticket, rules)
            ticket.billability_rule_id = rule
            decision = ticket.billable_override or rule.decision or "billable"
            if ticket.is_change_request and decision == "billable":
                decision = "quote"  # B4: quoted, not drawn from the balance
            ticket.billing_decision = decision
            ticket.billable = decision == "billable"

    @api.depends("estimated_hours", "logged_hours", "type_id")
    def _compute_is_change_request(self):
        threshold = BillingParams(self.env)._float("change_request_hours")
        for ticket in self:
            ticket.is_change_request = ticket.type_id.code == "change_request" or (
                is_change_request(
                    ticket.estimated_hours, ticket.logged_hours, threshold
                )
            )

    @api.depends("ledger_entry_ids.move_id.state", "ledger_entry_ids.entry_type")
    def _compute_billing_invoiced(self):
        for ticket in self:
            ticket.billing_invoiced = any(
                e._is_locked() for e in ticket.sudo().ledger_entry_ids
            )

    @api.model
    def _portal_readable_fields(self):
        return super()._portal_readable_fields() | TICKET_BILLING_PORTAL_READABLE_FIELDS

    # ------------------------------------------------------------ constraints
    @api.constrains("billable_override", "billable_override_reason")
    def _check_billable_override_reason(self):
        for ticket in self:
            if (
                ticket.billable_override
                and not (ticket.billable_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Give a reason when you override the billability of "
                        "%(ticket)s.",
                        ticket=ticket.display_name,
                    )
                )

    @api.constrains("estimated_hours")
    def _check_estimated_hours(self):
        if any(t.estimated_hours < 0 for t in self):
            raise ValidationError(
                self.env._("The estimated effort cannot be negative.")
            )

    # ------------------------------------------------------------ hooks
    def _on_stage_change(self, old_stages):
        res = super()._on_stage_change(old_stages)
        resolved = self.filtered(
            lambda t: t.stage_id.is_resolved or t.stage_id.is_closed
        )
        if resolved:
            resolved._post_billed_time()
        return res

    def _support_time_changed(self):
        """Time logged or changed on a ticket already resolved: bill it again."""
        resolved = self.filtered(
            lambda t: (
                (t.stage_id.is_resolved or t.stage_id.is_closed)
                and not t.billed_hours_adjusted
            )
        )
        if resolved:
            resolved._post_billed_time()

    # ------------------------------------------------------------ time
    def _get_timesheet_project(self):
        self.ensure_one()
        if not self.contract_id:
            raise UserError(
                self.env._(
                    "Link %(ticket)s to a contract before logging time on it.",
                    ticket=self.display_name,
                )
            )
        return self.contract_id._get_timesheet_project()

    def action_timer_start(self):
        check_support_group(self, "agent")
        self.ensure_one()
        if self.timer_start:
            raise UserError(
                self.env._(
                    "The timer already runs for %(user)s.", user=self.timer_user_id.name
                )
            )
        self._get_timesheet_project()
        self.write(
            {"timer_start": fields.Datetime.now(), "timer_user_id": self.env.uid}
        )

    def action_timer_stop(self):
        """Stop the timer: a dialog shows the rounded duration and asks what
        was done before the time is logged (``_timer_log``)."""
        check_support_group(self, "agent")
        self._check_timer_owner()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log the Time"),
            "res_model": "support.timer.stop.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _check_timer_owner(self):
        self.ensure_one()
        if not self.timer_start:
            raise UserError(self.env._("No timer runs on this ticket."))
        if self.timer_user_id != self.env.user:
            raise UserError(
                self.env._(
                    "Only %(user)s can stop their timer.", user=self.timer_user_id.name
                )
            )

    def _timer_elapsed_hours(self):
        """Hours since the timer started, rounded to the minute (one at least)."""
        self.ensure_one()
        elapsed = (fields.Datetime.now() - self.timer_start).total_seconds() / 60.0
        return max(round(elapsed), 1) / 60.0

    def _timer_log(self, hours, description):
        """Log ``hours`` of the running timer as a time entry and stop it."""
        self._check_timer_owner()
        self.env["account.analytic.line"].create(
            {
                "support_ticket_id": self.id,
                "name": description,
                "unit_amount": hours,
                "date": fields.Date.context_today(self),
            }
        )
        self.write({"timer_start": False, "timer_user_id": False})
