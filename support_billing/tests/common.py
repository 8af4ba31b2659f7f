import datetime

from freezegun import freeze_time

from odoo import Command

from odoo.addons.support_contract.tests.common import SupportContractCommon

from ..models.res_company import SERVICE_PRODUCTS

D = datetime.date
MARCH = D(2026, 3, 1)


class SupportBillingCommon(SupportContractCommon):
    """The plans, customers and users of SupportContractCommon, plus a
    Light-like plan (250/month, 100/h, reserving allowed), one active customer
    contract, employees for the agent and the manager, and the billing
    settings; all built by the tests (never from demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )
        cls.vat_20 = cls._sale_tax(cls.company, 20)
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
        # the customer, its contact, the users, the calendar and the Basic
        # plan come from SupportContractCommon; billing adds a Light-like plan
        # without sizing ranges, at 100/h
        cls.plan = cls.env["support.plan"].create(
            {
                "name": "Billing Light",
                "monthly_fee": 250,
                "hourly_rate": 100,
                "resource_calendar_id": cls.calendar.id,
                "allow_reserved_hours": True,
                "allow_addons": True,
            }
        )
        cls.addon = cls.addon_extended
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
        # the contracts' tickets go to their team (the company's first one by
        # default): the desk of the agent and the manager
        cls.desk = cls.env["support.team"].create(
            {
                "name": "Billing Desk (test)",
                "sequence": 0,
                "company_id": cls.company.id,
                "member_ids": [Command.set((cls.agent | cls.manager).ids)],
            }
        )
        cls.contract = cls._make_contract(cls.customer, cls.plan, D(2026, 1, 1))
        cls.type_support = cls.env["support.ticket.type"].search(
            [("code", "=", "support")], limit=1
        )

    SERVICE_PRODUCTS = SERVICE_PRODUCTS

    @classmethod
    def _sale_tax(cls, company, percent):
        """A sale tax of ``percent`` % of ``company``, on the six service
        products of the invoices (beside the taxes of other companies), as the
        company's default sale tax puts it there."""
        tax = cls.env["account.tax"].create(
            {
                "name": f"Test VAT {percent}%",
                "amount": percent,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": company.id,
            }
        )
        for xmlid in cls.SERVICE_PRODUCTS:
            product = cls.env.ref(xmlid)
            others = product.taxes_id.filtered(lambda t, c=company: t.company_id != c)
            product.taxes_id = others | tax
        return tax

    @classmethod
    def _make_contract(cls, partner, plan, date_start, **vals):
        """An active contract; unlike ``_contract`` it has no sizing unless
        ``vals`` gives one."""
        contract = cls._contract(
            partner_id=partner.id,
            plan_id=plan.id,
            date_start=date_start,
            **{"user_count": 0, "code_lines": 0, **vals},
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


class SupportInvoicingCommon(SupportBillingCommon):
    """A second customer whose contract reserves 15 hours a month and takes an
    add-on from mid-March, with helpers to resolve tickets and run billing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer2 = cls.env["res.partner"].create(
            {"name": "Second Customer", "is_company": True}
        )
        cls.contact2 = cls.env["res.partner"].create(
            {"name": "Sam Second", "parent_id": cls.customer2.id}
        )
        cls.reserved_contract = cls._make_contract(
            cls.customer2, cls.plan, D(2026, 1, 1), reserved_hours=15
        )
        cls.env["support.contract.addon.line"].create(
            {
                "contract_id": cls.reserved_contract.id,
                "addon_id": cls.addon.id,
                "date_start": D(2026, 3, 16),
                "monthly_fee": 1000,
            }
        )

    def _resolve(self, contract, hours, day, **vals):
        ticket = self._ticket(contract=contract, **vals)
        self._log(ticket, hours, date=day)
        with freeze_time(f"{day} 11:00:00"):
            ticket.action_resolve()
        return ticket

    def _march_tickets(self):
        return (
            self._resolve(self.reserved_contract, 10 / 60, D(2026, 3, 5), name="A")
            | self._resolve(self.reserved_contract, 7, D(2026, 3, 9), name="B")
            | self._resolve(self.reserved_contract, 7.75, D(2026, 3, 20), name="C")
        )

    def _run(self, contracts, month=MARCH):
        with freeze_time("2026-04-02 06:00:00"):
            return self.env["support.billing.run"]._run(month, contracts)

    def _periods(self, contract):
        return self.env["support.billing.period"].search(
            [("contract_id", "=", contract.id)]
        )


class SupportSekInvoicingCommon(SupportInvoicingCommon):
    """The second provider of SupportContractCommon as a Swedish one: SEK, a
    chart of accounts (the generic one: the tests depend on no localisation)
    and a 25 % sale tax."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_b
        company.country_id = cls.env.ref("base.se")
        if not cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        cls.sek = cls.env.ref("base.SEK")
        cls.sek.active = True
        company.currency_id = cls.sek
        cls.vat_25 = cls._sale_tax(company, 25)
        cls.contract_b.action_activate()
