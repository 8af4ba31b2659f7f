from odoo import api, models


class SupportWriteGuardMixin(models.AbstractModel):
    """Refuses, whatever door a write comes through (RPC ``create``/``write``,
    a form, an import), the fields the caller may not write: the models that
    mix it in say which in ``_check_write_guard``. No context key opens it;
    trusted server code writes with ``sudo()``."""

    _name = "support.write.guard.mixin"
    _description = "Support Write Guard"

    def _check_write_guard(self, fnames):
        """Raise ``AccessError`` when the caller may not write ``fnames``."""

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # an empty value is the field's default: a client may send it
            self._check_write_guard({fname for fname, value in vals.items() if value})
        return super().create(vals_list)

    def write(self, vals):
        self._check_write_guard(set(vals))
        return super().write(vals)
