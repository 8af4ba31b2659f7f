from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.billed_time import billed_hours
from .res_config_settings import BillingParams


class SupportBilledTimeMixin(models.AbstractModel):
    """Billed time of a support ticket (B1): set at resolution from the logged
    time, adjusted by a manager, and kept equal to the ticket's debits in the
    hours ledger. Mixed into ``support.ticket``, whose fields it uses."""

    _name = "support.billed.time.mixin"
    _inherit = ["support.write.guard.mixin"]
    _description = "Support Billed Time"

    # written by the billing engine only (with ``sudo()``): at resolution and
    # through the manager's adjustment (``_adjust_billed_hours``)
    _SUPPORT_BILLED_TIME_FIELDS = frozenset(
        {"billed_hours", "billed_hours_adjusted", "billed_hours_reason"}
    )
    # who pays instead of the rules: support managers only
    _SUPPORT_OVERRIDE_FIELDS = frozenset(
        {"billable_override", "billable_override_reason"}
    )

    def _check_write_guard(self, fnames):
        """Refuse a direct write of billed time or billability, whatever door
        it comes through (RPC ``write``/``create``, a form, an import).

        Only trusted server code (``sudo()``) writes the billed time; the
        billability override is a manager's decision. No context key opens
        either."""
        super()._check_write_guard(fnames)
        if self.env.su:
            return
        if self._SUPPORT_BILLED_TIME_FIELDS & fnames:
            raise AccessError(
                self.env._(
                    "Billed time changes only through a support manager's "
                    "adjustment (Adjust Billed Time), with a reason."
                )
            )
        if self._SUPPORT_OVERRIDE_FIELDS & fnames and not self.env.user.has_group(
            "support_contract.group_support_manager"
        ):
            raise AccessError(
                self.env._(
                    "Only a support manager can override the billability of a request."
                )
            )

    # ------------------------------------------------------------ billed time
    def _compute_billed_hours_value(self):
        self.ensure_one()
        if not self.billable:
            return 0.0
        params = BillingParams(self.env)
        return billed_hours(
            self.logged_hours,
            minimum=params._float("min_billed_hours"),
            rounding_step=params._float("rounding_step"),
        )

    def _post_billed_time(self):
        """B1: set the billed time at resolution and sync the ledger debit."""
        for ticket in self:
            if ticket.billed_hours_adjusted:
                target = ticket.billed_hours
            else:
                target = ticket._compute_billed_hours_value()
                if ticket.billing_invoiced:
                    invoiced = sum(
                        e.hours
                        for e in ticket.sudo().ledger_entry_ids
                        if e._is_locked()
                    )
                    target = max(target, invoiced)
                ticket.sudo().billed_hours = target
            ticket._sync_ledger_debit(target)

    def _sync_ledger_debit(self, target):
        """Make the ticket's debits add up to ``target`` hours; invoiced debits
        are never changed, only a new debit adds what is missing."""
        self.ensure_one()
        entries = self.sudo().ledger_entry_ids.filtered(
            lambda e: e.entry_type == "debit"
        )
        locked = entries.filtered(lambda e: e._is_locked())
        open_entries = entries - locked
        needed = round(target - sum(locked.mapped("hours")), 6)
        if not self.contract_id or needed <= 0 or not self.billable and not target:
            open_entries.unlink()
            return
        # the first debit is dated at resolution; a complement to invoiced
        # time is dated today, so the next invoice carries it
        date = (
            fields.Date.context_today(self, self.date_resolved)
            if self.date_resolved and not locked
            else fields.Date.context_today(self)
        )
        vals = {"hours": needed, "date": date}
        if open_entries:
            open_entries[0].write(vals)
            open_entries[1:].unlink()
        else:
            self.env["support.hours.ledger"].sudo().create(
                dict(
                    vals,
                    contract_id=self.contract_id.id,
                    entry_type="debit",
                    source="ticket",
                    ticket_id=self.id,
                    name=self.display_name,
                )
            )

    def _adjust_billed_hours(self, hours, reason):
        """A manager sets the billed time, with a reason (B1)."""
        self.ensure_one()
        if not self.env.user.has_group("support_contract.group_support_manager"):
            raise AccessError(
                self.env._("Only a support manager can adjust billed time.")
            )
        if hours < 0:
            raise ValidationError(self.env._("Billed time cannot be negative."))
        if not (reason or "").strip():
            raise ValidationError(self.env._("Give a reason for the adjustment."))
        if self.billing_invoiced:
            raise UserError(
                self.env._(
                    "The time of %(ticket)s is already invoiced: issue a credit note "
                    "before adjusting it.",
                    ticket=self.display_name,
                )
            )
        old = self.billed_hours
        self.sudo().write(
            {
                "billed_hours": hours,
                "billed_hours_adjusted": True,
                "billed_hours_reason": reason,
            }
        )
        self._sync_ledger_debit(hours if self.billable else 0.0)
        self.message_post(
            body=self.env._(
                "Billed time adjusted from %(old)s h to %(new)s h: %(reason)s",
                old=f"{old:g}",
                new=f"{hours:g}",
                reason=reason,
            )
        )
