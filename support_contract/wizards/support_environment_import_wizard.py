import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..access import check_support_group
from ..tools import environment as env_tools

MAX_BYTES = 2 * 1024 * 1024


class SupportEnvironmentImportWizard(models.TransientModel):
    """Import an environment's modules from a CSV file
    (``module,origin,version,lines``): every row is checked first, each bad
    row reported with its line number, and nothing is written unless the
    whole file is right. A module already listed is updated."""

    _name = "support.environment.import.wizard"
    _description = "Import Environment Modules"

    environment_id = fields.Many2one(
        "support.environment", required=True, ondelete="cascade"
    )
    contract_id = fields.Many2one(
        "support.contract",
        help="When set, the environment must belong to this contract.",
    )
    file = fields.Binary(string="CSV file", required=True)
    filename = fields.Char()

    def _read_text(self):
        try:
            raw = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise UserError(self.env._("The file could not be read.")) from exc
        if len(raw) > MAX_BYTES:
            raise UserError(self.env._("The file is too large (2 MB at most)."))
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(self.env._("The file is not UTF-8 text.")) from exc

    def _check_environment(self):
        environment = self.environment_id
        if self.contract_id and environment.contract_id != self.contract_id:
            raise UserError(
                self.env._(
                    "Environment %(env)s belongs to another contract than "
                    "%(contract)s: nothing was imported.",
                    env=environment.display_name,
                    contract=self.contract_id.display_name,
                )
            )
        try:
            environment.check_access("write")
        except AccessError as exc:
            raise UserError(
                self.env._(
                    "You may not change the modules of this environment: "
                    "nothing was imported."
                )
            ) from exc

    def action_import(self):
        check_support_group(self, "manager")
        self.ensure_one()
        self._check_environment()
        rows, errors = env_tools.parse_module_csv(self._read_text())
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported; correct the file:\n%(errors)s",
                    errors="\n".join(env_tools.error_lines(self.env._, errors)),
                )
            )
        self._write_rows(rows)
        return {"type": "ir.actions.act_window_close"}

    def _write_rows(self, rows):
        environment = self.environment_id
        existing = {module.name: module for module in environment.module_ids}
        to_create, to_update = env_tools.split_new_and_existing(rows, existing)
        for row in to_update:
            existing[row["name"]].write(self._module_values(row))
        self.env["support.environment.module"].create(
            [
                dict(self._module_values(row), environment_id=environment.id)
                for row in to_create
            ]
        )

    @api.model
    def _module_values(self, row):
        return {
            "name": row["name"],
            "origin": row["origin"],
            "version": row["version"],
            "lines_of_code": row["lines"],
        }
