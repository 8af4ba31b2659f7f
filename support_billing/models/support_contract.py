from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.support_contract.access import check_support_group

from .portal_readable_fields import CONTRACT_BILLING_PORTAL_READABLE_FIELDS
from .res_config_settings import BillingParams


class SupportContract(models.Model):
    _name = "support.contract"
    _inherit = [
        "support.contract",
        "support.reserved.hours.mixin",
        "support.contract.hours.statement",
    ]

    hours_ledger_ids = fields.One2many("support.hours.ledger", "contract_id")
    hours_balance = fields.Float(
        compute="_compute_hours_balance",
        help="Prepaid and reserved hours not yet used.",
    )
    hours_overage = fields.Float(
        string="Extra Hours Used",
        compute="_compute_hours_balance",
        help="Billed time no credit covered, billed at the hourly rate.",
    )
    timesheet_project_id = fields.Many2one(
        "project.project",
        copy=False,
        help="Time logged on the contract's tickets goes to this project.",
    )
    support_invoice_ids = fields.One2many(
        "account.move", "support_contract_id", string="Support Invoices"
    )
    support_invoice_count = fields.Integer(
        string="Invoice Count", compute="_compute_support_invoice_count"
    )
    billing_period_ids = fields.One2many(
        "support.billing.period", "contract_id", string="Billed Periods"
    )
    reservation_change_ids = fields.One2many(
        "support.reservation.change", "contract_id", string="Reservation Changes"
    )
    pending_reserved_hours = fields.Float(
        string="Next Reserved Hours",
        compute="_compute_pending_reserved_hours",
        compute_sudo=True,  # shown to portal users, reservation changes are not
        help="Reserved hours of the change not yet in force.",
    )
    pending_reserved_date = fields.Date(
        string="Next Reservation From",
        compute="_compute_pending_reserved_hours",
        compute_sudo=True,
    )

    # ------------------------------------------------------------ computes
    @api.depends("hours_ledger_ids.hours", "hours_ledger_ids.date")
    def _compute_hours_balance(self):
        for contract in self:
            if not contract.id:
                contract.hours_balance = contract.hours_overage = 0.0
                continue
            allocation = contract._get_allocation()
            contract.hours_balance = allocation.balance
            contract.hours_overage = allocation.overage

    @api.depends("support_invoice_ids")
    def _compute_support_invoice_count(self):
        for contract in self:
            contract.support_invoice_count = len(contract.support_invoice_ids)

    @api.depends("reservation_change_ids.applied")
    def _compute_pending_reserved_hours(self):
        for contract in self:
            pending = contract.reservation_change_ids.filtered(lambda c: not c.applied)
            pending = pending.sorted("date_effective", reverse=True)[:1]
            contract.pending_reserved_hours = pending.hours
            contract.pending_reserved_date = pending.date_effective

    @api.model
    def _portal_readable_fields(self):
        return (
            super()._portal_readable_fields() | CONTRACT_BILLING_PORTAL_READABLE_FIELDS
        )

    # ------------------------------------------------------------ ORM
    def write(self, vals):
        """B3: on a running contract a new reservation starts next month."""
        if "reserved_hours" in vals and not self.env.context.get(
            "support_reservation_apply"
        ):
            running = self.filtered(lambda c: c.state in ("active", "suspended"))
            if running:
                hours = vals["reserved_hours"] or 0.0
                for contract in running:
                    if contract.reserved_hours != hours:
                        contract._request_reservation_change(hours)
                if running == self:
                    vals = {k: v for k, v in vals.items() if k != "reserved_hours"}
                else:
                    super(SupportContract, running).write(
                        {k: v for k, v in vals.items() if k != "reserved_hours"}
                    )
                    return super(SupportContract, self - running).write(vals)
        return super().write(vals)

    # ------------------------------------------------------------ actions
    def action_open_hours_ledger(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hours Ledger of %(name)s", name=self.display_name),
            "res_model": "support.hours.ledger",
            "view_mode": "list,form,pivot",
            "domain": [("contract_id", "=", self.id)],
            "context": {"default_contract_id": self.id},
        }

    def action_view_support_invoices(self):
        check_support_group(self, "manager")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("support_contract_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    def action_print_hours_statement(self):
        check_support_group(self, "agent")
        return self.env.ref(
            "support_billing.action_report_hours_statement"
        ).report_action(self)

    # ------------------------------------------------------------ business
    def _get_hourly_rate(self):
        self.ensure_one()
        return self.hourly_rate or self.plan_id.hourly_rate

    def _get_timesheet_project(self):
        """The contract's project for timesheets, created on first use."""
        self.ensure_one()
        if self.timesheet_project_id:
            return self.timesheet_project_id
        project = (
            self.env["project.project"]
            .sudo()
            .create(
                {
                    "name": self.env._(
                        "Support %(contract)s - %(customer)s",
                        contract=self.name,
                        customer=self.partner_id.name,
                    ),
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "allow_timesheets": True,
                    "privacy_visibility": "employees",
                }
            )
        )
        self.sudo().timesheet_project_id = project
        return project

    def _check_billable_state(self):
        """B5 bad input: only running contracts are invoiced."""
        wrong = self.filtered(
            lambda c: c.state not in ("active", "suspended", "expired")
        )
        if wrong:
            raise UserError(
                self.env._(
                    "These contracts cannot be invoiced in their state "
                    "(draft or cancelled): %(names)s",
                    names=", ".join(wrong.mapped("display_name")),
                )
            )

    def _buy_pack(self, pack):
        """B2: credit a prepaid pack and create its invoice line."""
        self.ensure_one()
        if isinstance(pack, int):
            pack = self.env["support.hours.pack"].browse(pack)
        if self.state not in ("active", "suspended"):
            raise UserError(
                self.env._("Hours can only be bought on an active contract.")
            )
        if pack.hours <= 0:
            raise ValidationError(
                self.env._("A pack must hold a positive number of hours.")
            )
        product = pack.product_id or BillingParams(self.env)._product(
            "product_pack_id", "support_billing.product_support_pack"
        )
        move = self.env["account.move"]._support_create_invoice(
            self,
            fields.Date.context_today(self),
            [
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "%(pack)s for contract %(contract)s",
                        pack=pack.name,
                        contract=self.name,
                    ),
                    "quantity": 1,
                    "price_unit": pack._get_price(self),
                }
            ],
        )
        credit = (
            self.env["support.hours.ledger"]
            .sudo()
            .create(
                {
                    "contract_id": self.id,
                    "entry_type": "credit",
                    "source": "pack",
                    "pack_id": pack.id,
                    "hours": pack.hours,
                    "move_id": move.id,
                    "name": pack.name,
                }
            )
        )
        self.message_post(
            body=self.env._(
                "%(pack)s bought: %(hours)s h credited, invoice %(invoice)s.",
                pack=pack.name,
                hours=f"{pack.hours:g}",
                invoice=move.display_name,
            )
        )
        return credit
