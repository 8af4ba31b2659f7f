from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.mail import email_split_and_format

from odoo.addons.support_contract.models.support_plan import COVERAGE

from ..tools import desk
from .support_priority_matrix import (
    IMPACT_SELECTION,
    PRIORITY_SELECTION,
    URGENCY_SELECTION,
)

# Models a ticket may point to (T2) when they are installed; any other record
# is named in ``document_name``.
DOCUMENT_MODELS = [
    "sale.order",
    "account.move",
    "purchase.order",
    "stock.picking",
    "project.task",
    "product.product",
    "product.template",
    "res.partner",
    "res.users",
]

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
    _inherit = ["portal.mixin", "mail.thread.cc", "mail.activity.mixin"]
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
    # ------------------------------------------------------------ customer
    partner_id = fields.Many2one(
        "res.partner", string="Contact", tracking=True, index=True
    )
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    email_from = fields.Char(string="Requester Email")
    unknown_customer = fields.Boolean(
        copy=False,
        help="Created from an email whose sender matched no contact and no "
        "customer company: identify the customer before working on it.",
    )
    contract_id = fields.Many2one(
        "support.contract",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        precompute=True,
        domain="[('partner_id', '=', commercial_partner_id)]",
        help="The customer's active contract, chosen automatically.",
    )
    plan_id = fields.Many2one(
        "support.plan", related="contract_id.plan_id", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    company_key_user_ids = fields.Many2many(
        "res.partner",
        string="Company Key Users",
        compute="_compute_company_key_user_ids",
        search="_search_company_key_user_ids",
        help="Key users (C6) of the customer's active contracts.",
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
    is_resolved = fields.Boolean(related="stage_id.is_resolved", store=True)
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    tag_ids = fields.Many2many("support.ticket.tag", string="Tags")
    type_id = fields.Many2one("support.ticket.type", string="Type", tracking=True)
    type_code = fields.Selection(related="type_id.code", store=True, string="Type Code")
    scope_item_id = fields.Many2one(
        "support.scope.item", string="Scope Item", tracking=True
    )
    scope_coverage = fields.Selection(
        COVERAGE,
        compute="_compute_scope_coverage",
        store=True,
        help="What the customer's plan says about this kind of request (S1-S3).",
    )
    code_ownership = fields.Selection(
        [
            ("odoo_community", "Odoo Community"),
            ("odoo_enterprise", "Odoo Enterprise"),
            ("third_party", "Third-Party App"),
            ("provider_localisation", "Our Localisation Modules"),
            ("customer_custom", "Customer's Customisation"),
        ],
        tracking=True,
        help="S5: who owns the code concerned, hence who fixes it and who pays.",
    )
    channel = fields.Selection(
        [
            ("portal", "Portal"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("emergency", "Emergency Line"),
            ("monitoring", "Monitoring"),
        ],
        required=True,
        default="phone",
        tracking=True,
    )
    # ------------------------------------------------------------ priority (T4)
    impact = fields.Selection(
        IMPACT_SELECTION, required=True, default="single", tracking=True
    )
    urgency = fields.Selection(
        URGENCY_SELECTION, required=True, default="medium", tracking=True
    )
    priority = fields.Selection(
        PRIORITY_SELECTION,
        compute="_compute_priority",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        precompute=True,
    )
    priority_overridden = fields.Boolean(copy=False, tracking=True)
    priority_override_reason = fields.Text(
        string="Override Reason", copy=False, tracking=True
    )
    business_critical = fields.Selection(
        [
            ("production_down", "Production Down"),
            ("tax_closing", "Month-End Tax Closing"),
            ("invoicing_blocked", "Invoicing Blocked"),
        ],
        string="Business-Critical Subject",
        tracking=True,
        help="T5: served first when resources are short.",
    )
    is_business_critical = fields.Boolean(
        string="Business-Critical",
        compute="_compute_is_business_critical",
        store=True,
    )
    # ------------------------------------------------------------ context (T2)
    screen_url = fields.Char(string="Screen URL")
    document_ref = fields.Reference(
        selection="_selection_document_ref", string="Business Document"
    )
    document_name = fields.Char(
        help="Name of the record concerned when it cannot be linked "
        "(a product, a user, a document of another database).",
    )
    contact_method = fields.Selection(
        [("email", "Email"), ("phone", "Phone"), ("portal", "Portal")],
        string="Preferred Contact Method",
        required=True,
        default="email",
    )
    # ------------------------------------------------------------ dates
    date_assigned = fields.Datetime(string="Assigned On", readonly=True, copy=False)
    date_first_response = fields.Datetime(
        string="First Response On", readonly=True, copy=False
    )
    date_resolved = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    date_last_stage_update = fields.Datetime(
        string="Last Stage Update",
        readonly=True,
        copy=False,
        default=fields.Datetime.now,
    )
    # ------------------------------------------------------------ entitlement
    warn_no_contract = fields.Boolean(
        string="No Active Contract",
        compute="_compute_entitlement_warnings",
        store=True,
    )
    warn_contract_suspended = fields.Boolean(
        string="Contract Suspended",
        compute="_compute_entitlement_warnings",
        store=True,
    )
    warn_hotline = fields.Boolean(
        string="Emergency Line Not in Plan",
        compute="_compute_entitlement_warnings",
        store=True,
    )
    warn_not_key_user = fields.Boolean(
        string="Requester Not a Key User",
        compute="_compute_entitlement_warnings",
        store=True,
    )
    warn_out_of_scope = fields.Boolean(
        string="Out of the Plan's Scope",
        compute="_compute_entitlement_warnings",
        store=True,
    )
    has_entitlement_warning = fields.Boolean(
        string="Entitlement Warning",
        compute="_compute_entitlement_warnings",
        store=True,
    )
    entitlement_warning = fields.Html(
        string="Entitlement Warnings",
        compute="_compute_entitlement_warning_text",
        sanitize=False,
    )
    quote_requested = fields.Boolean(
        string="Project Quote Requested",
        readonly=True,
        copy=False,
        tracking=True,
        help="S4: the request is out of scope and will be quoted as a project.",
    )
    customer_ticket_count = fields.Integer(compute="_compute_customer_ticket_count")

    _number_company_uniq = models.Constraint(
        "UNIQUE(number, company_id)",
        "Ticket numbers must be unique per company.",
    )

    # ================================================================ defaults
    @api.model
    def _default_stage_id(self):
        return self.env["support.ticket.stage"].search([], limit=1)

    @api.model
    def _default_team_id(self):
        if "default_team_id" in self.env.context:
            return self.env["support.team"].browse(self.env.context["default_team_id"])
        if not self.env.user.has_group("base.group_user"):
            # portal and public requests land in the company's first team
            return (
                self.env["support.team"]
                .sudo()
                .search([("company_id", "in", [self.env.company.id, False])], limit=1)
            )
        return self.env["support.team"]._default_for_user()

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    @api.model
    def _selection_document_ref(self):
        return [
            (model, self.env[model]._description)
            for model in DOCUMENT_MODELS
            if model in self.env
        ]

    # ================================================================ computes
    @api.depends("partner_id", "team_id")
    def _compute_contract_id(self):
        for ticket in self:
            customer = ticket.partner_id.commercial_partner_id
            if not customer:
                ticket.contract_id = False
                continue
            if (
                ticket.contract_id
                and ticket.contract_id.partner_id.commercial_partner_id == customer
            ):
                continue
            ticket.contract_id = ticket._find_contract(customer)

    def _find_contract(self, customer):
        """The customer's active contract (C2); else its suspended one, so
        that the ticket says why it is not covered."""
        companies = self.env.companies
        if self.env.su:
            # the mail gateway runs as superuser: look in the team's company too
            companies |= self.team_id.company_id
            customer = customer.with_context(allowed_company_ids=companies.ids)
        contract = customer._get_support_contract()
        if not contract:
            contract = (
                self.env["support.contract"]
                .sudo()
                .search(
                    [
                        ("partner_id", "=", customer.id),
                        ("state", "=", "suspended"),
                        ("company_id", "in", companies.ids),
                    ],
                    limit=1,
                )
                .sudo(False)
            )
        return contract

    @api.depends("contract_id", "team_id")
    def _compute_company_id(self):
        for ticket in self:
            if ticket.contract_id.company_id:
                ticket.company_id = ticket.contract_id.company_id
            elif ticket.team_id.company_id and not ticket.company_id:
                ticket.company_id = ticket.team_id.company_id
            elif not ticket.company_id:
                ticket.company_id = self.env.company

    @api.depends("commercial_partner_id")
    def _compute_company_key_user_ids(self):
        Contract = self.env["support.contract"].sudo()
        for ticket in self:
            contracts = Contract.search(
                [
                    ("partner_id", "=", ticket.commercial_partner_id.id),
                    ("state", "=", "active"),
                ]
            )
            ticket.company_key_user_ids = contracts.key_user_ids.sudo(False)

    def _search_company_key_user_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        ids = [value] if isinstance(value, int) else list(value or [])
        contracts = (
            self.env["support.contract"]
            .sudo()
            .search([("state", "=", "active"), ("key_user_ids", "in", ids)])
        )
        return Domain(
            "commercial_partner_id",
            "in",
            contracts.partner_id.commercial_partner_id.ids,
        )

    @api.depends("impact", "urgency", "priority_overridden")
    def _compute_priority(self):
        matrix = self.env["support.priority.matrix"]._get_matrix()
        for ticket in self:
            if ticket.priority_overridden and ticket.priority:
                continue
            if not ticket.impact or not ticket.urgency:
                ticket.priority = ticket.priority or "0"
                continue
            ticket.priority = self.env["support.priority.matrix"]._lookup(
                ticket.impact, ticket.urgency, matrix
            )

    @api.depends("business_critical")
    def _compute_is_business_critical(self):
        for ticket in self:
            ticket.is_business_critical = bool(ticket.business_critical)

    @api.depends(
        "scope_item_id",
        "plan_id",
        "plan_id.included_plan_ids",
        "scope_item_id.coverage_ids.coverage",
        "scope_item_id.coverage_ids.plan_id",
    )
    def _compute_scope_coverage(self):
        for ticket in self:
            if ticket.scope_item_id and ticket.plan_id:
                ticket.scope_coverage = ticket.plan_id._get_coverage(
                    ticket.scope_item_id
                )
            else:
                ticket.scope_coverage = False

    @api.depends(
        "partner_id",
        "contract_id.state",
        "contract_id.key_user_ids",
        "plan_id.has_hotline",
        "channel",
        "scope_coverage",
    )
    def _compute_entitlement_warnings(self):
        for ticket in self:
            contract = ticket.contract_id
            ticket.warn_no_contract = not contract or contract.state not in (
                "active",
                "suspended",
            )
            ticket.warn_contract_suspended = contract.state == "suspended"
            ticket.warn_hotline = (
                ticket.channel == "emergency" and not ticket.plan_id.has_hotline
            )
            ticket.warn_not_key_user = bool(
                contract
                and ticket.partner_id
                and ticket.partner_id not in contract.key_user_ids
            )
            ticket.warn_out_of_scope = ticket.scope_coverage == "out_of_scope"
            ticket.has_entitlement_warning = any(
                ticket[name] for name in self._entitlement_warning_fields()
            )

    @api.model
    def _entitlement_warning_fields(self):
        return [
            "warn_no_contract",
            "warn_contract_suspended",
            "warn_hotline",
            "warn_not_key_user",
            "warn_out_of_scope",
        ]

    def _entitlement_warning_messages(self):
        self.ensure_one()
        _ = self.env._
        messages = []
        if self.warn_no_contract:
            messages.append(_("The customer has no active support contract."))
        if self.warn_contract_suspended:
            messages.append(
                _("Contract %(contract)s is suspended.", contract=self.contract_id.name)
            )
        if self.warn_hotline:
            messages.append(
                _(
                    "The emergency line was used but the plan %(plan)s has no hotline.",
                    plan=self.plan_id.name or "-",
                )
            )
        if self.warn_not_key_user:
            messages.append(
                _(
                    "%(contact)s is not a key user of the contract.",
                    contact=self.partner_id.name,
                )
            )
        if self.warn_out_of_scope and self.quote_requested:
            messages.append(
                _(
                    "%(item)s is out of scope for the plan %(plan)s: a project "
                    "quote was requested.",
                    item=self.scope_item_id.name,
                    plan=self.plan_id.name,
                )
            )
        elif self.warn_out_of_scope:
            messages.append(
                _(
                    "%(item)s is out of scope for the plan %(plan)s: propose a "
                    "project quote.",
                    item=self.scope_item_id.name,
                    plan=self.plan_id.name,
                )
            )
        return messages

    @api.depends(lambda self: [*self._entitlement_warning_fields(), "quote_requested"])
    def _compute_entitlement_warning_text(self):
        for ticket in self:
            messages = ticket._entitlement_warning_messages()
            ticket.entitlement_warning = (
                "<ul>"
                + "".join(f"<li>{tools.html_escape(msg)}</li>" for msg in messages)
                + "</ul>"
                if messages
                else False
            )

    def _compute_customer_ticket_count(self):
        customers = self.commercial_partner_id
        counts = dict(
            self._read_group(
                [("commercial_partner_id", "in", customers.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.customer_ticket_count = counts.get(ticket.commercial_partner_id, 0)

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

    # ================================================================ constraints
    @api.constrains("contract_id", "partner_id")
    def _check_contract_customer(self):
        for ticket in self:
            contract = ticket.contract_id
            if not contract:
                continue
            if (
                contract.partner_id.commercial_partner_id
                != ticket.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s belongs to %(owner)s, not to the "
                        "customer of ticket %(ticket)s.",
                        contract=contract.name,
                        owner=contract.partner_id.display_name,
                        ticket=ticket.display_name,
                    )
                )

    @api.constrains("priority_overridden", "priority_override_reason")
    def _check_priority_override_reason(self):
        for ticket in self:
            if (
                ticket.priority_overridden
                and not (ticket.priority_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Overriding the priority of %(ticket)s needs a reason.",
                        ticket=ticket.display_name,
                    )
                )

    @api.constrains("screen_url")
    def _check_screen_url(self):
        for ticket in self:
            url = (ticket.screen_url or "").strip()
            if url and not url.lower().startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._("The screen URL must start with http:// or https://.")
                )

    # ================================================================ validation
    @api.model
    def _validate_values(self, vals):
        """Clear errors for values the ORM would refuse with a traceback."""
        _ = self.env._
        checks = (
            ("impact", IMPACT_SELECTION, _("impact")),
            ("urgency", URGENCY_SELECTION, _("urgency")),
            ("priority", PRIORITY_SELECTION, _("priority")),
        )
        for fname, selection, label in checks:
            if fname in vals and vals[fname] not in dict(selection):
                raise ValidationError(
                    _(
                        "%(value)s is not a valid %(field)s: the priority matrix "
                        "knows %(allowed)s.",
                        value=vals[fname] or _("An empty value"),
                        field=label,
                        allowed=", ".join(name for _key, name in selection),
                    )
                )
        if vals.get("document_ref"):
            self._check_document_access(vals["document_ref"])

    @api.model
    def _check_document_access(self, reference):
        """T2: a ticket may point only to a record its author can read."""
        if isinstance(reference, models.BaseModel):
            record = reference
        else:
            try:
                model, res_id = str(reference).split(",")
                record = self.env[model].browse(int(res_id))
            except (KeyError, ValueError) as exc:
                raise ValidationError(
                    self.env._("%(ref)s is not a valid document.", ref=reference)
                ) from exc
        if not record.exists():
            raise ValidationError(
                self.env._(
                    "The business document %(ref)s does not exist.", ref=reference
                )
            )
        try:
            record.check_access("read")
        except AccessError as exc:
            raise ValidationError(
                self.env._(
                    "You cannot refer to %(ref)s: you are not allowed to read it.",
                    ref=reference,
                )
            ) from exc

    # ================================================================ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        matrix = None
        now = fields.Datetime.now()
        for vals in vals_list:
            self._validate_values(vals)
            if vals.get("priority") and not self.env.context.get(
                "support_priority_recompute"
            ):
                if matrix is None:
                    matrix = self.env["support.priority.matrix"]._get_matrix()
                computed = self.env["support.priority.matrix"]._lookup(
                    vals.get("impact") or self._fields["impact"].default(self),
                    vals.get("urgency") or self._fields["urgency"].default(self),
                    matrix,
                )
                if vals["priority"] != computed:
                    if not (vals.get("priority_override_reason") or "").strip():
                        raise ValidationError(
                            self.env._("Overriding the priority needs a reason.")
                        )
                    vals["priority_overridden"] = True
            if vals.get("user_id"):
                vals.setdefault("date_assigned", now)
        tickets = super().create(vals_list)
        for ticket in tickets:
            if not ticket.number:
                ticket.number = ticket._next_number()
        preassigned = tickets.filtered("user_id")
        if preassigned:
            preassigned._on_assigned()
        # auto-assigned tickets get their hook from write()
        tickets._auto_assign()
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

    def _prepare_priority_override(self, vals):
        """T4: writing a priority by hand is an override: it needs a reason and
        is logged. Returns the chatter note to post (or False)."""
        if "priority" not in vals or self.env.context.get("support_priority_recompute"):
            return False
        new = vals["priority"]
        matrix = self.env["support.priority.matrix"]._get_matrix()
        differs = self.filtered(
            lambda t: (
                self.env["support.priority.matrix"]._lookup(
                    vals.get("impact", t.impact), vals.get("urgency", t.urgency), matrix
                )
                != new
            )
        )
        if not differs:
            if "priority_overridden" not in vals:
                vals["priority_overridden"] = False
                vals["priority_override_reason"] = False
            return False
        reason = vals.get("priority_override_reason")
        if reason is None:
            missing = differs.filtered(
                lambda t: not (t.priority_override_reason or "").strip()
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "Overriding the priority of %(ticket)s needs a reason.",
                        ticket=missing[0].display_name,
                    )
                )
            reason = differs[0].priority_override_reason
        elif not (reason or "").strip():
            raise ValidationError(self.env._("Overriding the priority needs a reason."))
        vals["priority_overridden"] = True
        labels = dict(self._fields["priority"]._description_selection(self.env))
        return self.env._(
            "Priority overridden to %(priority)s. Reason: %(reason)s",
            priority=labels.get(new, new),
            reason=reason,
        )

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
            super(SupportTicket, tickets).write(dates)
            if stage.is_closed:
                unresolved = tickets.filtered(lambda t: not t.date_resolved)
                super(SupportTicket, unresolved).write({"date_resolved": now})
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

    # ================================================================ numbering
    def _next_number(self):
        """Per-company sequence: each company numbers its tickets on its own."""
        self.ensure_one()
        company = self.company_id or self.env.company
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "support.ticket"), ("company_id", "=", company.id)],
            limit=1,
        )
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": self.env._(
                        "Support Tickets (%(company)s)", company=company.name
                    ),
                    "code": "support.ticket",
                    "prefix": "TCK/%(year)s/",
                    "padding": 5,
                    "company_id": company.id,
                }
            )
        return sequence.next_by_id()

    # ================================================================ assignment
    def _auto_assign(self):
        """Assign tickets without agent per their team's method."""
        for ticket in self.filtered(lambda t: not t.user_id and t.team_id):
            team = ticket.team_id.sudo()
            if team.assignment_method == "manual":
                continue
            agent = team._pick_agent()
            if agent:
                ticket.write({"user_id": agent.id})
                team.last_assigned_user_id = agent

    # ================================================================ stages
    @api.model
    def _get_stage(self, flag):
        return self.env["support.ticket.stage"].search([(flag, "=", True)], limit=1)

    # ================================================================ actions
    def action_assign_to_me(self):
        self.write({"user_id": self.env.uid})

    def action_set_in_progress(self):
        stage = self._get_stage("is_in_progress")
        if stage:
            self.write({"stage_id": stage.id})

    def action_wait_customer(self):
        stage = self._get_stage("is_waiting_customer")
        if stage:
            self.write({"stage_id": stage.id})

    def action_resolve(self):
        stage = self._get_stage("is_resolved")
        if stage:
            self.write({"stage_id": stage.id})

    def action_close(self):
        stage = self._get_stage("is_closed")
        if stage:
            self.write({"stage_id": stage.id})

    def action_reopen(self):
        stage = self._get_stage("is_in_progress")
        if stage:
            self.filtered(lambda t: t.is_resolved or t.is_closed).write(
                {"stage_id": stage.id}
            )

    def action_reset_priority(self):
        """Drop an override: the matrix decides again."""
        self.write({"priority_overridden": False, "priority_override_reason": False})
        self.message_post(
            body=self.env._("Priority override removed: the matrix decides again."),
            subtype_xmlid="mail.mt_note",
        )

    def action_override_priority(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Priority"),
            "res_model": "support.ticket.priority.override",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_priority": self.priority,
            },
        }

    def action_request_quote(self):
        """S4: an out-of-scope request becomes a project quote request."""
        out_type = self.env["support.ticket.type"].search(
            [("code", "=", "out_of_scope")], limit=1
        )
        for ticket in self:
            if ticket.quote_requested:
                continue
            vals = {"quote_requested": True}
            if out_type:
                vals["type_id"] = out_type.id
            ticket.write(vals)
            responsible = ticket.team_id.leader_id or ticket.user_id or self.env.user
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Prepare a project quote"),
                note=self.env._(
                    "This request is out of the support scope: propose a quote "
                    "or a project plan to the customer."
                ),
                user_id=responsible.id,
            )
            ticket.message_post(
                body=self.env._(
                    "This request is not covered by the support contract: it "
                    "will be quoted as a project."
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_open_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.contract",
            "res_id": self.contract_id.id,
            "view_mode": "form",
        }

    def action_open_customer_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_ticket_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"search_default_open": 0}
        return action

    # ================================================================ hooks
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

    # ================================================================ mail
    def _creation_subtype(self):
        return self.env.ref("support_ticket.mt_ticket_new")

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("support_ticket.mt_ticket_stage")
        return super()._track_subtype(init_values)

    def _notify_get_reply_to(self, default=None, author_id=False):
        aliases = self.sudo().team_id._notify_get_reply_to(
            default=default, author_id=author_id
        )
        res = {ticket.id: aliases.get(ticket.team_id.id) for ticket in self}
        leftover = self.filtered(lambda t: not res.get(t.id))
        if leftover:
            res.update(
                super(SupportTicket, leftover)._notify_get_reply_to(
                    default=default, author_id=author_id
                )
            )
        return res

    @api.model
    def _gateway_partner_from_email(self, email_from):
        """Contact for an unknown sender: a new contact under the company whose
        email domain matches, else a stand-alone contact flagged unknown.
        Returns ``(partner, unknown)``."""
        Partner = self.env["res.partner"].sudo()
        name, email = tools.parse_contact_from_email(email_from)
        if not email:
            return Partner, True
        domain = desk.email_domain(email)
        company = Partner
        if desk.is_company_domain(domain):
            company = Partner.search(
                [("is_company", "=", True), ("email", "=ilike", f"%@{domain}")],
                limit=1,
            )
            if not company:
                colleague = Partner.search(
                    [
                        ("email", "=ilike", f"%@{domain}"),
                        ("commercial_partner_id.is_company", "=", True),
                    ],
                    limit=1,
                )
                company = colleague.commercial_partner_id
        partner = Partner.create(
            {
                "name": name or email,
                "email": email,
                "parent_id": company.id or False,
                "type": "contact",
            }
        )
        return partner, not company

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        email_from = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        unknown = False
        if not partner and email_from:
            partner, unknown = self._gateway_partner_from_email(email_from)
            if partner:
                msg_dict["author_id"] = partner.id
        values.setdefault("channel", "email")
        values.setdefault("contact_method", "email")
        values.setdefault("partner_id", partner.id or False)
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("name", msg_dict.get("subject") or self.env._("(no subject)"))
        values["unknown_customer"] = unknown
        ticket = super().message_new(msg_dict, custom_values=values)
        if partner:
            ticket.message_subscribe(partner.ids)
        ticket._subscribe_cc(msg_dict)
        return ticket

    def message_update(self, msg_dict, update_vals=None):
        res = super().message_update(msg_dict, update_vals=update_vals)
        self._subscribe_cc(msg_dict)
        return res

    def _subscribe_cc(self, msg_dict):
        """Incoming CC addresses become followers (contacts created if needed)."""
        emails = email_split_and_format(msg_dict.get("cc") or "")
        if not emails:
            return
        for ticket in self:
            partners = ticket._partner_find_from_emails_single(emails, no_create=False)
            partners = partners.filtered(lambda p: p.id)
            if partners:
                ticket.message_subscribe(partners.ids)

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        comment = self.env.ref("mail.mt_comment")
        if message.message_type not in ("comment", "email") or (
            message.subtype_id != comment
        ):
            return res
        author = message.author_id
        if author == self.env.ref("base.partner_root"):
            return res  # automatic messages are neither answers nor replies
        # an email from an address without contact is the customer's too
        employee = any(not user.share for user in author.user_ids)
        if employee:
            self.filtered(lambda t: not t.date_first_response).sudo().write(
                {"date_first_response": fields.Datetime.now()}
            )
            self._on_public_reply(message)
        else:
            waiting = self.filtered("is_waiting_customer")
            stage = self._get_stage("is_in_progress")
            if waiting and stage:
                # T6/L5: the customer answered, the ticket goes back to work.
                waiting.sudo().write({"stage_id": stage.id})
            self._on_customer_reply(message)
        return res
