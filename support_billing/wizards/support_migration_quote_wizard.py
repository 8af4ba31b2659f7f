from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group

from ..models.res_config_settings import BillingParams
from ..tools.pricing import migration_quote


class SupportMigrationQuoteWizard(models.TransientModel):
    """C5: quote a migration from the contract's custom code and modules."""

    _name = "support.migration.quote.wizard"
    _description = "Migration Quote"

    contract_id = fields.Many2one("support.contract", required=True)
    environment_id = fields.Many2one(
        "support.environment",
        domain="[('contract_id', '=', contract_id)]",
        help="The environment to migrate: its custom code and its community "
        "modules make the quote.",
    )
    current_version = fields.Char(related="environment_id.odoo_version")
    target_version = fields.Char(help="The Odoo version to migrate to, e.g. 19.0.")
    line_ids = fields.One2many(
        "support.migration.quote.line", "wizard_id", string="Community Modules"
    )
    max_module_hours = fields.Float(
        default=lambda self: BillingParams(self.env)._float("migration_module_hours")
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    code_lines = fields.Integer(string="Lines of Custom Code")
    module_count = fields.Integer(
        string="Community Modules to Replace",
        help="Modules missing from the new version; each is quoted at most "
        "the maximum hours per module of the settings.",
    )
    base_amount = fields.Monetary(string="Base Fee", compute="_compute_quote")
    code_amount = fields.Monetary(string="Custom Code Fee", compute="_compute_quote")
    module_amount = fields.Monetary(
        string="Module Replacement", compute="_compute_quote"
    )
    total_amount = fields.Monetary(string="Total", compute="_compute_quote")
    summary = fields.Text(compute="_compute_quote")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        environment = self.env["support.environment"].browse(
            values.get("environment_id")
        )
        if environment and not values.get("contract_id"):
            values["contract_id"] = environment.contract_id.id
        contract = self.env["support.contract"].browse(values.get("contract_id"))
        if contract and "code_lines" in fields_list and not values.get("code_lines"):
            values["code_lines"] = contract.code_lines
        if contract and not environment and "environment_id" in fields_list:
            values["environment_id"] = contract.production_environment_id.id
        return values

    @api.onchange("environment_id")
    def _onchange_environment_id(self):
        """C5: the environment's lines of custom code, and one line per
        community or third-party module (to mark those missing in the target
        version)."""
        environment = self.environment_id
        if not environment:
            return
        self.code_lines = environment.custom_code_lines
        community = environment.module_ids.filtered(
            lambda m: m.origin == "oca_third_party"
        )
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "module_id": module.id,
                    "name": module.name,
                    "hours": self.max_module_hours,
                }
            )
            for module in community
        ]

    def _missing_lines(self):
        return self.line_ids.filtered("missing")

    @api.onchange("line_ids")
    def _onchange_line_ids(self):
        if self.line_ids:
            self.module_count = len(self._missing_lines())

    def _quote(self):
        params = BillingParams(self.env)
        try:
            return migration_quote(
                self.code_lines,
                replaced_modules=self.module_count,
                module_hours=self._missing_lines().mapped("hours")
                if self.line_ids
                else None,
                hourly_rate=self.contract_id._get_hourly_rate()
                if self.contract_id
                else 0.0,
                base_fee=params._float("migration_base_fee"),
                block_fee=params._float("migration_block_fee"),
                block_lines=int(params._float("migration_block_lines")),
                max_hours_per_module=params._float("migration_module_hours"),
            )
        except ValueError as exc:
            raise UserError(
                self.env._("The migration cannot be quoted: %(error)s", error=str(exc))
            ) from exc

    @api.depends(
        "code_lines",
        "module_count",
        "contract_id",
        "line_ids.missing",
        "line_ids.hours",
    )
    def _compute_quote(self):
        for wizard in self:
            if wizard.code_lines < 0 or wizard.module_count < 0:
                wizard.update(
                    base_amount=0, code_amount=0, module_amount=0, total_amount=0
                )
                wizard.summary = self.env._("Counts cannot be negative.")
                continue
            quote = wizard._quote()
            wizard.base_amount = quote["base"]
            wizard.code_amount = quote["code"]
            wizard.module_amount = quote["modules"]
            wizard.total_amount = quote["total"]
            wizard.summary = self.env._(
                "%(blocks)s started block(s) of code, %(modules)s module(s) at "
                "most %(hours)s h of labour in all.",
                blocks=quote["blocks"],
                modules=quote["module_count"],
                hours=f"{quote['module_hours']:g}",
            )

    def _quote_lines(self, quote):
        """The invoice lines of the quotation ``quote`` (see ``_quote``): the
        base fee, the started blocks of custom code, the replaced modules."""
        contract = self.contract_id
        product = BillingParams(self.env)._product(
            "product_quote_id", "support_billing.product_support_project"
        )
        lines = [
            {
                "product_id": product.id,
                "name": self.env._("Migration: base fee"),
                "quantity": 1,
                "price_unit": quote["base"],
            }
        ]
        if quote["blocks"]:
            lines.append(
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "Migration: %(lines)s lines of custom code "
                        "(%(blocks)s started blocks)",
                        lines=self.code_lines,
                        blocks=quote["blocks"],
                    ),
                    "quantity": quote["blocks"],
                    "price_unit": quote["code"] / quote["blocks"],
                }
            )
        if self.line_ids:
            lines += self._module_quote_lines(product)
        elif quote["module_count"]:
            lines.append(
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "Migration: replacing %(count)s community modules (at most "
                        "%(hours)s h each)",
                        count=quote["module_count"],
                        hours=f"{quote['module_hours'] / quote['module_count']:g}",
                    ),
                    "quantity": quote["module_hours"],
                    "price_unit": contract._get_hourly_rate(),
                }
            )
        return lines

    def _module_quote_lines(self, product):
        """One line per module missing in the target version, at its estimate
        capped at the hours per module; over the cap, the customer decides."""
        lines = []
        for line in self._missing_lines():
            name = self.env._(
                "Migration: replacing module %(module)s", module=line.name
            )
            if line.customer_decides:
                name = self.env._(
                    "%(line)s (over %(hours)s h: you decide on a functional "
                    "alternative)",
                    line=name,
                    hours=f"{self.max_module_hours:g}",
                )
            lines.append(
                {
                    "product_id": product.id,
                    "name": name,
                    "quantity": min(line.hours, self.max_module_hours),
                    "price_unit": self.contract_id._get_hourly_rate(),
                }
            )
        return lines

    def _quote_note(self):
        if not self.environment_id:
            return self.env._("Migration quotation: not billed until accepted.")
        return self.env._(
            "Migration of %(env)s from %(current)s to %(target)s: not billed "
            "until accepted.",
            env=self.environment_id.display_name,
            current=self.current_version,
            target=self.target_version or "?",
        )

    def action_create_quote(self):
        check_support_group(self, "manager")
        self.ensure_one()
        quote = self._quote()
        contract = self.contract_id
        lines = self._quote_lines(quote)
        document = self.env["sale.order"]._support_create_quotation(
            contract,
            lines,
            note=self._quote_note(),
        )
        contract.message_post(
            body=self.env._(
                "Migration quoted: %(doc)s, %(total)s.",
                doc=document.display_name,
                total=quote["total"],
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": document.id,
            "view_mode": "form",
        }
