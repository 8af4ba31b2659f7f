from datetime import datetime, time

from odoo import api, models

from ..tools.statement import hours_summary


class SupportServiceStatementHours(models.AbstractModel):
    """Hours (B2, B3) and money (B5) of the statement's month."""

    _name = "support.service.statement.hours"
    _description = "Service Statement: Hours and Invoices"

    @api.model
    def _collect_hours(self, contract, date_start, date_end, vals, lines):
        if not hasattr(contract, "_get_ledger_statement"):
            return False
        totals, drawn_rows = hours_summary(
            contract._get_ledger_statement(), date_start, date_end
        )
        for row in drawn_rows:
            lines.append(
                {
                    "section": "hours",
                    "ticket_id": row["ticket_id"] or False,
                    "ticket_number": row["ticket_name"] or "",
                    "label": row["description"],
                    "date_a": datetime.combine(row["date"], time(12)),
                    "value": row["debit"],
                    "extra": row["overage"],
                }
            )
        vals.update(
            hours_reserved=totals["reserved"],
            hours_purchased=totals["purchased"],
            hours_drawn=totals["drawn"],
            hours_overage=totals["overage"],
            hours_balance=totals["balance"],
        )
        return bool(totals["drawn"])

    @api.model
    def _collect_invoices(self, contract, date_start, date_end, vals, lines):
        Move = self.env["account.move"].sudo()
        if "support_contract_id" not in Move._fields:
            vals.update(
                amount_invoiced=0.0,
                amount_invoiced_untaxed=0.0,
                amount_invoiced_tax=0.0,
            )
            return
        moves = Move.search(
            [
                ("support_contract_id", "=", contract.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("invoice_date", ">=", date_start),
                ("invoice_date", "<=", date_end),
            ],
            order="invoice_date, id",
        )
        for move in moves:
            lines.append(
                {
                    "section": "invoice",
                    "label": move.name,
                    "sublabel": move.ref or "",
                    "date_a": datetime.combine(move.invoice_date, time(12)),
                    "value": move.amount_total_signed,
                }
            )
        vals.update(
            amount_invoiced=sum(moves.mapped("amount_total_signed")),
            amount_invoiced_untaxed=sum(moves.mapped("amount_untaxed_signed")),
            amount_invoiced_tax=sum(moves.mapped("amount_tax_signed")),
        )
