"""Statement rules and amounts of databases installed before 19.0.1.1.0.

- The statement rules now check the customer as well as the key users. Their
  file is ``noupdate``: an update keeps the old domains, so it is loaded again
  here as on a first install.
- Statements now show the invoiced amount untaxed and its tax: existing
  statements get them from the same invoices as their total.
- The ticket confirmation email now quotes the request and writes the number
  once: a template still as shipped (no request text, no signature) gets the
  new default; an edited one is kept."""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_contract.migration import reload_noupdate


def _refresh_confirmation(env):
    template = env.ref(
        "support_portal.mail_template_ticket_confirmation", raise_if_not_found=False
    )
    body = str(template.body_html or "") if template else ""
    shipped = "Reply to this email or in the portal to add information." in body
    if shipped and "object.description" not in body and "-- <br" not in body:
        reload_noupdate(env, "support_portal", "data/mail_template_data.xml")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    reload_noupdate(env, "support_portal", "security/support_portal_rules.xml")
    _refresh_confirmation(env)
    Statement = env["support.service.statement"].with_context(active_test=False)
    for statement in Statement.search([]):
        vals = {}
        Statement._collect_invoices(
            statement.contract_id, statement.date_start, statement.date_end, vals, []
        )
        statement.write(
            {
                "amount_invoiced_untaxed": vals["amount_invoiced_untaxed"],
                "amount_invoiced_tax": vals["amount_invoiced_tax"],
            }
        )
