from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import patch_window

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
WEEKS = [
    ("1", "First"),
    ("2", "Second"),
    ("3", "Third"),
    ("4", "Fourth"),
    ("5", "Fifth"),
    ("-1", "Last"),
    ("0", "Day of the month"),
]
WINDOW_FIELDS = (
    "patch_frequency",
    "patch_interval",
    "patch_weekday",
    "patch_week",
    "patch_month_day",
    "patch_hour_start",
    "patch_hour_end",
    "patch_anchor",
)


def _hhmm(hours):
    minutes = round((hours or 0.0) * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class SupportEnvironment(models.Model):
    """The patch window of an environment covered by a patch agreement (C3):
    a recurrence in the provider's time zone (the availability calendar of
    the agreement's plan), its next occurrence and the log of patch runs."""

    _name = "support.environment"
    _inherit = ["support.environment"]

    patch_frequency = fields.Selection(
        [("weekly", "Weekly"), ("monthly", "Monthly")],
        string="Patch Window",
        help="Leave empty when the environment has no patch window.",
    )
    patch_interval = fields.Integer(
        string="Every", default=1, help="Every how many weeks or months."
    )
    patch_week = fields.Selection(WEEKS, string="Week of the Month", default="1")
    patch_weekday = fields.Selection(WEEKDAYS, string="Day", default="1")
    patch_month_day = fields.Integer(string="Day of the Month", default=1)
    patch_hour_start = fields.Float(string="From", default=20.0)
    patch_hour_end = fields.Float(string="To", default=22.0)
    patch_anchor = fields.Date(
        string="Counted From",
        default=fields.Date.context_today,
        help="The weeks or months of the window are counted from this date.",
    )
    patch_tz = fields.Char(
        string="Time Zone", compute="_compute_patch_tz", compute_sudo=True
    )
    # shown to the customer's portal users, the contracts are not
    patch_next_start = fields.Datetime(
        string="Next Patch Window", compute="_compute_patch_next", compute_sudo=True
    )
    patch_next_end = fields.Datetime(
        string="Next Patch Window Ends",
        compute="_compute_patch_next",
        compute_sudo=True,
    )
    patch_window_label = fields.Char(
        string="Patch Window Recurrence",
        compute="_compute_patch_window_label",
        compute_sudo=True,
    )
    patch_run_ids = fields.One2many(
        "support.patch.run", "environment_id", string="Patch Runs"
    )

    @api.depends("contract_id.plan_id.resource_calendar_id.tz")
    def _compute_patch_tz(self):
        for environment in self:
            contract = environment._patch_contract() or environment.contract_id
            environment.patch_tz = (
                contract.plan_id.resource_calendar_id.tz
                or contract.company_id.resource_calendar_id.tz
                or "UTC"
            )

    @api.depends(*WINDOW_FIELDS, "patch_tz")
    def _compute_patch_next(self):
        now = fields.Datetime.now()
        for environment in self:
            found = None
            if environment.patch_frequency:
                found = patch_window.next_window(environment._patch_window(), now)
            environment.patch_next_start = found[0] if found else False
            environment.patch_next_end = found[1] if found else False

    @api.depends(*WINDOW_FIELDS, "patch_tz")
    def _compute_patch_window_label(self):
        weekdays = dict(self._fields["patch_weekday"]._description_selection(self.env))
        weeks = dict(self._fields["patch_week"]._description_selection(self.env))
        for environment in self:
            environment.patch_window_label = (
                environment._patch_window_text(weekdays, weeks)
                if environment.patch_frequency
                else ""
            )

    def _patch_window_text(self, weekdays, weeks):
        """ "First Tuesday, every month, 20:00-22:00 (Europe/Stockholm)"."""
        self.ensure_one()
        _ = self.env._
        every = self.patch_interval
        if self.patch_frequency == "weekly":
            day = weekdays.get(self.patch_weekday, "")
            period = _("every week") if every == 1 else _("every %(n)s weeks", n=every)
        else:
            if self.patch_week == "0":
                day = _("Day %(day)s", day=self.patch_month_day)
            else:
                day = _(
                    "%(week)s %(weekday)s",
                    week=weeks.get(self.patch_week, ""),
                    weekday=weekdays.get(self.patch_weekday, ""),
                )
            period = (
                _("every month") if every == 1 else _("every %(n)s months", n=every)
            )
        return _(
            "%(day)s, %(period)s, %(start)s-%(end)s (%(tz)s)",
            day=day,
            period=period,
            start=_hhmm(self.patch_hour_start),
            end=_hhmm(self.patch_hour_end),
            tz=self.patch_tz,
        )

    # ------------------------------------------------------------ checks
    @api.constrains(*WINDOW_FIELDS)
    def _check_patch_window(self):
        for environment in self.filtered("patch_frequency"):
            if not environment.sudo()._patch_contract():
                raise ValidationError(
                    self.env._(
                        "%(environment)s is not covered by an active patch "
                        "agreement: it cannot have a patch window.",
                        environment=environment.display_name,
                    )
                )
            codes = patch_window.problems(environment._patch_window())
            if codes:
                raise ValidationError(environment._patch_window_error(codes[0]))

    def _patch_window_error(self, code):
        _ = self.env._
        messages = {
            "interval": _("A patch window recurs every 1 or more weeks or months."),
            "weekday": _("Choose the day of the week of the patch window."),
            "week": _("Choose the week of the month of the patch window."),
            "month_day": _("The day of the month of a patch window is 1 to 31."),
            "hours": _(
                "A patch window starts between 00:00 and 24:00 and ends after it "
                "starts, the same day."
            ),
            "tz": _("The time zone of the provider's calendar is unknown."),
            "frequency": _("A patch window is weekly or monthly."),
        }
        return messages.get(
            code,
            _(
                "The patch window of %(environment)s never occurs: choose another "
                "day or interval.",
                environment=self.display_name,
            ),
        )

    # ------------------------------------------------------------ helpers
    def _patch_window(self):
        self.ensure_one()
        return patch_window.Window(
            frequency=self.patch_frequency,
            interval=self.patch_interval,
            weekday=int(self.patch_weekday or 0),
            week=int(self.patch_week or 0),
            month_day=self.patch_month_day,
            hour_start=self.patch_hour_start,
            hour_end=self.patch_hour_end,
            tz=self.patch_tz or "UTC",
            anchor=self.patch_anchor or fields.Date.context_today(self),
        )

    def _patch_contract(self):
        """The active contract of the customer that covers patching (C3): a
        patch agreement, or a plan that includes one; empty when none."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if not customer:
            return self.env["support.contract"]
        contracts = self.env["support.contract"].search(
            [("partner_id", "=", customer.id), ("state", "=", "active")]
        )
        return contracts.filtered(lambda c: c.plan_id._covers_patching())[:1]

    def _patch_next_run(self, now=None):
        """The planned run of the next window (created when missing), or an
        empty recordset without a patch agreement or a window."""
        self.ensure_one()
        Run = self.env["support.patch.run"]
        if not self.patch_frequency or not self._patch_contract():
            return Run
        found = patch_window.next_window(
            self._patch_window(), now or fields.Datetime.now()
        )
        if not found:
            return Run
        start, end = found
        run = Run.search(
            [
                ("environment_id", "=", self.id),
                ("state", "=", "planned"),
                ("date", ">=", start),
            ],
            order="date",
            limit=1,
        )
        return run or Run.create(
            {"environment_id": self.id, "date": start, "date_end": end}
        )

    def _patch_remind(self, now, lead):
        """Before the next window (within ``lead``): its planned run and a
        reminder activity, once."""
        self.ensure_one()
        start = self.patch_next_start
        if not start or start - now > lead:
            return
        self._patch_next_run(now)._remind()
