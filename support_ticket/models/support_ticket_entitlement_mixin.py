from odoo import api, fields, models, tools
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.support_contract.access import check_support_group
from odoo.addons.support_contract.models.support_plan import COVERAGE


def _warning_field(string):
    """A stored entitlement flag, set by ``_compute_entitlement_warnings``."""
    return fields.Boolean(
        string=string, compute="_compute_entitlement_warnings", store=True
    )


class SupportTicketEntitlementMixin(models.AbstractModel):
    """What the customer's contract entitles a ticket to: the key users (C6),
    the scope of the plan (S1-S4), the hotline, the contract's state. The
    ticket is never refused: it carries warnings for the agent. Mixed into
    ``support.ticket``."""

    _name = "support.ticket.entitlement.mixin"
    _description = "Support Ticket Entitlement"

    company_key_user_ids = fields.Many2many(
        "res.partner",
        string="Company Key Users",
        compute="_compute_company_key_user_ids",
        search="_search_company_key_user_ids",
        help="Key users of the customer's active contracts.",
    )
    scope_item_id = fields.Many2one(
        "support.scope.item", string="Scope Item", tracking=True
    )
    scope_coverage = fields.Selection(
        COVERAGE,
        compute="_compute_scope_coverage",
        store=True,
        help="What the customer's plan says about this kind of request.",
    )
    # ------------------------------------------------------------ warnings
    warn_no_contract = _warning_field("No Active Contract")
    warn_contract_suspended = _warning_field("Contract Suspended")
    warn_contract_expired = _warning_field("Contract Expired")
    warn_hotline = _warning_field("Emergency Line Not in Plan")
    warn_not_key_user = _warning_field("Requester Not a Key User")
    warn_out_of_scope = _warning_field("Out of the Plan's Scope")
    has_entitlement_warning = _warning_field("Entitlement Warning")
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
        help="The request is out of scope and will be quoted as a project.",
    )

    # ------------------------------------------------------------ key users (c6)
    @api.depends("commercial_partner_id")
    def _compute_company_key_user_ids(self):
        # one search for the batch (a portal page checks many tickets at once)
        contracts = (
            self.env["support.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("state", "=", "active"),
                ]
            )
        )
        for ticket in self:
            ticket.company_key_user_ids = contracts.filtered(
                lambda c, t=ticket: c.partner_id == t.commercial_partner_id
            ).key_user_ids.sudo(False)

    def _search_company_key_user_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        ids = [value] if isinstance(value, int) else list(value or [])
        # subqueries, not a search: the portal's record rule uses this field,
        # so every search of a portal user would otherwise cost a query more
        contracts = (
            self.env["support.contract"]
            .sudo()
            ._search([("state", "=", "active"), ("key_user_ids", "in", ids)])
        )
        partner_ids = contracts.subselect(SQL.identifier(contracts.table, "partner_id"))
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        customers = Partner._search([("id", "in", partner_ids)])
        return Domain(
            "commercial_partner_id",
            "in",
            customers.subselect(
                SQL.identifier(customers.table, "commercial_partner_id")
            ),
        )

    # ------------------------------------------------------------ scope (s1-s3)
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

    # ------------------------------------------------------------ warnings
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
            ticket.warn_contract_expired = False
            ticket.warn_hotline = (
                ticket.channel == "emergency" and not ticket.plan_id.has_hotline
            )
            ticket.warn_not_key_user = bool(
                contract
                and ticket.partner_id
                and ticket.partner_id not in contract.key_user_ids
            )
            ticket.warn_out_of_scope = ticket.scope_coverage == "out_of_scope"
        self._set_warn_contract_expired()
        for ticket in self:
            ticket.has_entitlement_warning = any(
                ticket[name] for name in self._entitlement_warning_fields()
            )

    def _set_warn_contract_expired(self):
        """Tickets without an active contract whose customer's last contract
        expired: one query for the batch, none when every ticket has one."""
        uncovered = self.filtered("warn_no_contract")
        for ticket in uncovered:
            ticket.warn_contract_expired = ticket.contract_id.state == "expired"
        customers = uncovered.filtered(
            lambda t: not t.contract_id
        ).commercial_partner_id
        if not customers:
            return
        expired = (
            self.env["support.contract"]
            .sudo()
            .search([("partner_id", "in", customers.ids), ("state", "=", "expired")])
            .partner_id
        )
        for ticket in uncovered.filtered(lambda t: not t.contract_id):
            ticket.warn_contract_expired = ticket.commercial_partner_id in expired

    def _expired_contract(self):
        """The contract of the customer that expired last (the warning's)."""
        self.ensure_one()
        if self.contract_id.state == "expired":
            return self.contract_id
        return (
            self.env["support.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("state", "=", "expired"),
                ],
                order="date_end desc, id desc",
                limit=1,
            )
        )

    @api.model
    def _entitlement_warning_fields(self):
        return [
            "warn_no_contract",
            "warn_contract_suspended",
            "warn_contract_expired",
            "warn_hotline",
            "warn_not_key_user",
            "warn_out_of_scope",
        ]

    def _entitlement_warning_messages(self):
        self.ensure_one()
        _ = self.env._
        messages = []
        if self.warn_contract_expired:
            expired = self._expired_contract()
            messages.append(
                _(
                    "The customer's contract %(contract)s expired on %(date)s: "
                    "propose a renewal before working on the request.",
                    contract=expired.name,
                    date=expired.date_end or "-",
                )
            )
        elif self.warn_no_contract:
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

    # ------------------------------------------------------------ quote (s4)
    def action_request_quote(self):
        """S4: an out-of-scope request becomes a project quote request."""
        check_support_group(self, "agent")
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
