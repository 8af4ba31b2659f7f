from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group


class SupportTicketWorkflowMixin(models.AbstractModel):
    """The stages of a support ticket (T6): the moves an agent may make, the
    dates they set and the reopening log. Mixed into ``support.ticket``, whose
    ``write`` calls ``_check_stage_move`` and ``_after_stage_change``."""

    _name = "support.ticket.workflow.mixin"
    _description = "Support Ticket Workflow"

    # ------------------------------------------------------------ dates
    date_resolved = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    date_last_stage_update = fields.Datetime(
        string="Last Stage Update",
        readonly=True,
        copy=False,
        default=fields.Datetime.now,
    )

    # ------------------------------------------------------------ stage moves
    @api.model
    def _get_stage(self, flag):
        return self.env["support.ticket.stage"].search([(flag, "=", True)], limit=1)

    def _check_stage_move(self, new_stage):
        """T6: closing needs a resolved ticket, unless a support manager closes."""
        if not new_stage.is_closed or self.env.is_superuser():
            return
        if self.env.user.has_group("support_contract.group_support_manager"):
            return
        unresolved = self.filtered(
            lambda t: not t.stage_id.is_resolved and not t.stage_id.is_closed
        )
        if unresolved:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s must be resolved before it is closed; only "
                    "a support manager can close an unresolved ticket.",
                    ticket=unresolved[0].display_name,
                )
            )

    def _after_stage_change(self, old_stages, now):
        """Dates of the tickets that moved, the reopening log, then the hook."""
        for stage, tickets in self.grouped("stage_id").items():
            dates = {"date_last_stage_update": now}
            if stage.is_closed:
                dates["date_closed"] = now
            elif stage.is_resolved:
                dates.update(date_resolved=now, date_closed=False)
            else:
                dates.update(date_resolved=False, date_closed=False)
            # the ORM's write: the dates are no stage move of their own
            super(SupportTicketWorkflowMixin, tickets).write(dates)
            if stage.is_closed:
                unresolved = tickets.filtered(lambda t: not t.date_resolved)
                super(SupportTicketWorkflowMixin, unresolved).write(
                    {"date_resolved": now}
                )
        for ticket in self:
            old = old_stages[ticket.id]
            if (old.is_resolved or old.is_closed) and not (
                ticket.stage_id.is_resolved or ticket.stage_id.is_closed
            ):
                ticket.message_post(
                    body=self.env._(
                        "Ticket reopened by %(user)s (it was %(stage)s).",
                        user=self.env.user.name,
                        stage=old.name,
                    ),
                    subtype_xmlid="support_ticket.mt_ticket_reopened",
                )
                ticket._on_reopen()
        self._on_stage_change(old_stages)

    # ------------------------------------------------------------ actions
    def _move_to_stage(self, flag):
        stage = self._get_stage(flag)
        if stage:
            self.write({"stage_id": stage.id})

    def action_set_in_progress(self):
        check_support_group(self, "agent")
        self._move_to_stage("is_in_progress")

    def action_wait_customer(self):
        check_support_group(self, "agent")
        self._move_to_stage("is_waiting_customer")

    def action_resolve(self):
        check_support_group(self, "agent")
        self._move_to_stage("is_resolved")

    def action_close(self):
        check_support_group(self, "agent")
        self._move_to_stage("is_closed")

    def action_reopen(self):
        check_support_group(self, "agent")
        self.filtered(lambda t: t.is_resolved or t.is_closed)._move_to_stage(
            "is_in_progress"
        )
