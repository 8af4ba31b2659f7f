from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.support_contract.access import check_support_group

REMINDER_HOURS_PARAM = "support_ticket.patch_reminder_hours"


class SupportPatchRun(models.Model):
    """A patch run of a customer's environment (C3 patch agreement): when,
    what was updated, by whom, the result; the fixes it installs resolve
    their tickets when it is done."""

    _name = "support.patch.run"
    _description = "Patch Run"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    environment_id = fields.Many2one(
        "support.environment", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="environment_id.partner_id", string="Customer", store=True, index=True
    )
    contract_id = fields.Many2one(
        "support.contract",
        string="Patch Agreement",
        readonly=True,
        index=True,
        help="The contract that covers the run.",
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    date = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("failed", "Failed")],
        required=True,
        default="planned",
        tracking=True,
        index=True,
    )
    summary = fields.Text(
        string="What Was Updated",
        help="Server, operating system and modules updated, with their versions.",
    )
    result = fields.Text(help="How it went: checks made, problems met.")
    user_id = fields.Many2one(
        "res.users",
        string="By",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    reminded = fields.Boolean(readonly=True, copy=False)
    ticket_ids = fields.One2many(
        "support.ticket", "patch_run_id", string="Fixes Installed", readonly=True
    )

    def _compute_display_name(self):
        for run in self:
            date = fields.Datetime.context_timestamp(run, run.date) if run.date else ""
            stamp = date.strftime("%Y-%m-%d %H:%M") if date else ""
            run.display_name = f"{run.environment_id.display_name} {stamp}".strip()

    def _local_day(self):
        """The run's day in the reader's time zone, as text (2026-12-01)."""
        self.ensure_one()
        return fields.Date.to_string(
            fields.Datetime.context_timestamp(self, self.date).date()
        )

    # ------------------------------------------------------------ checks
    @api.constrains("date", "date_end")
    def _check_dates(self):
        for run in self:
            if run.date_end and run.date_end < run.date:
                raise ValidationError(
                    self.env._("A patch run cannot end before it starts.")
                )

    def _check_agreement(self):
        """C3: only an environment covered by a patch agreement is patched."""
        for run in self:
            contract = run.environment_id._patch_contract()
            if not contract:
                raise ValidationError(
                    self.env._(
                        "%(environment)s is not covered by an active patch "
                        "agreement: no patch run can be recorded for it.",
                        environment=run.environment_id.display_name,
                    )
                )
            if run.contract_id != contract and run.state == "planned":
                run.contract_id = contract

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        runs = super().create(vals_list)
        runs._check_agreement()
        return runs

    def write(self, vals):
        res = super().write(vals)
        if "environment_id" in vals:
            self._check_agreement()
        return res

    # ------------------------------------------------------------ actions
    def action_done(self):
        """The run is done: the fixes it installed resolve their tickets, with
        a note to the customer."""
        check_support_group(self, "agent")
        for run in self:
            run._check_can_close()
            if not (run.summary or "").strip():
                raise UserError(
                    self.env._(
                        "Say what was updated in the patch run of %(run)s before "
                        "marking it done.",
                        run=run.display_name,
                    )
                )
        now = fields.Datetime.now()
        for run in self:
            run.write(
                {
                    "state": "done",
                    "date_end": run.date_end or max(now, run.date),
                    "user_id": self.env.user.id,
                }
            )
            run._resolve_tickets()
        return True

    def action_failed(self):
        """The run failed: its fixes wait for the next run, back in progress."""
        check_support_group(self, "agent")
        for run in self:
            run._check_can_close()
            if not (run.result or "").strip():
                raise UserError(
                    self.env._(
                        "Describe what went wrong in the patch run of %(run)s.",
                        run=run.display_name,
                    )
                )
        for run in self:
            tickets = run.ticket_ids
            run.write({"state": "failed", "user_id": self.env.user.id})
            tickets.write({"patch_run_id": False})
            for ticket in tickets:
                ticket.message_post(
                    body=self.env._(
                        "The patch run %(run)s failed: the fix is not installed yet.",
                        run=run.display_name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            tickets._move_to_stage("is_in_progress")
        return True

    def _check_can_close(self):
        self.ensure_one()
        if self.state != "planned":
            raise UserError(
                self.env._(
                    "The patch run %(run)s is already recorded.", run=self.display_name
                )
            )
        self._check_agreement()

    def _resolve_tickets(self):
        self.ensure_one()
        tickets = self.ticket_ids.filtered(lambda t: not (t.is_resolved or t.is_closed))
        for ticket in tickets:
            ticket.message_post(
                body=self.env._(
                    "The fix for your request is installed on %(environment)s "
                    "(patch run of %(date)s). Tell us if anything still goes "
                    "wrong.",
                    environment=self.environment_id.display_name,
                    date=self._local_day(),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        tickets._move_to_stage("is_resolved")

    # ------------------------------------------------------------ cron
    @api.model
    def _cron_remind_patch_windows(self):
        """Before each patch window: the planned run of the window and an
        activity for the agent in charge, once. Under the cron runner each
        environment is committed and counted (failed ones too), nothing left
        after one pass."""
        try:
            lead = float(
                self.env["ir.config_parameter"].sudo().get_param(REMINDER_HOURS_PARAM)
                or 24
            )
        except ValueError:
            lead = 24.0
        now = fields.Datetime.now()
        environments = self.env["support.environment"].search(
            [("patch_frequency", "!=", False)]
        )
        progress = bool(self.env.context.get("cron_id"))
        if progress:
            self.env["ir.cron"]._commit_progress(remaining=len(environments))
        for environment in environments:
            environment._patch_remind(now, timedelta(hours=lead))
            if progress:
                self.env["ir.cron"]._commit_progress(1)
        return True

    def _remind(self):
        """An activity on the planned run for the agent in charge, once."""
        for run in self.filtered(lambda r: r.state == "planned" and not r.reminded):
            user = run.contract_id.user_id or run.user_id
            run.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Datetime.context_timestamp(run, run.date).date(),
                summary=self.env._("Patch window of %(run)s", run=run.display_name),
                user_id=user.id,
            )
            run.reminded = True
