import calendar
import logging
from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date

from ..tools import charts

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
GREEN, RED, BLUE, ORANGE, GREY = "#3C9D5D", "#C8463D", "#2E6DB4", "#E07B39", "#7F7F7F"
PRIORITY_COLOURS = {"0": GREY, "1": BLUE, "2": ORANGE, "3": RED}


def month_bounds(day):
    """First and last day of ``day``'s month."""
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(day.year, day.month)[1])


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
    _inherit = ["mail.thread"]
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

    # ================================================================ computes
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

    # ================================================================ generation
    @api.model
    def _generate(self, contract, day):
        """The statement of ``contract`` for ``day``'s month, created from the
        stored data if it does not exist yet (never rewritten)."""
        date_start, date_end = month_bounds(fields.Date.to_date(day))
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
        if not self.env.user.has_group("support_contract.group_support_manager"):
            raise UserError(self.env._("Only support managers rebuild statements."))
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
        _first, date_end = month_bounds(date_start)
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

    # ---------------------------------------------------------------- tickets
    @api.model
    def _selection_labels(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

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

    # ---------------------------------------------------------------- SLA
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
        groups = defaultdict(lambda: [0, 0])
        for clock in clocks:
            key = (clock.target_type, clock.priority or "0")
            groups[key][0 if clock.state == "met" else 1] += 1
        order = {key: i for i, key in enumerate(targets)}
        for (target, priority), (met, breached) in sorted(
            groups.items(), key=lambda item: (order.get(item[0][0], 9), item[0][1])
        ):
            lines.append(
                {
                    "section": "sla",
                    "priority": priority,
                    "label": targets.get(target, target),
                    "sublabel": priorities.get(priority, priority),
                    "count_a": met,
                    "count_b": breached,
                    "value": 100.0 * met / (met + breached),
                }
            )
        met = sum(g[0] for g in groups.values())
        breached = sum(g[1] for g in groups.values())
        vals.update(
            sla_met=met,
            sla_breached=breached,
            sla_decided=bool(met + breached),
            sla_compliance=100.0 * met / (met + breached) if met + breached else 0.0,
        )
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
        return bool(clocks)

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
                _("Assigned within the target (L3)"),
                sum(1 for c in assignment if c.state == "met"),
                len(assignment),
                goal_assignment,
            ),
            (
                "same_day",
                _("Assigned the day they arrived (L3)"),
                len(same_day),
                len(assigned),
                company.support_goal_same_day,
            ),
            (
                "resolution",
                _("Resolved within the objective (L4)"),
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
                    "value": 100.0 * hits / total if total else 0.0,
                    "goal": goal,
                }
            )

    # ---------------------------------------------------------------- hours
    @api.model
    def _collect_hours(self, contract, date_start, date_end, vals, lines):
        if not hasattr(contract, "_get_ledger_statement"):
            return False
        statement = contract._get_ledger_statement()
        reserved = purchased = drawn = overage = 0.0
        balance = 0.0
        for row in statement:
            day = row["date"]
            if day <= date_end:
                balance = row["balance"]
            if not date_start <= day <= date_end:
                continue
            if row["type"] == "credit":
                if row["source"] == "reserved":
                    reserved += row["credit"]
                else:
                    purchased += row["credit"]
                continue
            drawn += row["debit"]
            overage += row["overage"]
            lines.append(
                {
                    "section": "hours",
                    "ticket_id": row["ticket_id"] or False,
                    "ticket_number": row["ticket_name"] or "",
                    "label": row["description"],
                    "date_a": datetime.combine(day, time(12)),
                    "value": row["debit"],
                    "extra": row["overage"],
                }
            )
        vals.update(
            hours_reserved=reserved,
            hours_purchased=purchased,
            hours_drawn=drawn,
            hours_overage=overage,
            hours_balance=balance,
        )
        return bool(drawn)

    # ---------------------------------------------------------------- money
    @api.model
    def _collect_invoices(self, contract, date_start, date_end, vals, lines):
        Move = self.env["account.move"].sudo()
        if "support_contract_id" not in Move._fields:
            vals["amount_invoiced"] = 0.0
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
        vals["amount_invoiced"] = sum(moves.mapped("amount_total_signed"))

    # ---------------------------------------------------------------- ratings
    @api.model
    def _collect_ratings(self, contract, start, stop, vals, lines):
        if "rating.rating" not in self.env:
            return False
        tickets = (
            self.env["support.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search([("contract_id", "=", contract.id)])
        )
        ratings = (
            self.env["rating.rating"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "support.ticket"),
                    ("res_id", "in", tickets.ids),
                    ("consumed", "=", True),
                    ("rating", ">", 0),
                    ("write_date", ">=", start),
                    ("write_date", "<", stop),
                ],
                order="write_date, id",
            )
        )
        by_id = {t.id: t for t in tickets}
        for rating in ratings:
            ticket = by_id.get(rating.res_id)
            lines.append(
                {
                    "section": "rating",
                    "ticket_id": ticket.id if ticket else False,
                    "ticket_number": ticket.number if ticket else "",
                    "ticket_name": ticket.name if ticket else "",
                    "label": rating.partner_id.name or "",
                    "sublabel": (rating.feedback or "")[:500],
                    "value": rating.rating,
                }
            )
        vals.update(
            rating_count=len(ratings),
            rating_avg=(
                sum(ratings.mapped("rating")) / len(ratings) if ratings else 0.0
            ),
        )
        return bool(ratings)

    # ================================================================ display
    def _lines(self, section):
        self.ensure_one()
        return self.line_ids.filtered(lambda ln: ln.section == section).sorted(
            "sequence"
        )

    def _tz_name(self):
        self.ensure_one()
        contract = self.sudo().contract_id
        return (
            contract.resource_calendar_id.tz
            or contract.company_id.partner_id.tz
            or "UTC"
        )

    def _month_label(self):
        self.ensure_one()
        return format_date(self.env, self.date_start, date_format="MMMM y")

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

    def _fmt_minutes(self, minutes):
        minutes = round(minutes or 0)
        hours, mins = divmod(minutes, 60)
        return f"{hours}h{mins:02d}" if hours else f"{mins} min"

    # ================================================================ evaluation
    def _can_evaluate(self, partner):
        """T7: key users of the contract, once the month is over."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return bool(
            partner
            and partner in self.sudo().contract_id.key_user_ids
            and today > self.date_end
        )

    def _evaluate(self, partner, score, comment):
        """Record the customer's overall rating and comment (the controller
        checked ``_can_evaluate``)."""
        self.ensure_one()
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise ValidationError(
                self.env._("Choose a rating from 1 (very dissatisfied) to 5.")
            )
        if not self._can_evaluate(partner):
            raise UserError(
                self.env._(
                    "Only the key users of the contract evaluate a month, once "
                    "it is over."
                )
            )
        comment = (comment or "").strip()
        if len(comment) > 2000:
            raise ValidationError(
                self.env._("The comment is limited to 2000 characters.")
            )
        self.sudo().write(
            {
                "evaluation": str(score),
                "evaluation_score": score,
                "evaluation_comment": comment or False,
                "evaluation_partner_id": partner.id,
                "evaluation_date": fields.Datetime.now(),
            }
        )
        self.sudo().message_post(
            body=self.env._(
                "%(partner)s rated the month %(score)s/5.",
                partner=partner.name,
                score=score,
            ),
            author_id=partner.id,
        )

    # ================================================================ sending
    def _recipients(self):
        """Key users of the contract with an email address (never the other
        contacts of the customer, never the followers)."""
        self.ensure_one()
        return self.sudo().contract_id.key_user_ids.filtered("email")

    def _send(self):
        template = self.env.ref(
            "support_portal.mail_template_service_statement", raise_if_not_found=False
        )
        if not template:
            raise UserError(self.env._("The statement email template is missing."))
        sent = self.browse()
        for statement in self.sudo():
            partners = statement._recipients()
            if not partners:
                continue
            template.sudo().send_mail(
                statement.id,
                email_values={
                    "recipient_ids": [fields.Command.set(partners.ids)],
                    "email_to": False,
                    "partner_ids": False,
                },
            )
            statement.sent_on = fields.Datetime.now()
            statement.message_post(
                body=self.env._(
                    "Statement emailed to %(partners)s.",
                    partners=", ".join(partners.mapped("name")),
                )
            )
            sent |= statement
        return sent

    def action_send(self):
        """Button: email the statement to the key users now."""
        self.check_access("write")
        missing = self.filtered(lambda s: not s._recipients())
        if missing:
            raise UserError(
                self.env._(
                    "Contract %(contract)s has no key user with an email address: "
                    "nobody to send the statement to.",
                    contract=missing[0].contract_id.display_name,
                )
            )
        self._send()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The statement was emailed to the key users."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_print(self):
        return self.env.ref(
            "support_portal.action_report_service_statement"
        ).report_action(self)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Service statement %(name)s", name=self.name)

    def _portal_url(self):
        self.ensure_one()
        return f"/my/support/statements/{self.id}"

    # ================================================================ cron
    @api.model
    def _demo_generate_last_month(self):
        """Demo data: last month's statements of the active contracts, built
        without emailing anybody."""
        today = fields.Date.context_today(self)
        for contract in (
            self.env["support.contract"].sudo().search([("state", "=", "active")])
        ):
            if contract.date_start <= month_bounds(today)[0]:
                self._generate(contract, today - relativedelta(months=1))

    @api.model
    def _cron_monthly_statements(self):
        """Monthly job: last month's statement of every contract in force
        during that month; emailed to the key users where the contract says
        so (a setting per contract). Idempotent: never twice."""
        today = fields.Date.context_today(self)
        date_start, date_end = month_bounds(today - relativedelta(months=1))
        contracts = (
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


class SupportServiceStatementLine(models.Model):
    """One stored row of a statement (a count, a breached target, a pause, an
    invoice...): the statement shows these rows, never live data."""

    _name = "support.service.statement.line"
    _description = "Service Statement Line"
    _order = "statement_id, sequence, id"

    statement_id = fields.Many2one(
        "support.service.statement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    section = fields.Selection(SECTIONS, required=True)
    sequence = fields.Integer()
    parent_id = fields.Many2one(
        "support.service.statement.line", string="Breached Target", ondelete="cascade"
    )
    pause_line_ids = fields.One2many(
        "support.service.statement.line", "parent_id", string="Pauses"
    )
    sla_ref = fields.Char(string="Reference")
    label = fields.Char(string="Description")
    sublabel = fields.Char(string="Detail")
    priority = fields.Char()
    ticket_id = fields.Many2one("support.ticket", ondelete="set null")
    ticket_number = fields.Char()
    ticket_name = fields.Char(string="Ticket Subject")
    count_a = fields.Integer(string="Count")
    count_b = fields.Integer(string="Second Count")
    value = fields.Float()
    goal = fields.Float()
    extra = fields.Float(string="Extra Hours")
    minutes = fields.Float(string="Business Minutes")
    date_a = fields.Datetime(string="Date")
    date_b = fields.Datetime(string="Second Date")

    def _goal_reached(self):
        self.ensure_one()
        return bool(self.count_b) and self.value >= self.goal - 1e-9
