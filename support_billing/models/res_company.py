from odoo import api, models

#: the demo's providers and the chart of accounts of their country (issue 12)
DEMO_LOCALISATIONS = (
    ("base.main_company", "fr", "base.fr"),
    ("support_contract.company_stockholm_demo", "se", "base.se"),
)

SERVICE_PRODUCTS = (
    "support_billing.product_support_plan",
    "support_billing.product_support_addon",
    "support_billing.product_support_reserved",
    "support_billing.product_support_overage",
    "support_billing.product_support_pack",
    "support_billing.product_support_project",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _support_demo_localise(self):
        """Demo data only: the Paris provider on the French chart of accounts
        (EUR, 20 % VAT), the Stockholm provider on the Swedish one (SEK, 25 %
        VAT), when their localisations are installed, instead of the generic
        chart `account` gives companies without a country. The service
        products of the invoices carry each company's default sale tax.

        Runs before any demo invoice of the suite: loading a chart replaces
        the generic one and its demo entries."""
        templates = self.env["account.chart.template"]._get_chart_template_mapping()
        installed = set(
            self.env["ir.module.module"]
            .search([("state", "in", ("installed", "to upgrade"))])
            .mapped("name")
        )
        products = self.env["product.template"].browse(
            [self.env.ref(xmlid).product_tmpl_id.id for xmlid in SERVICE_PRODUCTS]
        )
        for company_xmlid, code, country in DEMO_LOCALISATIONS:
            company = self.env.ref(company_xmlid, raise_if_not_found=False)
            template = templates.get(code)
            if not company or not template or template["module"] not in installed:
                continue
            if company.chart_template != code:
                company.country_id = self.env.ref(country)
                self.env["account.chart.template"].try_loading(
                    code, company, install_demo=True
                )
            products._force_default_sale_tax(company)
