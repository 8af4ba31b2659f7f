from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import frozendict, ormcache

from ..tools import desk

# T4: the keys are those of tools/desk.py, the one source of the matrix.
IMPACT_SELECTION = list(
    zip(desk.IMPACTS, ["System-wide", "Multiple Users", "Single User"], strict=True)
)
URGENCY_SELECTION = list(zip(desk.URGENCIES, ["High", "Medium", "Low"], strict=True))
PRIORITY_SELECTION = list(
    zip(desk.PRIORITIES, ["Low", "Medium", "High", "Critical"], strict=True)
)


class SupportPriorityMatrix(models.Model):
    """T4: priority = impact x urgency. One row per pair, all nine present;
    an administrator edits the priorities, never the pairs."""

    _name = "support.priority.matrix"
    _description = "Support Priority Matrix"
    _inherit = ["support.worker.cache.mixin"]
    _order = "urgency_sequence, impact_sequence"
    _worker_cache_fields = ("priority",)  # _get_matrix
    _rec_name = "priority"

    impact = fields.Selection(IMPACT_SELECTION, required=True, readonly=True)
    urgency = fields.Selection(URGENCY_SELECTION, required=True, readonly=True)
    priority = fields.Selection(PRIORITY_SELECTION, required=True)
    impact_sequence = fields.Integer(compute="_compute_sequences", store=True)
    urgency_sequence = fields.Integer(compute="_compute_sequences", store=True)

    _pair_uniq = models.Constraint(
        "UNIQUE(impact, urgency)",
        "The priority matrix holds exactly one priority per impact and urgency.",
    )

    @api.depends("impact", "urgency")
    def _compute_sequences(self):
        for row in self:
            row.impact_sequence = (
                desk.IMPACTS.index(row.impact) if row.impact in desk.IMPACTS else 9
            )
            row.urgency_sequence = (
                desk.URGENCIES.index(row.urgency)
                if row.urgency in desk.URGENCIES
                else 9
            )

    def _compute_display_name(self):
        impacts = dict(IMPACT_SELECTION)
        urgencies = dict(URGENCY_SELECTION)
        priorities = dict(PRIORITY_SELECTION)
        for row in self:
            row.display_name = self.env._(
                "%(impact)s / %(urgency)s urgency: %(priority)s",
                impact=impacts.get(row.impact, ""),
                urgency=urgencies.get(row.urgency, ""),
                priority=priorities.get(row.priority, ""),
            )

    @api.model
    @ormcache()
    def _get_matrix(self):
        """``{(impact, urgency): priority}`` of the current matrix (read-only;
        cached per worker, cleared on every worker by an edit)."""
        rows = self.sudo().search_fetch([], ["impact", "urgency", "priority"])
        return frozendict({(row.impact, row.urgency): row.priority for row in rows})

    @api.model
    def _lookup(self, impact, urgency, matrix=None):
        """The T4 priority of a pair; ValidationError outside the matrix."""
        try:
            return desk.lookup_priority(
                self._get_matrix() if matrix is None else matrix, impact, urgency
            )
        except ValueError as exc:
            raise ValidationError(
                self.env._(
                    "Impact %(impact)s and urgency %(urgency)s are not in the "
                    "priority matrix.",
                    impact=impact or "-",
                    urgency=urgency or "-",
                )
            ) from exc

    @api.model_create_multi
    def create(self, vals_list):
        existing = set(self._get_matrix())
        for vals in vals_list:
            pair = (vals.get("impact"), vals.get("urgency"))
            if pair in existing:
                raise ValidationError(
                    self.env._(
                        "The priority matrix already has a row for this impact "
                        "and urgency: edit its priority instead."
                    )
                )
            existing.add(pair)
        return super().create(vals_list)

    def write(self, vals):
        if {"impact", "urgency"} & set(vals):
            raise UserError(
                self.env._(
                    "The impact and urgency of a matrix row cannot change: edit "
                    "its priority."
                )
            )
        res = super().write(vals)
        if "priority" in vals:
            self._recompute_open_tickets()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_matrix_row(self):
        raise UserError(
            self.env._(
                "The priority matrix must stay complete: edit the priority of "
                "the row instead of deleting it."
            )
        )

    def _recompute_open_tickets(self):
        """An edited row applies to the open tickets of its pair whose
        priority was not overridden."""
        domain = [
            ("is_closed", "=", False),
            ("is_resolved", "=", False),
            ("priority_overridden", "=", False),
        ]
        Ticket = self.env["support.ticket"].sudo()
        for row in self:
            tickets = Ticket.search(
                domain + [("impact", "=", row.impact), ("urgency", "=", row.urgency)]
            )
            tickets.filtered(lambda t, p=row.priority: t.priority != p).with_context(
                support_priority_recompute=True
            ).write({"priority": row.priority})
