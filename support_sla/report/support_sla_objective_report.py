from odoo import api, fields, models, tools

# defaults of the objectives (ir.config_parameter, editable by an administrator)
ASSIGNMENT_OBJECTIVE = 100.0  # L3: tickets assigned within 2 working days
RESOLUTION_OBJECTIVE = 80.0  # L4: 80% of tickets resolved within 10 working days


class SupportSlaObjectiveReport(models.Model):
    """Statistical objectives per contract and month (L3, L4): the share of the
    assignment and resolution clocks of the month (by start) met in time, against
    the objective shares set in the system parameters
    ``support_sla.assignment_objective`` and ``support_sla.resolution_objective``."""

    _name = "support.sla.objective.report"
    _description = "SLA Objectives per Contract and Month"
    _auto = False
    _order = "month desc, contract_id"

    month = fields.Date(readonly=True)
    contract_id = fields.Many2one("support.contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    plan_id = fields.Many2one("support.plan", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    assignment_count = fields.Integer(string="Assignments", readonly=True)
    assignment_on_time = fields.Integer(string="Assigned in time", readonly=True)
    assignment_rate = fields.Float(
        string="Assigned in time (%)", readonly=True, aggregator=None
    )
    resolution_count = fields.Integer(string="Resolutions", readonly=True)
    resolution_on_time = fields.Integer(string="Resolved in time", readonly=True)
    resolution_rate = fields.Float(
        string="Resolved in time (%)", readonly=True, aggregator=None
    )
    assignment_objective_met = fields.Boolean(
        string="Assignment objective met", compute="_compute_objectives"
    )
    resolution_objective_met = fields.Boolean(
        string="Resolution objective met", compute="_compute_objectives"
    )

    @api.model
    def _objectives(self):
        params = self.env["ir.config_parameter"].sudo()
        return (
            float(
                params.get_param(
                    "support_sla.assignment_objective", ASSIGNMENT_OBJECTIVE
                )
            ),
            float(
                params.get_param(
                    "support_sla.resolution_objective", RESOLUTION_OBJECTIVE
                )
            ),
        )

    def _compute_objectives(self):
        assignment, resolution = self._objectives()
        for row in self:
            row.assignment_objective_met = (
                not row.assignment_count or row.assignment_rate >= assignment
            )
            row.resolution_objective_met = (
                not row.resolution_count or row.resolution_rate >= resolution
            )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT
                    min(l.id) AS id,
                    date_trunc('month', l.date_start)::date AS month,
                    l.contract_id,
                    l.partner_id,
                    l.plan_id,
                    l.company_id,
                    count(*) FILTER (WHERE l.target_type = 'assignment')
                        AS assignment_count,
                    count(*) FILTER (
                        WHERE l.target_type = 'assignment' AND l.state = 'met'
                    ) AS assignment_on_time,
                    CASE WHEN count(*) FILTER (WHERE l.target_type = 'assignment') > 0
                        THEN 100.0 * count(*) FILTER (
                            WHERE l.target_type = 'assignment' AND l.state = 'met'
                        ) / count(*) FILTER (WHERE l.target_type = 'assignment')
                    END AS assignment_rate,
                    count(*) FILTER (WHERE l.target_type = 'resolution')
                        AS resolution_count,
                    count(*) FILTER (
                        WHERE l.target_type = 'resolution' AND l.state = 'met'
                    ) AS resolution_on_time,
                    CASE WHEN count(*) FILTER (WHERE l.target_type = 'resolution') > 0
                        THEN 100.0 * count(*) FILTER (
                            WHERE l.target_type = 'resolution' AND l.state = 'met'
                        ) / count(*) FILTER (WHERE l.target_type = 'resolution')
                    END AS resolution_rate
                FROM support_ticket_sla l
                WHERE l.state IN ('met', 'breached')
                  AND l.target_type IN ('assignment', 'resolution')
                GROUP BY date_trunc('month', l.date_start), l.contract_id,
                         l.partner_id, l.plan_id, l.company_id
            )
            """
        )
