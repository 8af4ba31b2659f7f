from odoo import api, fields, models
from odoo.exceptions import UserError


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
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(contract.company_id),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._(
                    "The company %(company)s has no sales journal: install a chart "
                    "of accounts before invoicing support.",
                    company=contract.company_id.name,
                )
            )
        # batch documents: no creation message nor field tracking (the
        # contract's chatter and the billing run keep the history)
        return (
            self.sudo()
            .with_company(contract.company_id)
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                {
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
            )
        )

    def _support_free(self):
        """A credit note or a cancellation frees what the invoice billed (B5)."""
        invoices = self.filtered("support_contract_id")
        if not invoices:
            return
        invoices.support_period_ids.sudo().write({"state": "credited"})
        debits = (
            self.env["support.hours.ledger"]
            .sudo()
            .search([("move_id", "in", invoices.ids), ("entry_type", "=", "debit")])
        )
        debits.with_context(support_billing_unlock=True).write(
            {"move_id": False, "invoiced_overage_hours": 0.0}
        )
        lines = (
            self.env["account.analytic.line"]
            .sudo()
            .search([("support_move_id", "in", invoices.ids)])
        )
        lines.with_context(support_billing_unlock=True).write(
            {"support_move_id": False}
        )
        for invoice in invoices:
            invoice.support_contract_id.sudo().message_post(
                body=self.env._(
                    "Invoice %(invoice)s credited or cancelled: its period and "
                    "time entries can be invoiced again.",
                    invoice=invoice.display_name,
                )
            )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        refunds = posted.filtered(
            lambda m: (
                m.move_type == "out_refund" and m.reversed_entry_id.support_contract_id
            )
        )
        refunds.reversed_entry_id._support_free()
        return posted

    def button_cancel(self):
        res = super().button_cancel()
        self.filtered(lambda m: m.state == "cancel")._support_free()
        return res

    @api.ondelete(at_uninstall=False)
    def _support_free_on_unlink(self):
        self._support_free()
