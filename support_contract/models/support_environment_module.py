from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import environment as env_tools

ORIGINS = [
    ("odoo_community", "Odoo Community"),
    ("odoo_enterprise", "Odoo Enterprise"),
    ("oca_third_party", "OCA or third party"),
    ("provider_localisation", "Provider's localisation"),
    ("customer_custom", "Customer's custom code"),
]
assert tuple(key for key, _label in ORIGINS) == env_tools.ORIGINS


class SupportEnvironmentModule(models.Model):
    """A module installed in a customer environment, with its origin (who owns
    the code, S5) and its size (custom code counts for C2 and C5)."""

    _name = "support.environment.module"
    _description = "Environment Module"
    _order = "environment_id, name"

    environment_id = fields.Many2one(
        "support.environment", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(
        string="Technical name", required=True, help="e.g. sale_management"
    )
    origin = fields.Selection(ORIGINS, required=True, default="odoo_community")
    version = fields.Char()
    lines_of_code = fields.Integer(string="Lines of code")
    partner_id = fields.Many2one(
        related="environment_id.partner_id", string="Customer", store=True
    )
    company_id = fields.Many2one(related="environment_id.company_id", store=True)

    _name_per_environment = models.Constraint(
        "UNIQUE(environment_id, name)",
        "A module is listed once per environment.",
    )
    _lines_positive = models.Constraint(
        "CHECK(lines_of_code >= 0)", "Lines of code cannot be negative."
    )

    @api.constrains("name")
    def _check_name(self):
        for module in self:
            if not env_tools.is_technical_name(module.name):
                raise ValidationError(
                    self.env._(
                        '"%(name)s" is not a module technical name (lowercase '
                        "letters, digits and underscores).",
                        name=module.name,
                    )
                )

    def _custom_code_lines(self):
        """Lines of custom code of these modules (C2, C5)."""
        return env_tools.custom_code_lines(
            (module.origin, module.lines_of_code) for module in self
        )
