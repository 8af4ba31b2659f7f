from odoo import api, models, tools


class SupportPortalFieldAccess(models.AbstractModel):
    """Fields a portal user may read, the way Odoo's ``project.task`` does it.

    JSON-RPC (``/web/dataset/call_kw``) serves every field of every record a
    user may read. Record rules decide *which* records a portal user reads;
    this mixin decides *which fields* of them: a model lists them in
    ``_portal_readable_fields()`` (each addon adds its own fields), any
    other field is refused to users outside the company (portal, public)
    through ``read``, ``search_read``, ``web_read``, domains and orders alike.
    A field added later stays hidden until it is declared. Portal users
    write nothing directly: our pages change data through checked ``sudo()``
    paths, so no field is writable unless ``_portal_writable_fields()``
    names it.
    """

    _name = "support.portal.field.access"
    _description = "Fields portal users may read"

    @api.model
    def _portal_readable_fields(self):
        """Names of the fields a portal user may read; extend with ``super()``."""
        return frozenset({"id", "display_name"})

    @api.model
    def _portal_writable_fields(self):
        """Names of the fields a portal user may write; none by default."""
        return frozenset()

    @api.model
    @tools.ormcache(cache="stable")
    def _portal_accessible_fields(self):
        writable = frozenset(self._portal_writable_fields())
        return frozenset(self._portal_readable_fields()) | writable, writable

    @api.model
    def _has_field_access(self, field, operation):
        if not super()._has_field_access(field, operation):
            return False
        if self.env.su or self.env.user._is_internal():
            return True
        readable, writable = self._portal_accessible_fields()
        if operation == "read":
            return field.name in readable
        return field.name in writable
