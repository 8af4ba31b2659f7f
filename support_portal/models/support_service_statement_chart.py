from collections import defaultdict

from markupsafe import Markup

from odoo import models

from ..tools import charts
from ..tools.charts import BLUE, GREEN, ORANGE, PRIORITY_COLOURS, RED


class SupportServiceStatementChart(models.AbstractModel):
    """The charts of the statement form, report and portal page."""

    _name = "support.service.statement.chart"
    _description = "Service Statement: Charts"

    def _compute_charts_html(self):
        """The statement's charts and the customer's trend, for the form."""
        for statement in self:
            if not statement.id:
                statement.charts_html = False
                continue
            uris = (
                statement._chart_volume(),
                statement._chart_sla(),
                statement._chart_hours(),
                statement._chart_trend(),
            )
            statement.charts_html = Markup(
                '<div class="d-flex flex-wrap gap-3">%s</div>'
            ) % Markup("").join(Markup('<img src="%s" alt=""/>') % uri for uri in uris)

    def _chart_volume(self):
        self.ensure_one()
        totals = defaultdict(int)
        for line in self._lines("volume"):
            totals[(line.priority, line.label)] += line.count_a
        items = [
            (label, count, PRIORITY_COLOURS.get(priority, BLUE))
            for (priority, label), count in sorted(
                totals.items(), key=lambda item: -int(item[0][0] or 0)
            )
        ]
        return charts.data_uri(
            charts.bar_chart(
                items,
                title=self.env._("Tickets opened by priority"),
                empty_text=self.env._("No ticket opened"),
            )
        )

    def _chart_sla(self):
        self.ensure_one()
        rows = self._lines("sla")
        return charts.data_uri(
            charts.stacked_bar_chart(
                [f"{ln.label} / {ln.sublabel}" for ln in rows],
                [
                    (self.env._("Met"), GREEN, [ln.count_a for ln in rows]),
                    (self.env._("Breached"), RED, [ln.count_b for ln in rows]),
                ],
                title=self.env._("Service levels"),
                width=420,
            )
        )

    def _chart_hours(self):
        self.ensure_one()
        _ = self.env._
        return charts.data_uri(
            charts.bar_chart(
                [
                    (_("Reserved"), self.hours_reserved, BLUE),
                    (_("Bought"), self.hours_purchased, BLUE),
                    (_("Used"), self.hours_drawn, ORANGE),
                    (_("Extra"), self.hours_overage, RED),
                    (_("Balance"), max(self.hours_balance, 0.0), GREEN),
                ],
                title=_("Hours"),
            )
        )

    def _trend(self, count=12):
        """The contract's last ``count`` statements up to this one, oldest
        first (for the trend chart)."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("contract_id", "=", self.contract_id.id),
                ("date_start", "<=", self.date_start),
            ],
            order="date_start desc",
            limit=count,
        )[::-1]

    def _chart_trend(self):
        self.ensure_one()
        history = self._trend()
        labels = [s.date_start.strftime("%m/%y") for s in history]
        return charts.data_uri(
            charts.line_chart(
                labels,
                [
                    (
                        self.env._("SLA compliance (%)"),
                        BLUE,
                        [s.sla_compliance if s.sla_decided else None for s in history],
                    ),
                    (
                        self.env._("Evaluation x 20"),
                        ORANGE,
                        [
                            s.evaluation_score * 20 if s.evaluation_score else None
                            for s in history
                        ],
                    ),
                ],
                title=self.env._("Trend"),
                top_value=100,
                width=420,
            )
        )
