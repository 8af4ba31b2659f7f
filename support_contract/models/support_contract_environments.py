from odoo import api, fields, models

from ..access import check_support_group


class SupportContract(models.Model):
    """The customer's environments on the contract; its lines of custom code
    come from the production environment's modules (C2)."""

    _inherit = "support.contract"

    environment_ids = fields.One2many(
        "support.environment", "contract_id", string="Environments"
    )
    production_environment_id = fields.Many2one(
        "support.environment",
        string="Production environment",
        compute="_compute_production_environment_id",
        store=True,
        index="btree_not_null",
    )
    environment_count = fields.Integer(compute="_compute_environment_count")

    @api.depends("environment_ids.kind", "environment_ids.active")
    def _compute_production_environment_id(self):
        for contract in self:
            contract.production_environment_id = contract.environment_ids.filtered(
                lambda env: env.active and env.kind == "production"
            )[:1]

    def _compute_environment_count(self):
        for contract in self:
            contract.environment_count = len(contract.environment_ids)

    @api.depends(
        "production_environment_id.module_ids.origin",
        "production_environment_id.module_ids.lines_of_code",
    )
    def _compute_code_lines(self):
        """C2: the lines of custom code of the production environment's
        modules; a contract without a production environment keeps the
        number typed on it (the last computed one when its production
        environment is archived)."""
        for contract in self:
            production = contract.production_environment_id
            if production:
                contract.code_lines = production.module_ids._custom_code_lines()
            else:
                contract.code_lines = contract.code_lines or 0

    def action_view_environments(self):
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_contract.support_environment_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action
