from odoo import api, models


class SupportWorkerCacheMixin(models.AbstractModel):
    """Records that feed per-worker caches (``tools.ormcache``: default team,
    first stage, priority matrix, SLA policies): creating, editing or
    deleting them clears the caches through the registry, which signals the
    other workers (and servers) of the database to clear theirs."""

    _name = "support.worker.cache.mixin"
    _description = "Support Worker Cache"
    # fields whose edit changes the cached values (None: every field)
    _worker_cache_fields = None

    def _clear_worker_caches(self):
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._clear_worker_caches()
        return records

    def write(self, vals):
        res = super().write(vals)
        fields = self._worker_cache_fields
        if fields is None or set(fields) & set(vals):
            self._clear_worker_caches()
        return res

    def unlink(self):
        res = super().unlink()
        self._clear_worker_caches()
        return res
