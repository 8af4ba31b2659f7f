from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models

from odoo.addons.support_billing.tools.pricing import month_period
from odoo.addons.support_contract.access import check_support_group

from ..tools import charts
from ..tools.charts import BLUE, GREEN, PRIORITY_COLOURS, RED
from ..tools.statement import percent

AGE_BUCKETS = [
    (1, "< 1 d"),
    (3, "1-3 d"),
    (7, "3-7 d"),
    (30, "7-30 d"),
    (None, "> 30 d"),
]


class SupportProviderDashboard(models.TransientModel):
    """The provider's dashboard for support managers: live figures of the
    desk (open tickets by priority and age, SLAs at risk or breached, hours
    running out, contracts expiring, last month's compliance), each with a
    button to the records behind it."""

    _name = "support.provider.dashboard"
    _description = "Support Provider Dashboard"
    _inherit = ["support.provider.dashboard.actions"]

    name = fields.Char(default="Dashboard")
    open_count = fields.Integer(string="Open Tickets", compute="_compute_dashboard")
    at_risk_count = fields.Integer(string="SLAs at Risk", compute="_compute_dashboard")
    breached_count = fields.Integer(
        string="SLAs Breached", compute="_compute_dashboard"
    )
    hours_low_count = fields.Integer(
        string="Customers Low on Hours", compute="_compute_dashboard"
    )
    expiring_count = fields.Integer(
        string="Contracts Expiring", compute="_compute_dashboard"
    )
    last_month_compliance = fields.Float(
        string="Last Month Compliance (%)", compute="_compute_dashboard"
    )
    tickets_html = fields.Html(
        string="Tickets Overview", compute="_compute_dashboard", sanitize=False
    )
    hours_html = fields.Html(
        string="Hours Overview", compute="_compute_dashboard", sanitize=False
    )
    expiring_html = fields.Html(
        string="Expiry Overview", compute="_compute_dashboard", sanitize=False
    )
    compliance_html = fields.Html(
        string="Compliance Overview", compute="_compute_dashboard", sanitize=False
    )

    # ------------------------------------------------------------ data
    @api.model
    def _open_ticket_domain(self):
        return [("is_resolved", "=", False), ("is_closed", "=", False)]

    @api.model
    def _tickets_by_priority_and_age(self, now=None):
        now = now or fields.Datetime.now()
        tickets = self.env["support.ticket"].search(self._open_ticket_domain())
        by_priority = defaultdict(int)
        by_age = defaultdict(int)
        for ticket in tickets:
            by_priority[ticket.priority or "0"] += 1
            age = (now - ticket.create_date).total_seconds() / 86400.0
            for limit, label in AGE_BUCKETS:
                if limit is None or age < limit:
                    by_age[label] += 1
                    break
        return tickets, by_priority, by_age

    @api.model
    def _low_hours_contracts(self):
        """Active contracts that hold hours (reserved or bought) whose balance
        is under the company's threshold: ``[(contract, balance)]``."""
        contracts = self.env["support.contract"].search([("state", "=", "active")])
        result = []
        for contract in contracts:
            if not contract.hours_ledger_ids and not contract.reserved_hours:
                continue
            balance = contract.hours_balance
            if balance < contract.company_id.support_hours_warning:
                result.append((contract, balance))
        return sorted(result, key=lambda item: item[1])

    @api.model
    def _expiring_contracts(self):
        today = fields.Date.context_today(self)
        contracts = self.env["support.contract"].search(
            [
                ("state", "=", "active"),
                ("date_end", "!=", False),
                ("date_end", ">=", today),
            ],
            order="date_end",
        )
        return contracts.filtered(
            lambda c: (
                c.date_end
                <= today + timedelta(days=c.company_id.support_expiry_warning_days)
            )
        )

    @api.model
    def _last_month_compliance(self):
        """Per customer: SLA clocks decided last month, met share."""
        today = fields.Date.context_today(self)
        first, last = month_period(today - relativedelta(months=1))
        start = fields.Datetime.to_datetime(first)
        stop = fields.Datetime.to_datetime(last + timedelta(days=1))
        clocks = self.env["support.ticket.sla"].search(
            [("state", "in", ("met", "breached"))]
        )
        per_customer = defaultdict(lambda: [0, 0])
        for clock in clocks:
            when = (
                clock.breach_date if clock.state == "breached" else clock.date_reached
            )
            if not when or not start <= when < stop:
                continue
            customer = clock.ticket_id.commercial_partner_id
            per_customer[customer][0 if clock.state == "met" else 1] += 1
        return first, per_customer

    @api.model
    def _html_table(self, headers, rows, empty_text, align_last=False):
        """A small table of ``rows`` (escaped), or ``empty_text`` if none;
        ``align_last`` right-aligns the last column (numbers)."""
        if not rows:
            return Markup("<p class='text-muted'>%s</p>") % empty_text
        last = Markup(" class='text-end'") if align_last else Markup("")

        def row(cells, tag):
            cells = [Markup("<%s>%s</%s>") % (tag, c, tag) for c in cells[:-1]] + [
                Markup("<%s%s>%s</%s>") % (tag, last, cells[-1], tag)
            ]
            return Markup("<tr>%s</tr>") % Markup("").join(cells)

        return Markup(
            "<table class='table table-sm'><thead>%s</thead><tbody>%s</tbody></table>"
        ) % (row(headers, "th"), Markup("").join(row(r, "td") for r in rows))

    # ------------------------------------------------------------ compute
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_dashboard(self):
        values = {
            **self._collect_tickets_overview(),
            **self._collect_hours_overview(),
            **self._collect_expiring_overview(),
            **self._collect_compliance_overview(),
        }
        for dashboard in self:
            dashboard.update(values)

    @api.model
    def _collect_tickets_overview(self):
        """Open tickets by priority and age, and the SLAs at risk or breached."""
        _ = self.env._
        tickets, by_priority, by_age = self._tickets_by_priority_and_age()
        priorities = dict(
            self.env["support.ticket"]
            ._fields["priority"]
            ._description_selection(self.env)
        )
        priority_chart = charts.bar_chart(
            [
                (priorities.get(key, key), by_priority.get(key, 0), colour)
                for key, colour in sorted(PRIORITY_COLOURS.items(), reverse=True)
            ],
            title=_("Open tickets by priority"),
        )
        age_chart = charts.bar_chart(
            [(label, by_age.get(label, 0), BLUE) for _limit, label in AGE_BUCKETS],
            title=_("Open tickets by age"),
        )
        tickets_html = Markup(
            '<div class="d-flex flex-wrap gap-3">'
            '<img src="%s" alt="%s"/><img src="%s" alt="%s"/></div>'
        ) % (
            charts.data_uri(priority_chart),
            _("Open tickets by priority"),
            charts.data_uri(age_chart),
            _("Open tickets by age"),
        )
        sla_states = tickets.mapped("sla_state")
        return {
            "open_count": len(tickets),
            "at_risk_count": sla_states.count("at_risk"),
            "breached_count": sla_states.count("breached"),
            "tickets_html": tickets_html,
        }

    @api.model
    def _collect_hours_overview(self):
        """The customers whose hours balance runs low."""
        _ = self.env._
        low = self._low_hours_contracts()
        hours_html = self._html_table(
            [_("Customer"), _("Contract"), _("Balance")],
            [
                (c.partner_id.display_name, c.name, f"{balance:.2f} h")
                for c, balance in low
            ],
            _("No customer is running out of hours."),
            align_last=True,
        )
        return {"hours_low_count": len(low), "hours_html": hours_html}

    @api.model
    def _collect_expiring_overview(self):
        """The contracts ending soon."""
        _ = self.env._
        expiring = self._expiring_contracts()
        expiring_html = self._html_table(
            [_("Customer"), _("Contract"), _("Ends"), _("Renews")],
            [
                (
                    c.partner_id.display_name,
                    c.name,
                    fields.Date.to_string(c.date_end),
                    _("yes") if c.auto_renew else _("no"),
                )
                for c in expiring
            ],
            _("No contract ends soon."),
        )
        return {"expiring_count": len(expiring), "expiring_html": expiring_html}

    @api.model
    def _collect_compliance_overview(self):
        """Last month's SLA targets met and breached, per customer."""
        _ = self.env._
        month, per_customer = self._last_month_compliance()
        met = sum(v[0] for v in per_customer.values())
        total = sum(v[0] + v[1] for v in per_customer.values())
        ordered = sorted(per_customer.items(), key=lambda item: item[0].display_name)
        compliance_chart = charts.stacked_bar_chart(
            [customer.display_name for customer, _v in ordered],
            [
                (_("Met"), GREEN, [v[0] for _c, v in ordered]),
                (_("Breached"), RED, [v[1] for _c, v in ordered]),
            ],
            title=_("SLA targets of %(month)s", month=month.strftime("%m/%Y")),
            width=480,
        )
        compliance_html = Markup('<img src="%s" alt="%s"/>') % (
            charts.data_uri(compliance_chart),
            escape(_("Last month's compliance")),
        )
        return {
            "last_month_compliance": percent(met, total),
            "compliance_html": compliance_html,
        }

    # ------------------------------------------------------------ actions
    @api.model
    def action_open_dashboard(self):
        check_support_group(self, "manager")
        dashboard = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Provider Dashboard"),
            "res_model": self._name,
            "res_id": dashboard.id,
            "view_mode": "form",
            "target": "current",
        }
