from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group

from .support_upstream_report import UPSTREAM_BY_OWNER

# S5: the provider fixes its localisation (free) and the customer's code
# (billable); the owner fixes the rest
PROVIDER_OWNED = ("provider_localisation", "customer_custom")


class SupportTicket(models.Model):
    """Who fixes (S5): the provider, or the owner of the code upstream, to
    whom the bug is reported (``support.upstream.report``); the ticket then
    waits on the vendor."""

    _name = "support.ticket"
    _inherit = ["support.ticket"]

    is_waiting_vendor = fields.Boolean(related="stage_id.is_waiting_vendor", store=True)
    fix_by = fields.Selection(
        [("provider", "Us"), ("upstream", "The Code's Owner")],
        string="Fixed By",
        compute="_compute_fix_by",
        help="Who fixes a bug, by who owns the code: we fix our localisation "
        "modules (free, in the next patch) and the customer's own code "
        "(billable); Odoo SA, the OCA or a module's author fix theirs once "
        "the bug is reported to them.",
    )
    upstream_report_ids = fields.One2many(
        "support.upstream.report", "ticket_id", string="Upstream Reports"
    )
    upstream_report_count = fields.Integer(compute="_compute_upstream_report_count")

    @api.depends("code_ownership")
    def _compute_fix_by(self):
        for ticket in self:
            owner = ticket.code_ownership
            if owner in PROVIDER_OWNED:
                ticket.fix_by = "provider"
            elif owner in UPSTREAM_BY_OWNER:
                ticket.fix_by = "upstream"
            else:
                ticket.fix_by = False

    @api.depends("upstream_report_ids")
    def _compute_upstream_report_count(self):
        for ticket in self:
            ticket.upstream_report_count = len(ticket.upstream_report_ids)

    # ------------------------------------------------------------ actions
    def action_report_upstream(self):
        """The bug belongs upstream: open its report (a new one when the
        ticket has none still open)."""
        check_support_group(self, "agent")
        self.ensure_one()
        if self.fix_by != "upstream":
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s concerns code we or the customer own: "
                    "there is nothing to report upstream.",
                    ticket=self.display_name,
                )
            )
        report = self.upstream_report_ids.filtered(lambda r: r.state != "released")[:1]
        if not report:
            report = self.env["support.upstream.report"].create({"ticket_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.upstream.report",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_upstream_reports(self):
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_upstream_report_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    # ------------------------------------------------------------ vendor
    def _wait_on_vendor(self):
        """Open tickets move to the waiting-on-vendor stage."""
        tickets = self.filtered(
            lambda t: not (t.is_resolved or t.is_closed or t.is_waiting_vendor)
        )
        if tickets:
            tickets._move_to_stage("is_waiting_vendor")

    def _on_upstream_fix_released(self, reports):
        """The owner released a fix: it is installed in the environment's next
        patch run when there is one, else an agent installs it now."""
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "The fix of %(report)s is released.",
                    report=", ".join(
                        reports.filtered(lambda r, t=ticket: r.ticket_id == t).mapped(
                            "display_name"
                        )
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._schedule_fix_install()

    def _schedule_fix_install(self):
        """Where a ready fix goes (extended by the patch schedule): by default
        the ticket comes back in progress for an agent to install it."""
        tickets = self.filtered(lambda t: not (t.is_resolved or t.is_closed))
        if tickets:
            tickets._move_to_stage("is_in_progress")
        return tickets
