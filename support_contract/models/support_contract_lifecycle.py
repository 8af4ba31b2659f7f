"""The contract's life and the rules it follows: one active contract per
customer (C2) and its dependent agreements (C3), the manager's range override
(C2), activation, suspension, cancellation, the daily expiry and renewal (C2),
and the check of the key users (C6; their portal logins: the key users mixin)."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..access import check_support_group
from .support_contract import STATES


class SupportContract(models.Model):
    _name = "support.contract"
    _inherit = ["support.contract", "support.contract.key.users"]

    # ------------------------------------------------------------ C2/C3 checks
    @api.constrains("state", "partner_id", "company_id", "plan_id")
    def _check_single_active(self, activating=False):
        """C2: at most one active contract per customer and company.

        C3: the only exception is a dependent agreement (a plan with a required
        plan, e.g. maintenance) beside the contract that fulfils its requirement
        (e.g. patch)."""
        checked = self.filtered(lambda c: activating or c.state == "active")
        for contract in checked:
            others = (
                self.sudo()
                .search(
                    [
                        ("id", "not in", checked.ids),
                        ("state", "=", "active"),
                        ("partner_id", "=", contract.partner_id.id),
                        ("company_id", "=", contract.company_id.id),
                    ]
                )
                .with_env(self.env)
            )
            # contracts activated together conflict with each other as well
            others |= (checked - contract).filtered(
                lambda c, k=contract: (
                    c.partner_id == k.partner_id and c.company_id == k.company_id
                )
            )
            for other in others:
                if contract._complements(other) or other._complements(contract):
                    continue
                raise ValidationError(
                    self.env._(
                        "%(customer)s already has an active contract in %(company)s "
                        "(%(other)s).",
                        customer=contract.partner_id.display_name,
                        company=contract.company_id.name,
                        other=other.sudo().name,
                    )
                )

    def _fulfils(self, plan):
        """Whether this contract's plan is ``plan`` or includes it (C3)."""
        self.ensure_one()
        return self.plan_id == plan or plan in self.plan_id.included_plan_ids

    def _complements(self, other):
        """Whether this dependent agreement may be active beside ``other`` (C3)."""
        self.ensure_one()
        required = self.plan_id.required_plan_id
        return (
            bool(required)
            and not other.plan_id.required_plan_id
            and (other._fulfils(required))
        )

    # ------------------------------------------------------------ range override (C2)
    @api.constrains("range_override", "range_override_reason")
    def _check_override_reason(self):
        for contract in self:
            if (
                contract.range_override
                and not (contract.range_override_reason or "").strip()
            ):
                raise ValidationError(self.env._("A range override needs a reason."))

    def _check_override_rights(self, vals_list):
        if any(
            v.get("range_override") for v in vals_list
        ) and not self.env.user.has_group("support_contract.group_support_manager"):
            raise UserError(
                self.env._("Only a support manager can override the plan's ranges.")
            )

    def _log_range_override(self):
        """C2: the manager's override and its reason stay in the chatter."""
        for contract in self:
            contract.message_post(
                body=self.env._(
                    "Sizing outside the plan's ranges accepted by %(user)s. "
                    "Reason: %(reason)s",
                    user=self.env.user.name,
                    reason=contract.range_override_reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------ state actions
    def action_activate(self):
        check_support_group(self, "manager")
        for contract in self:
            if contract.state not in ("draft", "suspended", "expired"):
                raise UserError(
                    self.env._(
                        "Contract %(contract)s cannot be activated from state "
                        "%(state)s.",
                        contract=contract.name,
                        state=dict(STATES)[contract.state],
                    )
                )
            if contract.range_issue and not contract.range_override:
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is outside the plan's ranges:\n"
                        "%(issues)s\n"
                        "A support manager can accept this sizing with a reason: "
                        'the "Accept sizing" button of the contract.',
                        contract=contract.name,
                        issues=contract.range_issue,
                    )
                )
            required = contract.plan_id.required_plan_id
            if required and not contract._get_required_contract():
                raise UserError(
                    self.env._(
                        "Plan %(plan)s requires an active %(required)s contract.",
                        plan=contract.plan_id.name,
                        required=required.name,
                    )
                )
        self._check_single_active(activating=True)
        self.write({"state": "active"})
        return True

    def action_suspend(self):
        check_support_group(self, "manager")
        if any(c.state != "active" for c in self):
            raise UserError(self.env._("Only active contracts can be suspended."))
        self._check_no_active_dependent()
        self.write({"state": "suspended"})
        return True

    def action_cancel(self):
        check_support_group(self, "manager")
        if any(c.state in ("expired", "cancelled") for c in self):
            raise UserError(
                self.env._("Expired or cancelled contracts cannot be cancelled.")
            )
        self._check_no_active_dependent()
        self.write({"state": "cancelled"})
        return True

    def _get_required_contract(self):
        """The active contract of the same customer that fulfils this contract's
        required plan (C3), or an empty recordset."""
        self.ensure_one()
        required = self.plan_id.required_plan_id
        if not required:
            return self.browse()
        candidates = self.sudo().search(
            [
                ("id", "!=", self.id),
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "=", "active"),
            ]
        )
        return candidates.filtered(lambda c: c._fulfils(required))[:1].with_env(
            self.env
        )

    def _check_no_active_dependent(self):
        """C3: a patch agreement cannot stop while a maintenance agreement that
        requires it is active."""
        for contract in self:
            dependents = (
                self.sudo()
                .search(
                    [
                        ("id", "not in", self.ids),
                        ("partner_id", "=", contract.partner_id.id),
                        ("company_id", "=", contract.company_id.id),
                        ("state", "=", "active"),
                        ("required_plan_id", "!=", False),
                    ]
                )
                .filtered(lambda d, c=contract: d._get_required_contract() == c)
            )
            if dependents:
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is required by the active contract "
                        "%(dependent)s: stop that one first.",
                        contract=contract.name,
                        dependent=", ".join(dependents.mapped("name")),
                    )
                )

    def action_set_draft(self):
        check_support_group(self, "manager")
        if any(c.state != "cancelled" for c in self):
            raise UserError(self.env._("Only cancelled contracts go back to draft."))
        self.write({"state": "draft"})
        return True

    # ------------------------------------------------------------ key users (C6)
    @api.constrains("key_user_ids", "partner_id")
    def _check_key_users(self):
        for contract in self:
            strangers = contract.key_user_ids.filtered(
                lambda p, c=contract: (
                    p.commercial_partner_id != c.partner_id.commercial_partner_id
                )
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Key users must be contacts of %(customer)s: %(names)s is not.",
                        customer=contract.partner_id.display_name,
                        names=", ".join(strangers.mapped("display_name")),
                    )
                )

    def action_view_customer_contracts(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return self.partner_id.action_view_support_contracts()

    # ------------------------------------------------------------ cron
    @api.model
    def _cron_expire_and_renew(self):
        """Daily: expire ended contracts, renew the auto-renewing ones (C2)."""
        today = fields.Date.context_today(self)
        ended = self.search(
            [("state", "in", ("active", "suspended")), ("date_end", "<", today)]
        )
        # under the cron runner: each contract committed and counted, nothing
        # left after one pass (an expired or renewed contract is not found again)
        progress = bool(self.env.context.get("cron_id"))
        if progress:
            self.env["ir.cron"]._commit_progress(remaining=len(ended))
        for contract in ended:
            if contract.auto_renew and contract.renewal_months > 0:
                new_end = contract.date_end
                while new_end < today:
                    new_end += relativedelta(months=contract.renewal_months)
                contract.date_end = new_end
                contract.message_post(
                    body=self.env._("Renewed until %(date)s.", date=new_end)
                )
            else:
                contract.state = "expired"
                contract.message_post(body=self.env._("Expired on its end date."))
            if progress:
                self.env["ir.cron"]._commit_progress(1)
        return True

    def _log_monthly_amount(self, before):
        """A note in the chatter when the monthly amount changed (``before``:
        contract id -> amount before the change)."""
        self.invalidate_recordset(["monthly_amount"])
        for contract in self:
            old = before.get(contract.id, 0.0)
            if contract.currency_id.compare_amounts(old, contract.monthly_amount):
                contract.message_post(
                    body=self.env._(
                        "Monthly amount changed from %(old)s to %(new)s.",
                        old=format_amount(self.env, old, contract.currency_id),
                        new=format_amount(
                            self.env, contract.monthly_amount, contract.currency_id
                        ),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
