import datetime
import logging

from psycopg2.errors import SerializationFailure, UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import LockError, UserError
from odoo.tools import split_every

from odoo.addons.support_contract.access import check_support_group

from ..tools.pricing import month_period, next_period_start

_logger = logging.getLogger(__name__)

# contracts invoiced per chunk (one account.move.create, one commit by the cron)
INVOICE_CHUNK = 50
# a run not written for this long and not locked by a live worker crashed
STALE_AFTER = datetime.timedelta(minutes=10)


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
    def _run(self, period_start, contracts, trigger="manual", progress=False):
        """Invoice ``contracts`` for the month of ``period_start``.

        Chunk by chunk (``INVOICE_CHUNK`` contracts): a chunk's contracts
        are locked (``SKIP LOCKED``: those another run holds are skipped,
        that run invoices them) and invoiced together; with ``progress``
        each chunk is committed and counted with the cron's
        ``_commit_progress``. A failure in a chunk invoices its contracts
        one by one: the failing one is logged, the others invoiced. A re-run
        only invoices what is missing (B5, exactly once); a run a crash left
        ``running`` is closed first (``_close_stale_runs``).
        Contracts set aside or failed are logged and counted as processed:
        the cron runner never calls the job again for them.
        """
        period_start, _end = month_period(period_start)
        self._close_stale_runs()
        log = []
        ready, waiting = self._set_aside_unready(contracts, log)
        run = self._create_run(period_start, contracts, trigger)
        if progress:
            self.env["ir.cron"]._commit_progress()  # the run is visible at once
        counts = {"skipped": waiting, "error": 0}
        for ids in split_every(INVOICE_CHUNK, ready.ids):
            for outcome in run._invoice_chunk(ready.browse(ids), period_start, log):
                if outcome in counts:
                    counts[outcome] += 1
            if progress:
                run._write_counts(contracts, counts, log)  # its row: a fresh date
                self.env["ir.cron"]._commit_progress(len(ids))
        run._write_counts(contracts, counts, log, final=True)
        if progress:
            self.env["ir.cron"]._commit_progress()
        return run

    def _write_counts(self, contracts, counts, log, final=False):
        values = {
            "contract_count": len(contracts),
            "skipped_count": counts["skipped"],
            "error_count": counts["error"],
            "log": "\n".join(log),
        }
        if final:
            values["state"] = "failed" if counts["error"] else "done"
        self.write(values)

    @api.model
    def _close_stale_runs(self):
        """Close the runs a crash left ``running``: not written for
        ``STALE_AFTER`` (a live run writes its row at every chunk) and not
        locked by a live transaction. What they committed stays; the
        contracts they did not invoice are invoiced by the next run."""
        self.env.cr.execute(
            """
            SELECT id FROM support_billing_run
             WHERE state = 'running' AND write_date < now() at time zone 'UTC' - %s
               FOR NO KEY UPDATE SKIP LOCKED
            """,
            [STALE_AFTER],
        )
        stale = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for run in stale:
            run.write(
                {
                    "state": "failed",
                    "log": "\n".join(
                        filter(
                            None,
                            [
                                run.log,
                                self.env._(
                                    "Interrupted before its end: the contracts "
                                    "it did not invoice are invoiced by the next run."
                                ),
                            ],
                        )
                    ),
                }
            )
        return stale

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

    def _invoice_chunk(self, contracts, period_start, log):
        """Invoice a chunk of contracts in one savepoint of this run; when it
        fails, one by one (``_invoice_one``). Returns an outcome per contract:
        ``"done"``, ``"skipped"`` or ``"error"``; problems go to ``log``."""
        self.ensure_one()
        Period = self.env["support.billing.period"]
        try:
            with self.env.cr.savepoint():
                locked = contracts.sudo().try_lock_for_update(allow_referencing=True)
                periods = Period._invoice_contracts(locked, period_start, run=self)
        except Exception:  # noqa: BLE001 - retried one by one, which logs it
            return [self._invoice_one(c, period_start, log) for c in contracts]
        for contract in contracts - locked:
            log.append(self._held_message(contract))
        return [
            "done" if contract in periods.contract_id else "skipped"
            for contract in contracts
        ]

    def _held_message(self, contract):
        return self.env._(
            "%(contract)s: being invoiced by another run, skipped.",
            contract=contract.display_name,
        )

    def _invoice_one(self, contract, period_start, log):
        """Invoice one contract in a savepoint of this run.

        Returns ``"done"``, ``"skipped"`` or ``"error"``; problems go to ``log``."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                period = self.env["support.billing.period"]._invoice_contract(
                    contract, period_start, run=self
                )
        except (LockError, UniqueViolation, SerializationFailure):
            # another run holds the contract, or invoiced it after this
            # transaction began: the period's unique key let one through
            log.append(self._held_message(contract))
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
    def _months_due(self, last_month):
        """Per month to invoice, the contracts with no live period for it:
        from the month after a contract's last invoiced one (no gap), or the
        last month for a contract never invoiced, plus the months whose
        invoice was fully credited or cancelled (to invoice again)."""
        Period = self.env["support.billing.period"].sudo()
        months = {last_month}
        contracts = self._contracts_to_invoice(last_month)
        grouped = Period.search([("contract_id", "in", contracts.ids)]).grouped(
            "contract_id"
        )
        for contract in contracts:
            periods = grouped.get(contract, Period)
            live = periods.filtered(lambda p: p.state != "credited")
            latest = max(live.mapped("date_start"), default=None)
            month = next_period_start(latest) if latest else last_month
            while month < last_month:
                months.add(month)
                month = next_period_start(month)
            months |= set(periods.mapped("date_start")) - set(live.mapped("date_start"))
        due = {}
        for month in sorted(months):
            contracts = self._contracts_to_invoice(month)
            invoiced = Period.search(
                [
                    ("contract_id", "in", contracts.ids),
                    ("date_start", "=", month),
                    ("state", "!=", "credited"),
                ]
            ).contract_id
            if contracts - invoiced:
                due[month] = contracts - invoiced
        return due

    @api.model
    def _cron_monthly_invoicing(self):
        """Invoice every month that ended and is not invoiced yet (no gap).

        Under the cron runner, progress is reported truthfully: ``remaining``
        counts only the contracts this pass will try; contracts of companies
        without a sales journal wait (said in the run's log) and are not
        counted, so the job ends "fully done" in one pass. Nothing due: no
        run record at all."""
        today = fields.Date.context_today(self)
        last_month, _end = month_period(
            month_period(today)[0] - datetime.timedelta(days=1)
        )
        progress = bool(self.env.context.get("cron_id"))
        due = self._months_due(last_month)
        todo = {}
        for month, contracts in due.items():
            unready = self._companies_without_sales_journal(contracts.company_id)
            if contracts.filtered(lambda c, u=unready: c.company_id not in u):
                todo[month] = contracts
            else:
                _logger.info(
                    "Support invoicing %s: %s contracts wait for a sales journal.",
                    month.strftime("%Y-%m"),
                    len(contracts),
                )
        if progress:
            self.env["ir.cron"]._commit_progress(
                remaining=sum(
                    len(self._set_aside_unready(contracts, [])[0])
                    for contracts in todo.values()
                )
            )
        for month, contracts in todo.items():
            self._run(month, contracts, "cron", progress)
