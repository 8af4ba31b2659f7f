from zoneinfo import ZoneInfo

from odoo import api, models

from ..tools.statement import percent, sla_groups, sla_totals


class SupportServiceStatementSla(models.AbstractModel):
    """Service levels (L1-L5) and objectives (L3, L4) of the statement's
    month."""

    _name = "support.service.statement.sla"
    _description = "Service Statement: Service Levels"

    @api.model
    def _decided_clocks(self, contract, start, stop, target_types=None):
        """SLA clocks of the contract whose outcome (met or breached) fell in
        the month: a clock breached in March counts in March even if it was
        reached later."""
        if "support.ticket.sla" not in self.env:
            return []
        Sla = self.env["support.ticket.sla"].sudo()
        domain = [
            ("ticket_id.contract_id", "=", contract.id),
            ("state", "in", ("met", "breached")),
        ]
        if target_types:
            domain.append(("target_type", "in", list(target_types)))
        clocks = Sla.search(domain, order="id")
        decided = []
        for clock in clocks:
            when = clock.breach_date if clock.state == "breached" else None
            when = when or clock.date_reached or clock.breach_date
            if when and start <= when < stop:
                decided.append(clock)
        return decided

    @api.model
    def _collect_sla(self, contract, start, stop, vals, lines):
        clocks = self._decided_clocks(contract, start, stop)
        targets = self._selection_labels("support.ticket.sla", "target_type")
        priorities = self._selection_labels("support.ticket", "priority")
        groups = sla_groups(
            [(c.target_type, c.priority, c.state == "met") for c in clocks], targets
        )
        for (target, priority), met, breached in groups:
            lines.append(
                {
                    "section": "sla",
                    "priority": priority,
                    "label": targets.get(target, target),
                    "sublabel": priorities.get(priority, priority),
                    "count_a": met,
                    "count_b": breached,
                    "value": percent(met, met + breached),
                }
            )
        met, breached, compliance = sla_totals(groups)
        vals.update(
            sla_met=met,
            sla_breached=breached,
            sla_decided=bool(met + breached),
            sla_compliance=compliance,
        )
        lines.extend(self._prepare_breach_lines(clocks, targets, priorities))
        return bool(clocks)

    @api.model
    def _prepare_breach_lines(self, clocks, targets, priorities):
        """A line per breached target, followed by a line per pause of it."""
        lines = []
        for clock in clocks:
            if clock.state != "breached":
                continue
            ref = f"sla-{clock.id}"
            paused = sum(clock.pause_ids.mapped("business_minutes"))
            lines.append(
                {
                    "section": "breach",
                    "sla_ref": ref,
                    "ticket_id": clock.ticket_id.id,
                    "ticket_number": clock.ticket_id.number,
                    "ticket_name": clock.ticket_id.name,
                    "priority": clock.priority or "0",
                    "label": clock.name or targets.get(clock.target_type, ""),
                    "sublabel": priorities.get(clock.priority or "0", ""),
                    "date_a": clock.deadline,
                    "date_b": clock.breach_date,
                    "minutes": paused,
                    "count_a": len(clock.pause_ids),
                }
            )
            for pause in clock.pause_ids.sorted("date_start"):
                lines.append(
                    {
                        "section": "pause",
                        "sla_ref": ref,
                        "ticket_id": clock.ticket_id.id,
                        "ticket_number": clock.ticket_id.number,
                        "label": pause.reason_label or "",
                        "date_a": pause.date_start,
                        "date_b": pause.date_end,
                        "minutes": pause.business_minutes,
                    }
                )
        return lines

    @api.model
    def _objective_goals(self):
        """(assignment, resolution) goals in %: support_sla's objectives."""
        report = "support.sla.objective.report"
        if report in self.env and hasattr(self.env[report], "_objectives"):
            return self.env[report]._objectives()
        return 100.0, 80.0

    @api.model
    def _collect_objectives(self, contract, start, stop, tz, vals, lines):
        """L3 and L4 are statistical: the month's rate against the company's
        goal, both stored (a later change of goal leaves this month alone)."""
        company = contract.company_id
        _ = self.env._
        goal_assignment, goal_resolution = self._objective_goals()
        assignment = self._decided_clocks(contract, start, stop, ("assignment",))
        resolution = self._decided_clocks(contract, start, stop, ("resolution",))
        Ticket = self.env["support.ticket"].sudo().with_context(active_test=False)
        assigned = Ticket.search(
            [
                ("contract_id", "=", contract.id),
                ("date_assigned", ">=", start),
                ("date_assigned", "<", stop),
            ]
        )

        def local_day(moment):
            return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz).date()

        same_day = assigned.filtered(
            lambda t: (
                t.create_date and local_day(t.date_assigned) == local_day(t.create_date)
            )
        )
        rows = [
            (
                "assignment",
                _("Assigned within the target"),
                sum(1 for c in assignment if c.state == "met"),
                len(assignment),
                goal_assignment,
            ),
            (
                "same_day",
                _("Assigned the day they arrived"),
                len(same_day),
                len(assigned),
                company.support_goal_same_day,
            ),
            (
                "resolution",
                _("Resolved within the objective"),
                sum(1 for c in resolution if c.state == "met"),
                len(resolution),
                goal_resolution,
            ),
        ]
        for key, label, hits, total, goal in rows:
            lines.append(
                {
                    "section": "objective",
                    "sla_ref": key,
                    "label": label,
                    "count_a": hits,
                    "count_b": total,
                    "value": percent(hits, total),
                    "goal": goal,
                }
            )
