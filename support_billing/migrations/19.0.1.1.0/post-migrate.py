"""Billing data of databases installed before 19.0.1.1.0.

- The record rules file is ``noupdate`` now, as on a first install.
- The settings show the invoice products: those not chosen yet get the
  defaults a first install writes (the billing used them already).
- Billing periods record what credit notes gave back: a ``credited`` period
  (fully credited or cancelled, freed) gave back its invoice's total. Partial
  credits before this version freed the month too: those periods stay
  ``credited``, with their meaning.
- The billability rules explain themselves without rule codes (``noupdate``
  data): notes nobody edited get the new text."""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_billing.models.res_company import SERVICE_PRODUCTS
from odoo.addons.support_contract.migration import refresh_texts

NOTES = {
    "rule_provider_localisation": (
        (
            "S3, S5: we fix our own localisation modules in the next patch, "
            "free of charge."
        ),
        "We fix our own localisation modules in the next patch, free of charge.",
    ),
    "rule_out_of_scope": (
        "S4: a quote or a project plan is proposed instead of support.",
        "A quote or a project plan is proposed instead of support.",
    ),
    "rule_customer_custom": (
        "S5: work on the customer's own customisations is billed.",
        "Work on the customer's own customisations is billed.",
    ),
    "rule_free": (
        "S3: infrastructure, service delivery and licence questions.",
        "Infrastructure, service delivery and licence questions.",
    ),
    "rule_billable": ("S2: billed separately.", "Billed separately."),
    "rule_included": (
        "S1: covered by the contract, the time is drawn from the hours balance.",
        "Covered by the contract, the time is drawn from the hours balance.",
    ),
}
PRODUCT_PARAMS = ("plan", "addon", "reserved", "overage", "pack", "quote")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        """
        UPDATE ir_model_data SET noupdate = true
         WHERE module = 'support_billing' AND model = 'ir.rule' AND NOT noupdate
        """
    )
    params = env["ir.config_parameter"]
    for key, xmlid in zip(PRODUCT_PARAMS, SERVICE_PRODUCTS, strict=True):
        if not params.get_param(f"support_billing.product_{key}_id"):
            params.set_param(f"support_billing.product_{key}_id", env.ref(xmlid).id)
    cr.execute(
        """
        UPDATE support_billing_period p SET credited_amount = m.amount_total
          FROM account_move m
         WHERE p.move_id = m.id AND p.state = 'credited'
           AND p.credited_amount IS NULL
        """
    )
    refresh_texts(
        env,
        {f"support_billing.{xmlid}": {"note": texts} for xmlid, texts in NOTES.items()},
    )
