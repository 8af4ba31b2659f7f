"""Statement rules and amounts of databases installed before 19.0.1.1.0.

- The statement rules now check the customer as well as the key users. Their
  file is ``noupdate``: an update keeps the old domains, so it is loaded again
  here as on a first install.
- Statements now show the invoiced amount untaxed and its tax: existing
  statements get them from the same invoices as their total."""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_contract.migration import reload_noupdate


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    reload_noupdate(env, "support_portal", "security/support_portal_rules.xml")
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
