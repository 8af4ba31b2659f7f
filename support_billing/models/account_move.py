from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class AccountMove(models.Model):
    _inherit = "account.move"

    support_contract_id = fields.Many2one(
        "support.contract",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    support_period_ids = fields.One2many(
        "support.billing.period", "move_id", string="Support Billing Periods"
    )

    @api.model
    def _support_create_invoice(self, contract, invoice_date, line_vals):
        """A draft customer invoice of ``contract`` with ``line_vals``."""
        return self._support_create_invoices([(contract, invoice_date, line_vals)])

    @api.model
    def _support_create_invoices(self, items):
        """Draft customer invoices, one per ``(contract, invoice_date,
        line_vals)`` of ``items`` and in their order, created in one
        ``create()`` per company (an invoicing run passes a whole chunk)."""
        by_company = {}
        for index, (contract, _date, _lines) in enumerate(items):
            by_company.setdefault(contract.company_id, []).append(index)
        created = {}
        for company, indexes in by_company.items():
            journal = self._support_sales_journal(company)
            # batch documents: no creation message nor field tracking (the
            # contract's chatter and the billing run keep the history)
            batch = (
                self.sudo()
                .with_company(company)
                .with_context(tracking_disable=True, mail_create_nolog=True)
                .create(
                    [
                        self._support_invoice_values(journal, *items[index])
                        for index in indexes
                    ]
                )
            )
            created.update(zip(indexes, batch, strict=True))
        return self.sudo().browse([created[index].id for index in range(len(items))])

    @api.model
    def _support_sales_journal(self, company):
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(company),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._(
                    "The company %(company)s has no sales journal: install a chart "
                    "of accounts before invoicing support.",
                    company=company.name,
                )
            )
        return journal

    @api.model
    def _support_invoice_values(self, journal, contract, invoice_date, line_vals):
        return {
            "move_type": "out_invoice",
            "partner_id": contract.partner_id.id,
            "company_id": contract.company_id.id,
            "currency_id": contract.currency_id.id,
            "journal_id": journal.id,
            "invoice_date": invoice_date,
            "support_contract_id": contract.id,
            "invoice_origin": contract.name,
            "invoice_line_ids": [fields.Command.create(v) for v in line_vals],
        }

    # ------------------------------------------------------------ credit notes (B5)
    def _support_credited_amount(self):
        """What the posted credit notes of this invoice gave back."""
        self.ensure_one()
        refunds = self.sudo().reversal_move_ids.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_refund"
        )
        return sum(refunds.mapped("amount_total"))

    def _support_credit_posted(self):
        """A credit note of these invoices was posted: a full reversal frees
        the period and its time (B5); a partial one (a goodwill credit) is
        recorded against the period and frees nothing."""
        for invoice in self.filtered("support_contract_id"):
            credited = invoice._support_credited_amount()
            if invoice.currency_id.compare_amounts(credited, invoice.amount_total) >= 0:
                invoice._support_free("credited")
            else:
                invoice._support_record_partial_credit(credited)

    def _support_record_partial_credit(self, credited):
        self.ensure_one()
        self.support_period_ids.sudo().write(
            {"state": "partially_credited", "credited_amount": credited}
        )
        self.support_contract_id.sudo().message_post(
            body=self.env._(
                "Invoice %(invoice)s partially credited (%(credited)s of "
                "%(total)s): its period stays invoiced and its time entries stay "
                "locked; nothing is invoiced again.",
                invoice=self.display_name,
                credited=format_amount(self.env, credited, self.currency_id),
                total=format_amount(self.env, self.amount_total, self.currency_id),
            )
        )

    def _support_free(self, how):
        """A full credit note, a cancellation or a deletion (``how``:
        ``credited``, ``cancelled``, ``deleted``) frees what the invoice
        billed (B5): its periods, ledger debits and time entries. Trusted
        server code only: it writes the invoicing fields with ``sudo()``."""
        invoices = self.filtered("support_contract_id")
        if not invoices:
            return
        for invoice in invoices:
            invoice.support_period_ids.sudo().write(
                {"state": "credited", "credited_amount": invoice.amount_total}
            )
        debits = (
            self.env["support.hours.ledger"]
            .sudo()
            .search([("move_id", "in", invoices.ids), ("entry_type", "=", "debit")])
        )
        debits.write({"move_id": False, "invoiced_overage_hours": 0.0})
        lines = (
            self.env["account.analytic.line"]
            .sudo()
            .search([("support_move_id", "in", invoices.ids)])
        )
        lines.write({"support_move_id": False})
        for invoice in invoices:
            invoice.support_contract_id.sudo().message_post(
                body=invoice._support_freed_message(how)
            )

    def _support_freed_message(self, how):
        """The contract's chatter says which of the three freed the month."""
        self.ensure_one()
        if how == "credited":
            return self.env._(
                "Invoice %(invoice)s fully credited: its period and time entries "
                "are freed and the next invoicing run invoices the month again.",
                invoice=self.display_name,
            )
        if how == "cancelled":
            return self.env._(
                "Invoice %(invoice)s cancelled: its period and time entries are "
                "freed and the next invoicing run invoices the month again.",
                invoice=self.display_name,
            )
        return self.env._(
            "Invoice %(invoice)s deleted: its period and time entries are freed "
            "and the next invoicing run invoices the month again.",
            invoice=self.display_name,
        )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        refunds = posted.filtered(
            lambda m: (
                m.move_type == "out_refund" and m.reversed_entry_id.support_contract_id
            )
        )
        refunds.reversed_entry_id._support_credit_posted()
        return posted

    def button_cancel(self):
        res = super().button_cancel()
        self.filtered(lambda m: m.state == "cancel")._support_free("cancelled")
        return res

    @api.ondelete(at_uninstall=False)
    def _support_free_on_unlink(self):
        self._support_free("deleted")
