"""The soak's customers, run inside Odoo before the server starts (see
``soak.py``): ``python3 _soak_setup.py CONFIG DATABASE USERS SENDERS``.

On the soak's own database (a copy, never the one it was given): ``USERS``
customer companies of the demo's first provider, each with an active contract
on the demo plan with proactive monitoring, started on the first day of last
month (so the monthly invoicing has that month to invoice), and a key user
with a portal login ``soak_portal_<i>`` (password = login); the first
``SENDERS`` contracts get a monitoring token ``soak-token-<i>`` with a rate
limit the soak stays under. The mail queue job is switched off (no mail
server: the queued emails stay queued) and the monthly statements wait until
tomorrow. Prints the ids the soak needs as one JSON line.
"""

import datetime
import json
import sys

from odoo import fields
from odoo.api import SUPERUSER_ID, Environment
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

PORTAL_LOGIN = "soak_portal_{}"
TOKEN = "soak-token-{}"


def monitoring_plan(env):
    """The demo's plan with monitoring (Atelier Verne's)."""
    contract = env.ref("support_contract.contract_atelier_verne")
    assert contract.plan_id.has_monitoring, "the demo plan has no monitoring"
    return contract.plan_id, contract.company_id


def create_customers(env, users, senders):
    plan, company = monitoring_plan(env)
    today = datetime.date.today()
    # started at the beginning of last month: the invoicing has that month to do
    start = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    env = env(context={**env.context, "allowed_company_ids": company.ids})
    customers = env["res.partner"].create(
        [
            {"name": f"Soak Customer {i}", "is_company": True, "company_id": False}
            for i in range(users)
        ]
    )
    contacts = env["res.partner"].create(
        [
            {
                "name": f"Soak Key User {i}",
                "parent_id": customer.id,
                "email": f"soak.{i}@customer{i}.example.com",
            }
            for i, customer in enumerate(customers)
        ]
    )
    env["res.users"].with_context(no_reset_password=True).create(
        [
            {
                "partner_id": contact.id,
                "login": PORTAL_LOGIN.format(i),
                "password": PORTAL_LOGIN.format(i),
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set([env.ref("base.group_portal").id])],
            }
            for i, contact in enumerate(contacts)
        ]
    )
    contracts = env["support.contract"].create(
        [
            {
                "partner_id": customer.id,
                "plan_id": plan.id,
                "company_id": company.id,
                "date_start": start,
                "key_user_ids": [Command.set(contact.ids)],
            }
            for customer, contact in zip(customers, contacts, strict=True)
        ]
    )
    contracts.filtered("range_issue").write(
        {"range_override": True, "range_override_reason": "soak customer"}
    )
    contracts.action_activate()
    Token = env["support.monitoring.token"]
    from odoo.addons.support_ticket.models.support_monitoring_token import (
        hash_token,
    )

    tokens = {}
    for i, contract in enumerate(contracts[:senders]):
        plain = TOKEN.format(i)
        Token.create(
            {
                "contract_id": contract.id,
                "token_hash": hash_token(plain),
                "token_hint": plain[:10],
                "rate_limit": 1_000_000,
            }
        )
        tokens[contract.id] = plain
    return contracts, tokens, start


def main(config_file, dbname, users, senders):
    config.parse_config(["-c", config_file], setup_logging=False)
    with Registry(dbname).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        contracts, tokens, start = create_customers(env, users, senders)
        mail_queue = env.ref("mail.ir_cron_mail_scheduler_action", False)
        if mail_queue:
            mail_queue.active = False
        # the monthly statements (a PDF per contract) would hold the only cron
        # worker for minutes on the copy's first day: not what the soak measures
        statements = env.ref("support_portal.ir_cron_service_statements")
        statements.nextcall = fields.Datetime.now() + datetime.timedelta(days=1)
        watcher = env.ref("support_sla.ir_cron_sla_watcher")
        invoicing = env.ref("support_billing.ir_cron_support_monthly_invoicing")
        (watcher | invoicing).write({"active": True})
        print(
            json.dumps(
                {
                    "contracts": contracts.ids,
                    "logins": [PORTAL_LOGIN.format(i) for i in range(users)],
                    "tokens": {str(k): v for k, v in tokens.items()},
                    "month": str(start),
                    "watcher_cron": watcher.id,
                    "invoicing_cron": invoicing.id,
                }
            )
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
