from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.pricing import hours_in_force, month_period, next_period_start


class SupportReservedHoursMixin(models.AbstractModel):
    """Reserved hours of a support contract (B3): changes take effect from the
    next month, and each month's reserved hours are credited once. Mixed into
    ``support.contract``, whose fields it uses."""

    _name = "support.reserved.hours.mixin"
    _description = "Support Reserved Hours"

    # ------------------------------------------------------------ reserved hours
    def _request_reservation_change(self, hours):
        """Record a reservation change effective from the next period (B3)."""
        self.ensure_one()
        if hours and not self.plan_id.allow_reserved_hours:
            raise ValidationError(
                self.env._(
                    "The plan %(plan)s does not allow reserving hours.",
                    plan=self.plan_id.display_name,
                )
            )
        effective = next_period_start(fields.Date.context_today(self))
        self.reservation_change_ids.filtered(
            lambda c: not c.applied and c.date_effective == effective
        ).unlink()
        change = self.env["support.reservation.change"].create(
            {
                "contract_id": self.id,
                "date_effective": effective,
                "hours": hours,
                "previous_hours": self.reserved_hours,
            }
        )
        self.message_post(
            body=self.env._(
                "Reserved hours change from %(old)s h to %(new)s h a month, "
                "effective from %(date)s.",
                old=f"{self.reserved_hours:g}",
                new=f"{hours:g}",
                date=fields.Date.to_string(effective),
            )
        )
        return change

    def _get_reserved_hours(self, period_start):
        """Reserved hours in force for the month starting ``period_start``."""
        self.ensure_one()
        changes = [(c.date_effective, c.hours) for c in self.reservation_change_ids]
        if not changes:
            return self.reserved_hours
        first = min(c[0] for c in changes)
        previous = self.reservation_change_ids.sorted("date_effective")[:1]
        default = previous.previous_hours if period_start < first else 0.0
        return hours_in_force(changes, period_start, default=default)

    def _ensure_reserved_credit(self, period_start):
        """Credit the reserved hours of a month once (B3)."""
        self.ensure_one()
        Ledger = self.env["support.hours.ledger"].sudo()
        existing = Ledger.search(
            [
                ("contract_id", "=", self.id),
                ("source", "=", "reserved"),
                ("period_start", "=", period_start),
            ]
        )
        if existing:
            return existing
        hours = self._get_reserved_hours(period_start)
        if not hours or not self.plan_id.allow_reserved_hours:
            return Ledger
        return Ledger.create(
            {
                "contract_id": self.id,
                "date": period_start,
                "period_start": period_start,
                "entry_type": "credit",
                "source": "reserved",
                "hours": hours,
                "name": self.env._(
                    "Reserved hours %(month)s",
                    month=period_start.strftime("%Y-%m"),
                ),
            }
        )

    @api.model
    def _cron_credit_reserved_hours(self, months=1):
        """Daily job: credit the reserved hours of this month (and of the
        ``months - 1`` months before it, for contracts running then) (B3)."""
        self.env["support.reservation.change"]._cron_apply_due_changes()
        period_start, _end = month_period(fields.Date.context_today(self))
        starts = [period_start]
        for _i in range(months - 1):
            starts.insert(0, month_period(starts[0] - relativedelta(days=1))[0])
        contracts = self.search(
            [("state", "=", "active"), ("plan_id.allow_reserved_hours", "=", True)]
        )
        # under the cron runner: each contract committed and counted, so the
        # job ends "fully done" after one pass (a credited month is a no-op)
        progress = bool(self.env.context.get("cron_id"))
        if progress:
            self.env["ir.cron"]._commit_progress(remaining=len(contracts))
        for contract in contracts:
            for start in starts:
                if contract.date_start <= month_period(start)[1]:
                    contract._ensure_reserved_credit(start)
            if progress:
                self.env["ir.cron"]._commit_progress(1)
