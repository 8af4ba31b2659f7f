from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.pricing import month_period, prorata
from .res_config_settings import BillingParams


class SupportBillingPeriod(models.Model):
    """One contract's invoiced month (B5): exactly one per contract and month.

    The unique constraint on (contract, month, revision) makes a second
    invoice of the same month impossible even for two concurrent runs; a
    credit note marks the row ``credited`` and the next run invoices the
    month again under the next revision.
    """

    _name = "support.billing.period"
    _description = "Support Billed Period"
    _order = "date_start desc, contract_id"
    _rec_name = "contract_id"

    contract_id = fields.Many2one(
        "support.contract", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", string="Customer", store=True
    )
    date_start = fields.Date(string="Period Start", required=True)
    date_end = fields.Date(string="Period End", required=True)
    revision = fields.Integer(
        default=0, help="Number of earlier invoices of this month credited."
    )
    state = fields.Selection(
        [
            ("invoiced", "Invoiced"),
            ("empty", "Nothing to invoice"),
            ("credited", "Credited"),
        ],
        required=True,
        default="invoiced",
    )
    move_id = fields.Many2one("account.move", string="Invoice", ondelete="set null")
    currency_id = fields.Many2one(related="move_id.currency_id")
    amount_total = fields.Monetary(
        related="move_id.amount_total", string="Invoiced Amount"
    )
    run_id = fields.Many2one("support.billing.run", string="Billing Run")
    overage_hours = fields.Float(string="Invoiced Extra Hours")
    reserved_hours = fields.Float(string="Invoiced Reserved Hours")

    _period_unique = models.Constraint(
        "UNIQUE(contract_id, date_start, revision)",
        "A contract is invoiced only once per period.",
    )

    @api.constrains("date_start", "date_end", "contract_id", "state")
    def _check_no_overlap(self):
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(
                    self.env._("A billing period cannot end before it starts.")
                )
            if period.state == "credited":
                continue
            overlap = self.search_count(
                [
                    ("id", "!=", period.id),
                    ("contract_id", "=", period.contract_id.id),
                    ("state", "!=", "credited"),
                    ("date_start", "<=", period.date_end),
                    ("date_end", ">=", period.date_start),
                ]
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s is already invoiced for a period "
                        "overlapping %(start)s - %(end)s.",
                        contract=period.contract_id.display_name,
                        start=period.date_start,
                        end=period.date_end,
                    )
                )

    # ------------------------------------------------------------ invoicing
    @api.model
    def _invoice_contract(self, contract, period_start, run=None):
        """Invoice one contract for one month, exactly once (B5).

        Returns the period record, or an empty recordset when the month is
        already invoiced. Raises ``LockError`` when another run holds the
        contract (the caller skips it; that run invoices it).
        """
        contract = contract.sudo()
        period_start, period_end = month_period(period_start)
        contract.lock_for_update(allow_referencing=True)
        existing = self.sudo().search(
            [("contract_id", "=", contract.id), ("date_start", "=", period_start)]
        )
        if existing.filtered(lambda p: p.state != "credited"):
            return self.browse()
        rate = contract._get_hourly_rate()
        params = BillingParams(self.env)
        lines, reserved_hours = self._prepare_fee_lines(
            contract, period_start, period_end
        )
        reserved = contract._ensure_reserved_credit(period_start)
        if reserved:
            reserved_hours = reserved.hours
            price = self.env["support.discount.band"]._price_reserved(
                reserved.hours, rate, contract.company_id
            )
            product = params._product(
                "product_reserved_id", "support_billing.product_support_reserved"
            )
            for qty, pct in price["segments"]:
                lines.append(
                    {
                        "product_id": product.id,
                        "name": self.env._(
                            "Reserved hours %(month)s (%(hours)s h, "
                            "%(pct)s%% discount)",
                            month=period_start.strftime("%Y-%m"),
                            hours=f"{qty:g}",
                            pct=f"{pct:g}",
                        ),
                        "quantity": qty,
                        "price_unit": rate,
                        "discount": pct,
                    }
                )
        debits = (
            self.env["support.hours.ledger"]
            .sudo()
            .search(
                [
                    ("contract_id", "=", contract.id),
                    ("entry_type", "=", "debit"),
                    # debits of earlier months not invoiced yet (written late,
                    # or freed by a credit note) come along: no time is lost
                    ("date", "<=", period_end),
                    ("move_id", "=", False),
                ],
                order="date, id",
            )
        )
        allocation = contract._get_allocation() if debits else None
        overage = (
            sum(allocation.debits[d.id].overage for d in debits) if debits else 0.0
        )
        if overage:
            lines.append(
                {
                    "product_id": params._product(
                        "product_overage_id", "support_billing.product_support_overage"
                    ).id,
                    "name": self.env._(
                        "Extra hours %(month)s (beyond the hours balance)",
                        month=period_start.strftime("%Y-%m"),
                    ),
                    "quantity": overage,
                    "price_unit": rate,
                }
            )
        if debits:
            lines += self._prepare_annex_lines(debits, allocation)
        values = {
            "contract_id": contract.id,
            "date_start": period_start,
            "date_end": period_end,
            "revision": len(existing),
            "run_id": run.id if run else False,
            "overage_hours": overage,
            "reserved_hours": reserved_hours,
        }
        if not any(line.get("display_type") is None for line in lines):
            return self.sudo().create(dict(values, state="empty"))
        move = self.env["account.move"]._support_create_invoice(
            contract, period_end, lines
        )
        period = self.sudo().create(dict(values, move_id=move.id))
        for debit in debits:
            debit.write(
                {
                    "move_id": move.id,
                    "invoiced_overage_hours": allocation.debits[debit.id].overage,
                }
            )
        self.env["account.analytic.line"].sudo().search(
            [
                ("support_ticket_id", "in", debits.ticket_id.ids),
                ("support_move_id", "=", False),
            ]
        ).write({"support_move_id": move.id})
        if params._get("auto_post") in ("True", "1", "true"):
            move.action_post()
        return period

    @api.model
    def _prepare_fee_lines(self, contract, period_start, period_end):
        """Plan fee and add-ons in force, pro rata of their days (B5, B6, C4)."""
        params = BillingParams(self.env)
        lines = []
        plan = contract.plan_id
        if plan.monthly_fee:
            amount, days, total = prorata(
                plan.monthly_fee,
                period_start,
                period_end,
                contract.date_start,
                contract.date_end,
            )
            if amount:
                lines.append(
                    {
                        "product_id": params._product(
                            "product_plan_id", "support_billing.product_support_plan"
                        ).id,
                        "name": self._line_label(
                            plan.display_name, period_start, days, total
                        ),
                        "quantity": 1,
                        "price_unit": amount,
                    }
                )
        product_addon = params._product(
            "product_addon_id", "support_billing.product_support_addon"
        )
        for line in contract.addon_line_ids:
            fee = line.monthly_fee or line.addon_id.monthly_fee
            if not fee:
                continue
            start = max(
                filter(None, [line.date_start, contract.date_start]), default=None
            )
            end = min(filter(None, [line.date_end, contract.date_end]), default=None)
            if start and end and end < start:
                continue
            amount, days, total = prorata(fee, period_start, period_end, start, end)
            if amount:
                lines.append(
                    {
                        "product_id": product_addon.id,
                        "name": self._line_label(
                            line.addon_id.display_name, period_start, days, total
                        ),
                        "quantity": 1,
                        "price_unit": amount,
                    }
                )
        return lines, 0.0

    def _line_label(self, name, period_start, days, total):
        month = period_start.strftime("%Y-%m")
        if days == total:
            return self.env._("%(name)s %(month)s", name=name, month=month)
        return self.env._(
            "%(name)s %(month)s (%(days)s of %(total)s days)",
            name=name,
            month=month,
            days=days,
            total=total,
        )

    @api.model
    def _prepare_annex_lines(self, debits, allocation):
        """Per-ticket annex: ticket, date, billed time, source of hours."""
        names = {
            e.id: e.name
            for e in self.env["support.hours.ledger"]
            .sudo()
            .search([("contract_id", "in", debits.contract_id.ids)])
        }
        lines = [
            {
                "display_type": "line_section",
                "name": self.env._("Annex: requests of the period"),
            }
        ]
        for debit in debits:
            alloc = allocation.debits[debit.id]
            sources = [
                self.env._("%(h)s h %(credit)s", h=f"{h:g}", credit=names.get(k, ""))
                for k, h in alloc.parts
            ]
            if alloc.overage:
                sources.append(self.env._("%(h)s h extra", h=f"{alloc.overage:g}"))
            lines.append(
                {
                    "display_type": "line_note",
                    "name": " · ".join(
                        [
                            debit.ticket_id.display_name or debit.name,
                            fields.Date.to_string(debit.date),
                            f"{debit.hours:g} h",
                            ", ".join(sources),
                        ]
                    ),
                }
            )
        return lines
