"""The nine roles of the access tests and one concrete record of each model.

Built on the demo data (the suite is installed with it): the customer is
Maison Lumière, whose key user is the demo ``keyuser``; its ticket
"Duplicate invoice numbers" belongs to the Helios Desk team, has SLA clocks
and a ledger line. What the demo lacks (a non-key contact, an agent of
another team, a user of the other company, a pause, a statement line naming
the ticket, a reservation change) is built here.
"""

from odoo.fields import Command
from odoo.tests import new_test_user

SUITE_ADDONS = frozenset(
    {
        "support_contract",
        "support_ticket",
        "support_sla",
        "support_billing",
        "support_portal",
    }
)

# the roles, in the order of the matrix's columns
ROLES = (
    "public",
    "key_user",
    "contact",
    "stranger",
    "agent",
    "agent_other",
    "manager",
    "admin",
    "other_company",
)
OPERATIONS = ("read", "write", "create", "unlink")


def suite_models(env):
    """Every non-abstract model defined by one of the five addons."""
    return sorted(
        name
        for name, model in env.registry.items()
        if model._original_module in SUITE_ADDONS and not model._abstract
    )


class AccessRolesMixin:
    """``cls.users[role]`` and ``cls.records[model]`` for a test class."""

    @classmethod
    def _setup_access_roles(cls):
        env = cls.env
        ref = env.ref
        cls.customer = ref("support_contract.contract_maison_lumiere").partner_id
        cls.users = {
            "public": ref("base.public_user"),
            "key_user": ref("support_contract.user_keyuser_demo"),
            "contact": cls._access_portal_user("access_contact", cls.customer),
            "stranger": cls._access_portal_user(
                "access_stranger",
                ref(
                    "support_ticket.monitoring_token_atelier_verne"
                ).contract_id.partner_id,
            ),
            "agent": ref("support_contract.user_agent_demo"),
            "agent_other": cls._access_internal_user(
                "access_agent_other", "support_contract.group_support_agent"
            ),
            "manager": ref("support_contract.user_manager_demo"),
            "admin": ref("base.user_admin"),
            "other_company": cls._access_internal_user(
                "access_other_company",
                "support_contract.group_support_manager",
                company=ref("support_contract.company_stockholm_demo"),
            ),
        }
        ref("support_ticket.team_paris_known_demo").member_ids = [
            Command.link(cls.users["agent_other"].id)
        ]
        cls.records = cls._access_records()

    @classmethod
    def _access_portal_user(cls, login, customer):
        """A portal user, contact of ``customer``."""
        partner = cls.env["res.partner"].create(
            {
                "name": f"{login} (test)",
                "email": f"{login}@example.org",
                "parent_id": customer.id,
            }
        )
        return cls.env["res.users"].create(
            {
                "login": login,
                "password": login,
                "partner_id": partner.id,
                "group_ids": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )

    @classmethod
    def _access_internal_user(cls, login, group, company=None):
        """An internal user of ``group``, allowed in ``company`` only when
        given."""
        values = {}
        if company:
            values = {
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
        return new_test_user(
            cls.env, login=login, password=login, groups=group, **values
        )

    @classmethod
    def _access_records(cls):
        """One record per model: the customer's, on the Helios Desk team's
        ticket where the model names a ticket; transient models are checked
        on their access rights only (an empty recordset)."""
        env = cls.env
        ref = env.ref
        contract = ref("support_contract.contract_maison_lumiere")
        ticket = ref("support_billing.ticket_lumiere_duplicate_numbers_demo")
        ticket.write(
            {
                "team_id": ref("support_ticket.team_paris_demo").id,
                "user_id": cls.users["agent"].id,
            }
        )
        cls.ticket = ticket
        sla = ticket.sla_line_ids[:1]
        statement = env["support.service.statement"].search(
            [("contract_id", "=", contract.id)], limit=1
        )
        records = {
            "support.addon": ref("support_contract.addon_extended"),
            # published for all customers of the Paris provider
            "support.article": ref("support_ticket.article_archive_pricelists_demo"),
            "support.article.log": ref(
                "support_ticket.article_log_lumiere_deflection_demo"
            ),
            "support.billability.rule": ref("support_billing.rule_billable"),
            "support.billing.period": env["support.billing.period"].search(
                [("contract_id", "=", contract.id)], limit=1
            ),
            "support.billing.run": env["support.billing.run"].search(
                [("company_id", "=", contract.company_id.id)], limit=1
            ),
            "support.contract": contract,
            "support.contract.addon.line": contract.addon_line_ids[:1],
            "support.discount.band": ref("support_billing.band_0_10"),
            "support.environment": ref(
                "support_contract.environment_lumiere_prod_demo"
            ),
            "support.environment.module": ref(
                "support_contract.environment_lumiere_prod_demo"
            ).module_ids[:1],
            "support.hours.ledger": ticket.ledger_entry_ids[:1],
            "support.hours.pack": ref("support_billing.pack_25"),
            "support.monitoring.token": ref(
                "support_ticket.monitoring_token_atelier_verne"
            ),
            "support.plan": contract.plan_id,
            "support.priority.matrix": ref(
                "support_ticket.priority_matrix_system_high"
            ),
            "support.scope.coverage": contract.plan_id.coverage_ids[:1],
            "support.scope.item": ref("support_contract.scope_standard_question"),
            "support.service.statement": statement,
            "support.sla.objective.report": env["support.sla.objective.report"].search(
                [("contract_id", "=", contract.id)], limit=1
            ),
            "support.sla.policy": ref("support_sla.sla_policy_heavy_high_demo"),
            "support.team": ref("support_ticket.team_paris_demo"),
            "support.ticket": ticket,
            "support.ticket.sla": sla,
            "support.ticket.stage": ref("support_ticket.stage_new"),
            "support.ticket.tag": ref("support_ticket.tag_accounting_demo"),
            "support.ticket.type": env["support.ticket.type"].search([], limit=1),
        }
        records.update(cls._access_created_records(contract, statement, ticket, sla))
        for name in suite_models(env):
            if env[name]._transient:
                records[name] = env[name].browse()
        return records

    @classmethod
    def _access_created_records(cls, contract, statement, ticket, sla):
        """The records of the models without demo data, created for the
        check: a reservation change, a statement line, an SLA pause, an
        upstream report, a patch run."""
        env = cls.env
        return {
            "support.reservation.change": env["support.reservation.change"].create(
                {
                    "contract_id": contract.id,
                    "date_effective": "2030-01-01",
                    "hours": 10,
                }
            ),
            "support.service.statement.line": env[
                "support.service.statement.line"
            ].create(
                {
                    "statement_id": statement.id,
                    "section": "breach",
                    "ticket_id": ticket.id,
                    "ticket_number": ticket.number,
                    "ticket_name": ticket.name,
                }
            ),
            "support.ticket.sla.pause": env["support.ticket.sla.pause"].create(
                {"sla_id": sla.id, "date_start": "2026-03-02 10:00:00"}
            ),
            "support.upstream.report": env["support.upstream.report"].create(
                {"ticket_id": ticket.id, "reference": "OPW-1 (test)"}
            ),
            "support.patch.run": cls._access_patch_run(contract),
        }

    @classmethod
    def _access_patch_run(cls, contract):
        """A patch run of the customer's environment, its plan made a patch
        agreement for the check."""
        env = cls.env
        contract.plan_id.patching = True
        environment = env["support.environment"].search(
            [("contract_id", "=", contract.id)], limit=1
        ) or env["support.environment"].create(
            {"name": "Access check", "contract_id": contract.id, "odoo_version": "18.0"}
        )
        return env["support.patch.run"].create(
            {"environment_id": environment.id, "date": "2030-01-01 19:00:00"}
        )
