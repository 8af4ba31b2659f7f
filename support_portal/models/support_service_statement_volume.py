from collections import defaultdict

from odoo import api, models


class SupportServiceStatementVolume(models.AbstractModel):
    """Tickets opened, resolved and still open of the statement's month."""

    _name = "support.service.statement.volume"
    _description = "Service Statement: Tickets"

    @api.model
    def _collect_tickets(self, contract, start, stop, tz, vals, lines):
        Ticket = self.env["support.ticket"].sudo().with_context(active_test=False)
        base = [("contract_id", "=", contract.id)]
        opened = Ticket.search(
            base + [("create_date", ">=", start), ("create_date", "<", stop)]
        )
        resolved = Ticket.search(
            base + [("date_resolved", ">=", start), ("date_resolved", "<", stop)]
        )
        open_end = Ticket.search_count(
            base
            + [
                ("create_date", "<", stop),
                "|",
                ("date_resolved", "=", False),
                ("date_resolved", ">=", stop),
                "|",
                ("date_closed", "=", False),
                ("date_closed", ">=", stop),
            ]
        )
        vals.update(
            tickets_opened=len(opened),
            tickets_resolved=len(resolved),
            tickets_open_end=open_end,
        )
        priorities = self._selection_labels("support.ticket", "priority")
        counts = defaultdict(lambda: [0, 0])
        for ticket in opened:
            counts[(ticket.priority or "0", ticket.type_id.name or "")][0] += 1
        for ticket in resolved:
            counts[(ticket.priority or "0", ticket.type_id.name or "")][1] += 1
        for (priority, type_name), (n_open, n_resolved) in sorted(
            counts.items(), key=lambda item: (-int(item[0][0]), item[0][1])
        ):
            lines.append(
                {
                    "section": "volume",
                    "priority": priority,
                    "label": priorities.get(priority, priority),
                    "sublabel": type_name or self.env._("Not triaged"),
                    "count_a": n_open,
                    "count_b": n_resolved,
                }
            )
        return bool(opened or resolved)
