from odoo import api, fields, models
from odoo.exceptions import UserError

# channels whose team comes from the contract even when the channel names one
ROUTED_CHANNELS = ("email", "monitoring")
SLA_CONTEXT_FIELDS = {
    "impact",
    "urgency",
    "priority",
    "priority_overridden",
    "contract_id",
    "partner_id",
}


class SupportTicket(models.Model):
    _name = "support.ticket"
    _description = "Support Ticket"
    # the mixins first: their methods extend those of mail.thread
    _inherit = [
        "support.ticket.create.mixin",
        "support.ticket.triage.mixin",
        "support.ticket.customer.mixin",
        "support.ticket.entitlement.mixin",
        "support.ticket.context.mixin",
        "support.ticket.workflow.mixin",
        "support.ticket.article.mixin",
        "support.ticket.mail.mixin",
        "portal.mixin",
        "mail.thread.cc",
        "mail.activity.mixin",
    ]
    # T5: business-critical subjects first, then priority, then arrival.
    _order = "is_business_critical desc, priority desc, id"
    _rec_names_search = ["number", "name"]
    _primary_email = "email_from"
    _mail_post_access = "read"
    _check_company_auto = True

    # ------------------------------------------------------------ identity
    number = fields.Char(readonly=True, copy=False, index=True)
    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Html(sanitize=True)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    # ------------------------------------------------------------ company
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    # ------------------------------------------------------------ handling
    team_id = fields.Many2one(
        "support.team",
        tracking=True,
        index=True,
        default=lambda self: self._default_team_id(),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned Agent",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    stage_id = fields.Many2one(
        "support.ticket.stage",
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage_id(),
    )
    is_triage = fields.Boolean(related="stage_id.is_triage", store=True)
    is_waiting_customer = fields.Boolean(
        related="stage_id.is_waiting_customer", store=True
    )
    is_in_progress = fields.Boolean(related="stage_id.is_in_progress")
    is_resolved = fields.Boolean(related="stage_id.is_resolved", store=True)
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    tag_ids = fields.Many2many("support.ticket.tag", string="Tags")
    type_id = fields.Many2one("support.ticket.type", string="Type", tracking=True)
    type_code = fields.Selection(related="type_id.code", store=True, string="Type Code")
    # ------------------------------------------------------------ dates
    date_assigned = fields.Datetime(string="Assigned On", readonly=True, copy=False)
    date_first_response = fields.Datetime(
        string="First Response On", readonly=True, copy=False
    )
    _number_company_uniq = models.Constraint(
        "UNIQUE(number, company_id)",
        "Ticket numbers must be unique per company.",
    )

    # ------------------------------------------------------------ defaults
    @api.model
    def _default_stage_id(self):
        Stage = self.env["support.ticket.stage"]
        return Stage.browse(Stage._first_stage_id())

    @api.model
    def _default_team_id(self):
        if "default_team_id" in self.env.context:
            return self.env["support.team"].browse(self.env.context["default_team_id"])
        Team = self.env["support.team"]
        if not self.env.user.has_group("base.group_user"):
            # portal and public requests land in the company's first team
            return Team.sudo().browse(Team._default_team_id_for(0, self.env.company.id))
        return Team._default_for_user()

    @api.onchange("contract_id")
    def _onchange_contract_team(self):
        """Phone and emergency line: the agent logging the call gets the
        contract's team proposed."""
        for ticket in self:
            if ticket.contract_id.team_id:
                ticket.team_id = ticket.contract_id.team_id

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    # ------------------------------------------------------------ computes
    @api.depends("contract_id", "team_id")
    def _compute_company_id(self):
        for ticket in self:
            if ticket.contract_id.company_id:
                ticket.company_id = ticket.contract_id.company_id
            elif ticket.team_id.company_id and not ticket.company_id:
                ticket.company_id = ticket.team_id.company_id
            elif not ticket.company_id:
                ticket.company_id = self.env.company

    def _compute_access_url(self):
        super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"

    def _compute_display_name(self):
        for ticket in self:
            if ticket.number:
                ticket.display_name = f"[{ticket.number}] {ticket.name or ''}"
            else:
                ticket.display_name = ticket.name or ""

    # ------------------------------------------------------------ validation
    @api.model
    def _validate_values(self, vals):
        """Clear errors for values the ORM would refuse with a traceback."""
        super()._validate_values(vals)
        if vals.get("document_ref"):
            self._check_document_access(vals["document_ref"])

    # ------------------------------------------------------------ crud
    @api.model_create_multi
    def create(self, vals_list):
        """Batch creation: defaults, agents, numbers, followers and creation
        messages once for all the tickets (issue 13), not per ticket."""
        now = fields.Datetime.now()
        vals_list = [dict(vals) for vals in vals_list]
        routed = [
            index
            for index, vals in enumerate(vals_list)
            if "team_id" not in vals or vals.get("channel") in ROUTED_CHANNELS
        ]
        self._prepare_contract_teams([vals_list[index] for index in routed])
        self._prepare_create_defaults(vals_list)
        for vals in vals_list:
            self._validate_values(vals)
        self._prepare_priority_create(vals_list)
        self._prepare_assignment_create(vals_list)
        for vals in vals_list:
            if vals.get("user_id"):
                vals.setdefault("date_assigned", now)
        # mail.thread's per-ticket followers and messages: done in batches below
        tickets = (
            super(
                SupportTicket,
                self.with_context(mail_create_nolog=True, support_defer_followers=True),
            )
            .create(vals_list)
            .with_env(self.env)
        )
        # safety net: a contract found only by the ORM (e.g. a computed one)
        tickets.browse(
            [tickets.ids[index] for index in routed]
        )._default_team_for_contract()
        tickets._assign_numbers()
        tickets._after_create_mail(vals_list)
        preassigned = tickets.filtered("user_id")
        if preassigned:
            preassigned._on_assigned()
        return tickets

    def write(self, vals):
        vals = dict(vals)
        self._validate_values(vals)
        now = fields.Datetime.now()
        override_note = self._prepare_priority_override(vals)
        old_stages = {}
        new_stage = self.env["support.ticket.stage"]
        if "stage_id" in vals:
            new_stage = new_stage.browse(vals["stage_id"])
            old_stages = {t.id: t.stage_id for t in self if t.stage_id != new_stage}
            self.filtered(lambda t: t.id in old_stages)._check_stage_move(new_stage)
        newly_assigned = self.env["support.ticket"]
        if vals.get("user_id"):
            newly_assigned = self.filtered(lambda t: t.user_id.id != vals["user_id"])
            vals["date_assigned"] = now
        sla_before = {}
        if SLA_CONTEXT_FIELDS & set(vals):
            sla_before = {t.id: t._sla_context() for t in self}
        res = super().write(vals)
        if old_stages:
            moved = self.filtered(lambda t: t.id in old_stages)
            moved._after_stage_change(old_stages, now)
        if override_note:
            for ticket in self:
                ticket.message_post(body=override_note, subtype_xmlid="mail.mt_note")
        if newly_assigned:
            newly_assigned._on_assigned()
        if sla_before:
            changed = self.filtered(lambda t: t._sla_context() != sla_before[t.id])
            if changed:
                changed._on_sla_context_change()
        return res

    def _sla_context(self):
        self.ensure_one()
        return (self.priority, self.contract_id.id, self.plan_id.id)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_worked(self):
        if self.env.is_superuser() or self.env.user.has_group(
            "support_contract.group_support_manager"
        ):
            return
        raise UserError(
            self.env._("Only a support manager can delete tickets: archive it.")
        )

    def _default_team_for_contract(self):
        """A new ticket goes to its contract's team: the portal form, the
        monitoring intake and any creation without a team; the email gateway
        too, whatever alias the message came through. A team named on
        creation (an agent logging a phone call picks it, proposed by the
        contract in the form) is kept. The team's assignment method follows
        in ``create``. One write per team, without tracking noise."""
        by_team = {}
        for ticket in self:
            team = ticket.contract_id.team_id
            if team and ticket.team_id != team:
                by_team.setdefault(team, []).append(ticket.id)
        for team, ids in by_team.items():
            self.browse(ids).sudo().with_context(mail_notrack=True).write(
                {"team_id": team.id}
            )

    # ------------------------------------------------------------ hooks
    # Overridden by support_sla and support_billing; nothing to do here.
    def _on_stage_change(self, old_stages):
        """After a stage move. ``old_stages``: ticket id -> previous stage."""
        return

    def _on_assigned(self):
        """After tickets got an agent (create or write of ``user_id``)."""
        return

    def _on_public_reply(self, message):
        """After an employee's public reply (``message``) on the ticket."""
        return

    def _on_customer_reply(self, message):
        """After a message of the customer (portal or email) on the ticket."""
        return

    def _on_sla_context_change(self):
        """After the priority, the contract or the plan of tickets changed
        (on write; on create, override ``create``)."""
        return

    def _on_reopen(self):
        """After a resolved or closed ticket was moved back to work."""
        return
