import datetime

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

D = datetime.date


class SupportBillingCommon(BaseCommon):
    """A provider with a Light-like plan (250/month, 100/h, reserving allowed),
    one customer contract, an agent and a manager with employees; all built by
    the tests (never from demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        if not cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )
        cls.ICP = cls.env["ir.config_parameter"].sudo()
        for key, value in {
            "support_billing.min_billed_hours": "0.5",
            "support_billing.rounding_step": "0",
            "support_billing.change_request_hours": "8",
            "support_billing.discount_mode": "whole",
            "support_billing.auto_post": "",
        }.items():
            cls.ICP.set_param(key, value)
        Band = cls.env["support.discount.band"]
        Band.search([]).write({"active": False})
        for lo, hi, pct in ((0, 10, 4), (10, 20, 6), (20, 50, 9), (50, 100, 11)):
            Band.create({"hours_from": lo, "hours_to": hi, "discount": pct})
        cls.env["support.billability.rule"].search([]).write({"active": False})
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Business days", "tz": "Europe/Paris"}
        )
        Plan = cls.env["support.plan"]
        cls.plan = Plan.create(
            {
                "name": "Billing Light",
                "monthly_fee": 250,
                "hourly_rate": 100,
                "resource_calendar_id": cls.calendar.id,
                "allow_reserved_hours": True,
                "allow_addons": True,
            }
        )
        cls.plan_basic = Plan.create(
            {
                "name": "Billing Basic",
                "monthly_fee": 0,
                "hourly_rate": 100,
                "billing_mode": "on_demand",
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.addon = cls.env["support.addon"].create(
            {"name": "Billing Extended", "monthly_fee": 1000}
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Billing Customer", "is_company": True})
        cls.contact = Partner.create(
            {
                "name": "Carla Customer",
                "parent_id": cls.customer.id,
                "email": "c@c.test",
            }
        )
        cls.agent = mail_new_test_user(
            cls.env,
            login="billing_agent",
            groups="support_contract.group_support_agent",
            name="Billing Agent",
        )
        cls.manager = mail_new_test_user(
            cls.env,
            login="billing_manager",
            groups="support_contract.group_support_manager",
            name="Billing Manager",
        )
        for user in (cls.agent, cls.manager, cls.env.user):
            if not user.employee_ids.filtered(
                lambda e, c=cls.company: e.company_id == c
            ):
                cls.env["hr.employee"].create(
                    {
                        "name": user.name,
                        "user_id": user.id,
                        "company_id": cls.company.id,
                    }
                )
        cls.contract = cls._make_contract(cls.customer, cls.plan, D(2026, 1, 1))
        cls.type_support = cls.env["support.ticket.type"].search(
            [("code", "=", "support")], limit=1
        )

    @classmethod
    def _make_contract(cls, partner, plan, date_start, **vals):
        contract = cls.env["support.contract"].create(
            {
                "partner_id": partner.id,
                "plan_id": plan.id,
                "date_start": date_start,
                **vals,
            }
        )
        contract.action_activate()
        return contract

    _ticket_seq = 0

    def _ticket(self, contract=None, **vals):
        contract = contract or self.contract
        contact = self.contact if contract.partner_id == self.customer else False
        SupportBillingCommon._ticket_seq += 1
        return self.env["support.ticket"].create(
            {
                "name": vals.pop("name", "Printer does not print"),
                # an explicit number: two tickets created in one transaction
                # must not both wait for their number with the same "/"
                "number": f"BILL-{SupportBillingCommon._ticket_seq:05d}",
                "partner_id": (contact or contract.partner_id).id,
                "contract_id": contract.id,
                **vals,
            }
        )

    def _log(self, ticket, hours, user=None, date=None):
        return (
            self.env["account.analytic.line"]
            .with_user(user or self.agent)
            .create(
                {
                    "support_ticket_id": ticket.id,
                    "name": "work",
                    "unit_amount": hours,
                    "date": date or D(2026, 3, 10),
                }
            )
        )

    def _credit(self, hours, date, contract=None, source="pack"):
        return self.env["support.hours.ledger"].create(
            {
                "contract_id": (contract or self.contract).id,
                "entry_type": "credit",
                "source": source,
                "hours": hours,
                "date": date,
                "name": f"Credit {hours:g} h",
            }
        )

    def _debit(self, hours, date, contract=None):
        return self.env["support.hours.ledger"].create(
            {
                "contract_id": (contract or self.contract).id,
                "entry_type": "debit",
                "source": "manual",
                "hours": hours,
                "date": date,
                "name": f"Debit {hours:g} h",
            }
        )
