from odoo import models

from ..tools.allocation import Credit, Debit, allocate


class SupportContractHoursStatement(models.AbstractModel):
    """The hours statement of a support contract: its ledger entries, debits
    allocated FIFO over credits, with the balance after each entry. Mixed into
    ``support.contract``."""

    _name = "support.contract.hours.statement"
    _description = "Support Contract: Hours Statement"

    def _get_allocation(self):
        """FIFO allocation of the contract's debits over its credits."""
        self.ensure_one()
        entries = (
            self.env["support.hours.ledger"]
            .sudo()
            .search([("contract_id", "=", self.id)], order="date, id")
        )
        credits = [
            Credit(e.id, e.date, e.hours, label=e.name, kind=e.source)
            for e in entries
            if e.entry_type == "credit"
        ]
        debits = [
            Debit(e.id, e.date, e.hours, label=e.name)
            for e in entries
            if e.entry_type == "debit"
        ]
        return allocate(credits, debits)

    def _get_ledger_statement(self):
        """The statement: one dict per ledger entry, in order, with the
        balance after each (for the contract form, the report, the portal)."""
        self.ensure_one()
        allocation = self._get_allocation()
        ledger = (
            self.env["support.hours.ledger"]
            .sudo()
            .search([("contract_id", "=", self.id)])
        )
        # a contact sees its colleagues' requests by a neutral label (P2)
        hidden = ledger._portal_hidden()
        entries = {e.id: e for e in ledger}
        statement = []
        for line in allocation.lines:
            entry = entries[line["key"]]
            statement.append(
                {
                    "id": entry.id,
                    "date": entry.date,
                    "type": line["type"],
                    "source": entry.source,
                    "description": entry.portal_label,
                    "ticket_id": False if entry in hidden else entry.ticket_id.id,
                    "ticket_name": ""
                    if entry in hidden
                    else entry.ticket_id.display_name or "",
                    "credit": line["hours"] if line["type"] == "credit" else 0.0,
                    "debit": line["hours"] if line["type"] == "debit" else 0.0,
                    "covered": line["covered"],
                    "overage": line["overage"],
                    "balance": line["balance"],
                    "sources": [
                        (entries[key].name, hours) for key, hours in line["parts"]
                    ],
                    "invoice": entry.move_id.name or "",
                }
            )
        return statement
