from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.pricing import month_period
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
            ("partially_credited", "Partially credited"),
            ("credited", "Credited"),
        ],
        required=True,
        default="invoiced",
        help="Partially credited: a credit note gave part of the invoice back "
        "(a goodwill credit); the month stays invoiced. Credited: the invoice "
        "was fully credited or cancelled; the next run invoices the month again.",
    )
    move_id = fields.Many2one("account.move", string="Invoice", ondelete="set null")
    currency_id = fields.Many2one(related="move_id.currency_id")
    amount_total = fields.Monetary(
        related="move_id.amount_total", string="Invoiced Amount"
    )
    credited_amount = fields.Monetary(
        copy=False, help="What the posted credit notes of the invoice gave back."
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
        """One live period per contract and day, checked with one search for
        the whole batch (a run creates a chunk of periods at once)."""
        live = self.filtered(lambda p: p.state != "credited")
        others = (
            self.search(
                [
                    ("contract_id", "in", live.contract_id.ids),
                    ("state", "!=", "credited"),
                ]
            )
            if live
            else self
        )
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(
                    self.env._("A billing period cannot end before it starts.")
                )
            if period.state == "credited":
                continue
            overlap = others.filtered(
                lambda o, p=period: (
                    o.id != p.id
                    and o.contract_id == p.contract_id
                    and o.date_start <= p.date_end
                    and o.date_end >= p.date_start
                )
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
        contract.lock_for_update(allow_referencing=True)
        return self._invoice_contracts(contract, period_start, run=run)

    @api.model
    def _invoice_contracts(self, contracts, period_start, run=None):
        """Invoice ``contracts`` (locked by the caller) for one month, exactly
        once (B5): their invoices in one ``account.move.create``, their
        periods in one ``create`` (the unique key refuses a month invoiced
        by another run meanwhile). Returns the periods created; a contract
        whose month is already invoiced has none."""
        contracts = contracts.sudo()
        period_start, period_end = month_period(period_start)
        existing = self.sudo().search(
            [("contract_id", "in", contracts.ids), ("date_start", "=", period_start)]
        )
        live = existing.filtered(lambda p: p.state != "credited").contract_id
        plans = [
            self._prepare_period(
                contract,
                period_start,
                len(existing.filtered(lambda p, c=contract: p.contract_id == c)),
                run,
            )
            for contract in contracts - live
        ]
        billed = [p for p in plans if p["lines"]]
        moves = self.env["account.move"]._support_create_invoices(
            [(p["contract"], period_end, p["lines"]) for p in billed]
        )
        for plan, move in zip(billed, moves, strict=True):
            plan["values"]["move_id"] = move.id
        periods = self.sudo().create([p["values"] for p in plans])
        self._mark_invoiced(
            [
                (move, p["debits"], p["allocation"])
                for p, move in zip(billed, moves, strict=True)
            ]
        )
        if moves and BillingParams(self.env)._get("auto_post") in (
            "True",
            "1",
            "true",
        ):
            moves.action_post()
        return periods

    @api.model
    def _prepare_period(self, contract, period_start, revision, run):
        """One contract's month: its period values, invoice lines (none when
        there is nothing to invoice), and the debits the invoice bills."""
        period_start, period_end = month_period(period_start)
        rate = contract._get_hourly_rate()
        lines, reserved_hours = self._prepare_fee_lines(
            contract, period_start, period_end
        )
        reserved_lines, reserved_hours = self._prepare_reserved_lines(
            contract, period_start, rate, reserved_hours
        )
        lines += reserved_lines
        debits = self._collect_uninvoiced_debits(contract, period_end)
        allocation = contract._get_allocation() if debits else None
        overage = (
            sum(allocation.debits[d.id].overage for d in debits) if debits else 0.0
        )
        lines += self._prepare_overage_lines(overage, period_start, rate)
        if debits:
            lines += self._prepare_annex_lines(debits, allocation)
        billed = any(line.get("display_type") is None for line in lines)
        return {
            "contract": contract,
            "lines": lines if billed else [],
            "debits": debits,
            "allocation": allocation,
            "values": {
                "contract_id": contract.id,
                "date_start": period_start,
                "date_end": period_end,
                "revision": revision,
                "run_id": run.id if run else False,
                "overage_hours": overage,
                "reserved_hours": reserved_hours,
                "state": "invoiced" if billed else "empty",
            },
        }

    @api.model
    def _collect_uninvoiced_debits(self, contract, period_end):
        """The contract's debits up to the period's end not invoiced yet.

        Debits of earlier months not invoiced yet (written late, or freed by a
        credit note) come along: no time is lost."""
        return (
            self.env["support.hours.ledger"]
            .sudo()
            .search(
                [
                    ("contract_id", "=", contract.id),
                    ("entry_type", "=", "debit"),
                    ("date", "<=", period_end),
                    ("move_id", "=", False),
                ],
                order="date, id",
            )
        )

    @api.model
    def _mark_invoiced(self, billed):
        """Link the debits and the time they come from to their invoice;
        ``billed``: (invoice, debits, allocation) triples, written in batch."""
        for move, debits, allocation in billed:
            for debit in debits:
                debit.write(
                    {
                        "move_id": move.id,
                        "invoiced_overage_hours": allocation.debits[debit.id].overage,
                    }
                )
        ticket_moves = {
            ticket.id: move.id
            for move, debits, _allocation in billed
            for ticket in debits.ticket_id
        }
        if not ticket_moves:
            return
        lines = (
            self.env["account.analytic.line"]
            .sudo()
            .search(
                [
                    ("support_ticket_id", "in", list(ticket_moves)),
                    ("support_move_id", "=", False),
                ]
            )
        )
        by_move = {}
        for line in lines:
            move_id = ticket_moves[line.support_ticket_id.id]
            by_move[move_id] = by_move.get(move_id, lines.browse()) | line
        for move_id, move_lines in by_move.items():
            move_lines.write({"support_move_id": move_id})
