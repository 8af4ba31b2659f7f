from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# what the invoicing wrote: changed only by trusted server code (``sudo()``),
# when a month is invoiced or its invoice fully credited or cancelled (B5)
INVOICING_FIELDS = frozenset({"move_id", "invoiced_overage_hours"})


class SupportHoursLedger(models.Model):
    """One credit or debit of a contract's hours wallet (B2, B3).

    Credits: prepaid packs (B2) and monthly reserved hours (B3). Debits: the
    billed time of resolved requests (B1). How debits draw on credits (FIFO,
    overage) is not stored: it is recomputed from all entries of the contract
    by ``support_billing.tools.allocation`` so that the statement is always
    consistent; what an invoice billed is frozen in ``invoiced_overage_hours``.
    """

    _name = "support.hours.ledger"
    _inherit = ["support.write.guard.mixin"]
    _description = "Support Hours Ledger Entry"
    _order = "date, entry_type, id"
    _rec_name = "name"

    name = fields.Char(string="Description", required=True)
    contract_id = fields.Many2one(
        "support.contract", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", string="Customer", store=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    entry_type = fields.Selection(
        [("credit", "Credit"), ("debit", "Debit")], string="Type", required=True
    )
    source = fields.Selection(
        [
            ("pack", "Prepaid pack"),
            ("reserved", "Reserved hours"),
            ("ticket", "Request"),
            ("manual", "Manual correction"),
        ],
        required=True,
    )
    hours = fields.Float(required=True)
    signed_hours = fields.Float(
        string="Hours (+/-)",
        compute="_compute_signed_hours",
        store=True,
        help="Credits count positive, debits negative: their sum is the balance.",
    )
    ticket_id = fields.Many2one("support.ticket", index="btree_not_null")
    pack_id = fields.Many2one("support.hours.pack")
    period_start = fields.Date(
        string="Reserved Period", help="Reserved hours: the month they belong to."
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Credits: the invoice that sold the hours. Debits: the monthly "
        "invoice that listed the request.",
    )
    invoiced_overage_hours = fields.Float(
        string="Invoiced Extra Hours",
        copy=False,
        readonly=True,
        help="Hours of this request billed at the hourly rate on the invoice.",
    )
    # allocation, recomputed from the contract's whole ledger
    covered_hours = fields.Float(
        string="Hours From Balance", compute="_compute_allocation"
    )
    overage_hours = fields.Float(string="Extra Hours", compute="_compute_allocation")
    remaining_hours = fields.Float(
        string="Hours Left on Credit", compute="_compute_allocation"
    )
    balance_after = fields.Float(compute="_compute_allocation")
    source_summary = fields.Char(
        string="Source of Hours", compute="_compute_allocation"
    )

    _reserved_unique = models.UniqueIndex(
        "(contract_id, period_start) WHERE source = 'reserved'",
        "The reserved hours of a month are credited only once per contract.",
    )

    @api.depends("hours", "entry_type")
    def _compute_signed_hours(self):
        for entry in self:
            sign = -1 if entry.entry_type == "debit" else 1
            entry.signed_hours = sign * entry.hours

    @api.depends("hours", "date", "entry_type", "contract_id")
    def _compute_allocation(self):
        for contract in self.contract_id:
            allocation = contract._get_allocation()
            lines = {(line["type"], line["key"]): line for line in allocation.lines}
            names = {e.id: e.name for e in contract.sudo().hours_ledger_ids}
            for entry in self.filtered(lambda e, c=contract: e.contract_id == c):
                line = lines.get((entry.entry_type, entry.id), {})
                entry.covered_hours = line.get("covered", 0.0)
                entry.overage_hours = line.get("overage", 0.0)
                entry.balance_after = line.get("balance", 0.0)
                entry.remaining_hours = allocation.remaining.get(entry.id, 0.0)
                entry.source_summary = entry._summarise(line, names)
        for entry in self.filtered(lambda e: not e.contract_id):
            entry.covered_hours = entry.overage_hours = 0.0
            entry.balance_after = entry.remaining_hours = 0.0
            entry.source_summary = False

    def _summarise(self, line, names):
        if self.entry_type != "debit":
            return False
        parts = [
            self.env._(
                "%(hours)s h from %(credit)s", hours=f"{h:g}", credit=names.get(k, "?")
            )
            for k, h in line.get("parts", [])
        ]
        if line.get("overage"):
            parts.append(self.env._("%(hours)s h extra", hours=f"{line['overage']:g}"))
        return ", ".join(parts)

    @api.constrains("hours")
    def _check_hours(self):
        for entry in self:
            if entry.hours <= 0:
                raise ValidationError(
                    self.env._(
                        "A ledger entry must hold a positive number of hours "
                        "(%(name)s: %(hours)s h).",
                        name=entry.name,
                        hours=entry.hours,
                    )
                )

    def _is_locked(self):
        """Invoiced debits are frozen (B5: never the same time twice)."""
        self.ensure_one()
        return (
            self.entry_type == "debit"
            and self.move_id
            and self.move_id.state != "cancel"
        )

    def _check_write_guard(self, fnames):
        """No user writes what the invoicing wrote, not even a manager: a
        context key unlocks nothing, only the billing code (``sudo()``)."""
        super()._check_write_guard(fnames)
        if INVOICING_FIELDS & fnames and not self.env.su:
            raise AccessError(
                self.env._(
                    "The invoice of a ledger entry is set by the monthly "
                    "invoicing and cleared only by a full credit note or a "
                    "cancellation of that invoice."
                )
            )

    def write(self, vals):
        frozen = {"hours", "date", "contract_id", "entry_type", "ticket_id"}
        if frozen & set(vals):
            locked = self.filtered(lambda e: e._is_locked())
            if locked:
                raise UserError(
                    self.env._(
                        "%(entry)s is already invoiced on %(invoice)s: issue a "
                        "credit note before changing it.",
                        entry=locked[0].name,
                        invoice=locked[0].move_id.display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        locked = self.filtered(lambda e: e._is_locked())
        if locked:
            raise UserError(
                self.env._(
                    "%(entry)s is already invoiced on %(invoice)s and cannot be "
                    "deleted.",
                    entry=locked[0].name,
                    invoice=locked[0].move_id.display_name,
                )
            )
