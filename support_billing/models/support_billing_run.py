import datetime
import logging

from odoo import api, fields, models
from odoo.exceptions import LockError, UserError
from odoo.modules import module as odoo_module

from odoo.addons.support_contract.access import check_support_group

from ..tools.pricing import month_period, next_period_start

_logger = logging.getLogger(__name__)


class SupportBillingRun(models.Model):
    """One run of the monthly invoicing (B5), by the job or the wizard."""

    _name = "support.billing.run"
    _description = "Support Billing Run"
    _order = "id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(string="Period", required=True)
    trigger = fields.Selection(
        [("cron", "Scheduled job"), ("manual", "Wizard")], default="manual"
    )
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "With errors")],
        default="running",
        required=True,
    )
    period_ids = fields.One2many("support.billing.period", "run_id", string="Periods")
    invoice_count = fields.Integer(compute="_compute_counts")
    contract_count = fields.Integer(string="Contracts Seen")
    skipped_count = fields.Integer(string="Already Invoiced")
    error_count = fields.Integer(string="Errors")
    log = fields.Text()

    @api.depends("period_ids.move_id")
    def _compute_counts(self):
        for run in self:
            run.invoice_count = len(run.period_ids.move_id)

    def action_view_invoices(self):
        check_support_group(self, "manager")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.period_ids.move_id.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------ running
    @api.model
    def _run(self, period_start, contracts, trigger="manual", commit=False):
        """Invoice ``contracts`` for the month of ``period_start``.

        Each contract is invoiced in its own savepoint (and, with ``commit``,
        its own transaction): a failure leaves the others invoiced, and a
        re-run only invoices what is missing (B5, exactly once).
        """
        period_start, _end = month_period(period_start)
        run = self._create_run(period_start, contracts, trigger)
        if commit:
            # the run is visible at once; each contract is then committed
            # by itself (19.0 progress API: commits, and reports to the cron)
            self.env["ir.cron"]._commit_progress(remaining=len(contracts))
        log = []
        contracts, waiting = self._set_aside_unready(contracts, log)
        counts = {"skipped": waiting, "error": 0}
        for contract in contracts:
            outcome = run._invoice_one(contract, period_start, log)
            if outcome in counts:
                counts[outcome] += 1
            if commit:
                self.env["ir.cron"]._commit_progress(1)
        run.write(
            {
                "state": "failed" if counts["error"] else "done",
                "contract_count": waiting + len(contracts),
                "skipped_count": counts["skipped"],
                "error_count": counts["error"],
                "log": "\n".join(log),
            }
        )
        if commit:
            self.env["ir.cron"]._commit_progress()
        return run

    @api.model
    def _create_run(self, period_start, contracts, trigger):
        return self.sudo().create(
            {
                "name": self.env._(
                    "Support invoicing %(month)s", month=period_start.strftime("%Y-%m")
                ),
                "date_start": period_start,
                "trigger": trigger,
                "company_id": (contracts.company_id[:1] or self.env.company).id,
            }
        )

    @api.model
    def _set_aside_unready(self, contracts, log):
        """Contracts of companies without a sales journal wait (logged).

        Returns the contracts to invoice and the number set aside."""
        unready = self._companies_without_sales_journal(contracts.company_id)
        waiting = 0
        for company in unready:
            count = len(contracts.filtered(lambda c, co=company: c.company_id == co))
            waiting += count
            log.append(
                self.env._(
                    "%(company)s has no sales journal (no chart of accounts): "
                    "%(count)s contracts wait for it.",
                    company=company.name,
                    count=count,
                )
            )
        return contracts.filtered(lambda c: c.company_id not in unready), waiting

    def _invoice_one(self, contract, period_start, log):
        """Invoice one contract in a savepoint of this run.

        Returns ``"done"``, ``"skipped"`` or ``"error"``; problems go to ``log``."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                period = self.env["support.billing.period"]._invoice_contract(
                    contract, period_start, run=self
                )
        except LockError:
            log.append(
                self.env._(
                    "%(contract)s: being invoiced by another run, skipped.",
                    contract=contract.display_name,
                )
            )
            return "skipped"
        except UserError as exc:
            log.append(f"{contract.display_name}: {exc}")
            return "error"
        except Exception as exc:
            _logger.exception("Support invoicing of %s failed", contract.display_name)
            log.append(f"{contract.display_name}: {exc}")
            return "error"
        return "done" if period else "skipped"

    @api.model
    def _companies_without_sales_journal(self, companies):
        Journal = self.env["account.journal"].sudo()
        return companies.filtered(
            lambda company: (
                not Journal.search_count(
                    [*Journal._check_company_domain(company), ("type", "=", "sale")],
                    limit=1,
                )
            )
        )

    @api.model
    def _contracts_to_invoice(self, period_start):
        _start, period_end = month_period(period_start)
        return (
            self.env["support.contract"]
            .sudo()
            .search(
                [
                    ("state", "in", ("active", "suspended", "expired")),
                    ("date_start", "<=", period_end),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", period_start),
                ],
                order="id",
            )
        )

    @api.model
    def _cron_monthly_invoicing(self):
        """Invoice every month that ended and is not invoiced yet (no gap):
        from the month after the last invoiced one, or the last month for a
        contract never invoiced."""
        today = fields.Date.context_today(self)
        last_month, _end = month_period(
            month_period(today)[0] - datetime.timedelta(days=1)
        )
        commit = not odoo_module.current_test and not self.env.context.get(
            "support_billing_no_commit"
        )
        months = {last_month}
        Period = self.env["support.billing.period"].sudo()
        contracts = self._contracts_to_invoice(last_month)
        for contract in contracts:
            latest = Period.search(
                [("contract_id", "=", contract.id), ("state", "!=", "credited")],
                order="date_start desc",
                limit=1,
            )
            month = next_period_start(latest.date_start) if latest else last_month
            while month < last_month:
                months.add(month)
                month = next_period_start(month)
            # a credited month not invoiced again yet: invoice it again
            periods = Period.search([("contract_id", "=", contract.id)])
            live = set(
                periods.filtered(lambda p: p.state != "credited").mapped("date_start")
            )
            months |= set(periods.mapped("date_start")) - live
        for month in sorted(months):
            self._run(month, self._contracts_to_invoice(month), "cron", commit)
