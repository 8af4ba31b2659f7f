"""The lines of a support invoice (B2, B3, B5, B6, C4): fees pro rata,
reserved hours at their discounts, extra hours and the per-ticket annex."""

from odoo import api, fields, models

from ..tools.pricing import prorata
from .res_config_settings import BillingParams


class SupportBillingPeriod(models.Model):
    _inherit = "support.billing.period"

    # ------------------------------------------------------------ invoice lines
    @api.model
    def _prepare_fee_lines(self, contract, period_start, period_end):
        """Plan fee and add-ons in force, pro rata of their days (B5, B6, C4)."""
        params = BillingParams(self.env)
        lines = []
        plan = contract.plan_id
        if plan.monthly_fee:
            amount, days, total = prorata(
                plan.monthly_fee,
                period_start,
                period_end,
                contract.date_start,
                contract.date_end,
            )
            if amount:
                lines.append(
                    {
                        "product_id": params._product(
                            "product_plan_id", "support_billing.product_support_plan"
                        ).id,
                        "name": self._line_label(
                            plan.display_name, period_start, days, total
                        ),
                        "quantity": 1,
                        "price_unit": amount,
                    }
                )
        product_addon = params._product(
            "product_addon_id", "support_billing.product_support_addon"
        )
        for line in contract.addon_line_ids:
            fee = line.monthly_fee or line.addon_id.monthly_fee
            if not fee:
                continue
            start = max(
                filter(None, [line.date_start, contract.date_start]), default=None
            )
            end = min(filter(None, [line.date_end, contract.date_end]), default=None)
            if start and end and end < start:
                continue
            amount, days, total = prorata(fee, period_start, period_end, start, end)
            if amount:
                lines.append(
                    {
                        "product_id": product_addon.id,
                        "name": self._line_label(
                            line.addon_id.display_name, period_start, days, total
                        ),
                        "quantity": 1,
                        "price_unit": amount,
                    }
                )
        return lines, 0.0

    def _line_label(self, name, period_start, days, total):
        month = period_start.strftime("%Y-%m")
        if days == total:
            return self.env._("%(name)s %(month)s", name=name, month=month)
        return self.env._(
            "%(name)s %(month)s (%(days)s of %(total)s days)",
            name=name,
            month=month,
            days=days,
            total=total,
        )

    @api.model
    def _prepare_reserved_lines(self, contract, period_start, rate, reserved_hours):
        """The month's reserved hours at their tiered discounts (B3).

        Returns the lines and the reserved hours invoiced (``reserved_hours``
        when the contract reserves none this month)."""
        reserved = contract._ensure_reserved_credit(period_start)
        if not reserved:
            return [], reserved_hours
        price = self.env["support.discount.band"]._price_reserved(
            reserved.hours, rate, contract.company_id
        )
        product = BillingParams(self.env)._product(
            "product_reserved_id", "support_billing.product_support_reserved"
        )
        lines = []
        for qty, pct in price["segments"]:
            lines.append(
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "Reserved hours %(month)s (%(hours)s h, %(pct)s%% discount)",
                        month=period_start.strftime("%Y-%m"),
                        hours=f"{qty:g}",
                        pct=f"{pct:g}",
                    ),
                    "quantity": qty,
                    "price_unit": rate,
                    "discount": pct,
                }
            )
        return lines, reserved.hours

    @api.model
    def _prepare_overage_lines(self, overage, period_start, rate):
        """The hours beyond the balance, at the contract's rate (B2)."""
        if not overage:
            return []
        product = BillingParams(self.env)._product(
            "product_overage_id", "support_billing.product_support_overage"
        )
        return [
            {
                "product_id": product.id,
                "name": self.env._(
                    "Extra hours %(month)s (beyond the hours balance)",
                    month=period_start.strftime("%Y-%m"),
                ),
                "quantity": overage,
                "price_unit": rate,
            }
        ]

    @api.model
    def _prepare_annex_lines(self, debits, allocation):
        """Per-ticket annex: ticket, date, billed time, source of hours."""
        names = {
            e.id: e.name
            for e in self.env["support.hours.ledger"]
            .sudo()
            .search([("contract_id", "in", debits.contract_id.ids)])
        }
        lines = [
            {
                "display_type": "line_section",
                "name": self.env._("Annex: requests of the period"),
            }
        ]
        for debit in debits:
            alloc = allocation.debits[debit.id]
            sources = [
                self.env._("%(h)s h %(credit)s", h=f"{h:g}", credit=names.get(k, ""))
                for k, h in alloc.parts
            ]
            if alloc.overage:
                sources.append(self.env._("%(h)s h extra", h=f"{alloc.overage:g}"))
            lines.append(
                {
                    "display_type": "line_note",
                    "name": " · ".join(
                        [
                            debit.ticket_id.display_name or debit.name,
                            fields.Date.to_string(debit.date),
                            f"{debit.hours:g} h",
                            ", ".join(sources),
                        ]
                    ),
                }
            )
        return lines
