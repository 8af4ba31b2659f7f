import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.support_billing.tools.pricing import month_period
from odoo.addons.support_contract.access import check_support_group

_logger = logging.getLogger(__name__)

SECTIONS = [
    ("volume", "Tickets"),
    ("sla", "SLA Result"),
    ("breach", "Breached Target"),
    ("pause", "Pause"),
    ("objective", "Objective"),
    ("hours", "Hours Drawn"),
    ("invoice", "Invoice"),
    ("rating", "Ticket Rating"),
]
EVALUATIONS = [
    ("1", "Very dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very satisfied"),
]


class SupportServiceStatement(models.Model):
    """The monthly service statement of a contract (T7): what was asked, how
    the service levels (L1-L5) and objectives (L3, L4) were kept, the hours
    (B2, B3) and money (B5), and the customer's ratings.

    Every figure is computed once, from stored data, into the fields and lines
    of this record: a past month's statement never changes when settings,
    policies or goals change later. ``action_regenerate`` (managers) rebuilds it
    explicitly; the customer's evaluation is kept."""

    _name = "support.service.statement"
    _description = "Service Statement"
    _inherit = [
        "mail.thread",
        "support.service.statement.volume",
        "support.service.statement.sla",
        "support.service.statement.hours",
        "support.service.statement.rating",
        "support.service.statement.chart",
        "support.service.statement.sending",
        "support.service.statement.display",
    ]
    _order = "date_start desc, contract_id"
    _check_company_auto = True

    name = fields.Char(string="Statement", required=True, readonly=True)
    contract_id = fields.Many2one(
        "support.contract",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", string="Customer", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_start = fields.Date(string="Month", required=True, readonly=True)
    date_end = fields.Date(string="Month End", required=True, readonly=True)
    generated_on = fields.Datetime(readonly=True)
    sent_on = fields.Datetime(readonly=True, copy=False)
    has_activity = fields.Boolean(string="Activity", readonly=True)
    plan_name = fields.Char(string="Plan at Generation", readonly=True)
    # ------------------------------------------------------------ tickets
    tickets_opened = fields.Integer(readonly=True, aggregator="sum")
    tickets_resolved = fields.Integer(readonly=True, aggregator="sum")
    tickets_open_end = fields.Integer(
        string="Open at Month End", readonly=True, aggregator="sum"
    )
    # ------------------------------------------------------------ service levels
    sla_met = fields.Integer(string="Targets Met", readonly=True, aggregator="sum")
    sla_breached = fields.Integer(
        string="Targets Breached", readonly=True, aggregator="sum"
    )
    sla_compliance = fields.Float(
        string="SLA Compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the targets decided this month that were met; empty "
        "when no target was decided.",
    )
    sla_decided = fields.Boolean(string="Targets Decided", readonly=True)
    # ------------------------------------------------------------ hours
    hours_reserved = fields.Float(string="Reserved Hours", readonly=True)
    hours_purchased = fields.Float(string="Hours Bought", readonly=True)
    hours_drawn = fields.Float(string="Hours Used", readonly=True)
    hours_overage = fields.Float(string="Extra Hours", readonly=True)
    hours_balance = fields.Float(string="Balance at Month End", readonly=True)
    # ------------------------------------------------------------ money
    amount_invoiced = fields.Monetary(readonly=True)
    amount_invoiced_untaxed = fields.Monetary(string="Invoiced Untaxed", readonly=True)
    amount_invoiced_tax = fields.Monetary(string="Invoiced Tax", readonly=True)
    # ------------------------------------------------------------ ratings
    rating_count = fields.Integer(string="Ticket Ratings", readonly=True)
    rating_avg = fields.Float(
        string="Average Ticket Rating", readonly=True, aggregator="avg"
    )
    line_ids = fields.One2many(
        "support.service.statement.line", "statement_id", string="Lines"
    )
    charts_html = fields.Html(
        string="Charts", compute="_compute_charts_html", sanitize=False
    )
    # ------------------------------------------------------------ evaluation (T7)
    evaluation = fields.Selection(EVALUATIONS, readonly=True, copy=False)
    evaluation_score = fields.Integer(
        string="Evaluation Score",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="The customer's overall rating of the month, 1 to 5.",
    )
    evaluation_comment = fields.Text(readonly=True, copy=False)
    evaluation_partner_id = fields.Many2one(
        "res.partner", string="Evaluated By", readonly=True, copy=False
    )
    evaluation_date = fields.Datetime(string="Evaluated On", readonly=True, copy=False)

    _contract_month_uniq = models.Constraint(
        "UNIQUE(contract_id, date_start)",
        "A contract has one statement per month.",
    )
    _evaluation_range = models.Constraint(
        "CHECK(evaluation_score IS NULL OR evaluation_score BETWEEN 1 AND 5)",
        "The evaluation is a score from 1 to 5.",
    )

    # ------------------------------------------------------------ generation
    @api.model
    def _contracts_in_force(self, date_start, date_end):
        """The contracts in force during some of ``date_start``-``date_end``."""
        return (
            self.env["support.contract"]
            .sudo()
            .search(
                [
                    ("state", "in", ("active", "suspended", "expired")),
                    ("date_start", "<=", date_end),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", date_start),
                ]
            )
        )

    def _statements_to_do(self, contracts, date_start):
        """The ``contracts`` whose statement of the month starting on
        ``date_start`` is not built yet, or built but not emailed as it should."""
        done = self.sudo().search(
            [("contract_id", "in", contracts.ids), ("date_start", "=", date_start)]
        )
        finished = done.filtered(
            lambda s: s.sent_on or not s.contract_id.statement_send_email
        ).contract_id
        return contracts - finished

    def _generate(self, contract, day):
        """The statement of ``contract`` for ``day``'s month, created from the
        stored data if it does not exist yet (never rewritten)."""
        date_start, date_end = month_period(fields.Date.to_date(day))
        statement = self.sudo().search(
            [("contract_id", "=", contract.id), ("date_start", "=", date_start)]
        )
        if statement:
            return statement.sudo(self.env.su)
        if date_end >= fields.Date.context_today(self):
            # a statement is frozen once built: never for a month not over
            raise UserError(
                self.env._(
                    "No statement for %(month)s yet: the month is not over.",
                    month=date_start.strftime("%Y-%m"),
                )
            )
        vals, lines = self._collect(contract, date_start)
        vals["line_ids"] = [fields.Command.create(v) for v in lines]
        statement = self.sudo().create(vals)
        statement._link_pauses()
        return statement.sudo(self.env.su)

    def action_regenerate(self):
        """Rebuild from the data as stored today (managers): the evaluation
        and the sending date are kept."""
        check_support_group(self, "manager")
        for statement in self.sudo():
            vals, lines = self._collect(statement.contract_id, statement.date_start)
            statement.line_ids.unlink()
            vals["line_ids"] = [fields.Command.create(v) for v in lines]
            statement.write(vals)
            statement._link_pauses()
            statement.message_post(
                body=self.env._("Statement rebuilt from the current data.")
            )
        return True

    def _link_pauses(self):
        """Pause lines point to the breached target they belong to."""
        for statement in self:
            breaches = {
                line.sla_ref: line
                for line in statement.line_ids
                if line.section == "breach"
            }
            for line in statement.line_ids.filtered(lambda ln: ln.section == "pause"):
                line.parent_id = breaches.get(line.sla_ref)

    @api.model
    def _utc_bounds(self, contract, date_start, date_end):
        """The month in the provider's time zone, as naive UTC datetimes."""
        tz_name = (
            contract.resource_calendar_id.tz
            or contract.company_id.partner_id.tz
            or "UTC"
        )
        tz = ZoneInfo(tz_name)

        def to_utc(day):
            local = datetime.combine(day, time.min).replace(tzinfo=tz)
            return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

        return to_utc(date_start), to_utc(date_end + timedelta(days=1)), tz

    @api.model
    def _collect(self, contract, date_start):
        """Values and lines of the statement (pure reads of stored data)."""
        contract = contract.sudo()
        _first, date_end = month_period(date_start)
        start, stop, tz = self._utc_bounds(contract, date_start, date_end)
        company = contract.company_id
        vals = {
            "name": f"{contract.name} {date_start:%Y-%m}",
            "contract_id": contract.id,
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "date_start": date_start,
            "date_end": date_end,
            "generated_on": fields.Datetime.now(),
            "plan_name": contract.plan_id.name,
        }
        lines = []
        activity = self._collect_tickets(contract, start, stop, tz, vals, lines)
        activity |= self._collect_sla(contract, start, stop, vals, lines)
        self._collect_objectives(contract, start, stop, tz, vals, lines)
        activity |= self._collect_hours(contract, date_start, date_end, vals, lines)
        self._collect_invoices(contract, date_start, date_end, vals, lines)
        activity |= self._collect_ratings(contract, start, stop, vals, lines)
        vals["has_activity"] = bool(activity)
        for sequence, line in enumerate(lines):
            line["sequence"] = sequence
        return vals, lines

    @api.model
    def _selection_labels(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    # ------------------------------------------------------------ cron
    @api.model
    def _demo_generate_last_month(self):
        """Demo data: last month's statements of the active contracts, built
        without emailing anybody."""
        today = fields.Date.context_today(self)
        for contract in (
            self.env["support.contract"].sudo().search([("state", "=", "active")])
        ):
            if contract.date_start <= month_period(today)[0]:
                self._generate(contract, today - relativedelta(months=1))

    @api.model
    def _cron_monthly_statements(self):
        """Monthly job: last month's statement of every contract in force
        during that month; emailed to the key users where the contract says
        so (a setting per contract). Idempotent: never twice."""
        today = fields.Date.context_today(self)
        date_start, date_end = month_period(today - relativedelta(months=1))
        contracts = self._contracts_in_force(date_start, date_end)
        contracts = self._statements_to_do(contracts, date_start)
        # under the cron runner: each contract committed and counted, also one
        # without statement (logged); when the run's time is up, the rest is
        # left to the next run (Odoo's runner calls the job again)
        progress = bool(self.env.context.get("cron_id"))
        if progress:
            self.env["ir.cron"]._commit_progress(remaining=len(contracts))
        for contract in contracts:
            try:
                with self.env.cr.savepoint():
                    statement = self._generate(contract, date_start)
                    if (
                        contract.statement_send_email
                        and not statement.sent_on
                        and statement._recipients()
                    ):
                        statement._send()
            except (UserError, ValidationError) as exc:
                _logger.info(
                    "No service statement for %s: %s", contract.display_name, exc
                )
            if progress and not self.env["ir.cron"]._commit_progress(1):
                break
