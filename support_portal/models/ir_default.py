import json

from odoo import api, models, tools


class IrDefault(models.Model):
    """Defaults read by superuser code, cached in the registry.

    Odoo's web routing reads the default language of contacts
    (``ir.default._get('res.partner', 'lang')``, two queries) on every
    request of a portal page. A default changes rarely: creating, writing or
    deleting one clears the registry's caches (``ir.default`` does it
    itself, for every worker), so the cached value is never stale.
    Non-superuser reads stay uncached: record rules may hide some defaults.
    """

    _inherit = "ir.default"

    @api.model
    def _get(
        self, model_name, field_name, user_id=False, company_id=False, condition=False
    ):
        if not self.env.su:
            return super()._get(model_name, field_name, user_id, company_id, condition)
        if user_id is True:
            user_id = self.env.uid
        if company_id is True:
            company_id = self.env.company.id
        value = self._support_cached_default(
            model_name, field_name, user_id, company_id, condition
        )
        return json.loads(value)

    @api.model
    @tools.ormcache("model_name", "field_name", "user_id", "company_id", "condition")
    def _support_cached_default(
        self, model_name, field_name, user_id, company_id, condition
    ):
        """The default as JSON (a string: the cache never hands out a value
        its caller could change)."""
        return json.dumps(
            super()._get(model_name, field_name, user_id, company_id, condition)
        )
