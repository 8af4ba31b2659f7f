import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..access import check_support_group

KINDS = [
    ("production", "Production"),
    ("staging", "Staging"),
    ("test", "Test"),
    ("development", "Development"),
]
EDITIONS = [("community", "Community"), ("enterprise", "Enterprise")]
HOSTINGS = [
    ("provider", "Provider's servers"),
    ("customer", "Customer's own servers"),
    ("odoo_online", "Odoo Online"),
    ("odoo_sh", "Odoo.sh"),
]
_ODOO_VERSION = re.compile(r"^(saas~)?[0-9]{1,2}\.[0-9]{1,2}$")


class SupportEnvironment(models.Model):
    """One of the customer's Odoo databases that the contract covers: where it
    runs, which version and edition, and which modules it holds (S5, C2, C5)."""

    _name = "support.environment"
    _description = "Customer Environment"
    _order = "contract_id, sequence, id"
    _check_company_auto = True
    _rec_names_search = ["name", "database", "url"]

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    contract_id = fields.Many2one(
        "support.contract",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id",
        string="Customer",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    kind = fields.Selection(KINDS, required=True, default="production")
    odoo_version = fields.Char(
        string="Odoo version",
        required=True,
        help='The Odoo series the database runs, e.g. "17.0", "18.0", "19.0".',
    )
    edition = fields.Selection(EDITIONS, required=True, default="community")
    hosting = fields.Selection(HOSTINGS, required=True, default="provider")
    url = fields.Char(string="URL")
    database = fields.Char(string="Database name")
    module_ids = fields.One2many(
        "support.environment.module", "environment_id", string="Modules"
    )
    module_count = fields.Integer(
        compute="_compute_module_count", string="Number of Modules"
    )
    custom_code_lines = fields.Integer(
        string="Lines of custom code",
        compute="_compute_custom_code_lines",
        help="Lines of the modules written for the customer; the provider's "
        "localisation modules do not count.",
    )
    note = fields.Text(string="Notes")

    # C2: the contract's lines of custom code come from its production
    # environment, hence one active production environment per contract.
    _one_production_per_contract = models.UniqueIndex(
        "(contract_id) WHERE kind = 'production' AND active",
        "A contract has only one active production environment.",
    )

    @api.depends("module_ids")
    def _compute_module_count(self):
        for environment in self:
            environment.module_count = len(environment.module_ids)

    @api.depends("module_ids.origin", "module_ids.lines_of_code")
    def _compute_custom_code_lines(self):
        for environment in self:
            environment.custom_code_lines = environment.module_ids._custom_code_lines()

    @api.constrains("odoo_version")
    def _check_odoo_version(self):
        for environment in self:
            if not _ODOO_VERSION.match(environment.odoo_version or ""):
                raise ValidationError(
                    self.env._(
                        'Environment %(env)s: "%(version)s" is not an Odoo version '
                        '(write it like "18.0").',
                        env=environment.display_name,
                        version=environment.odoo_version,
                    )
                )

    @api.depends("name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for environment in self:
            environment.display_name = (
                f"{environment.name} ({kinds.get(environment.kind, '')})"
                if environment.name
                else ""
            )

    def action_import_modules(self):
        """Open the CSV import of the environment's modules."""
        check_support_group(self, "manager")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import modules"),
            "res_model": "support.environment.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_environment_id": self.id},
        }
