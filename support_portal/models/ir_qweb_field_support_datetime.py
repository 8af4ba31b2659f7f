from odoo import api, fields, models
from odoo.tools.misc import get_lang


class IrQwebFieldSupportDatetime(models.AbstractModel):
    """``support_datetime`` converter: a date and time in the reader's
    language and time zone, the zone named ("12/02/2026 14:05 CET")."""

    _name = "ir.qweb.field.support_datetime"
    _description = "QWeb field: support date and time"
    _inherit = ["ir.qweb.field.datetime"]

    @api.model
    def user_lang(self):
        """The reader's language from the registry's cache (``res.lang``'s
        ``_get_data``): a page shows many dates, none of them reads the
        language's record."""
        return get_lang(self.env)

    @api.model
    def value_to_html(self, value, options):
        text = super().value_to_html(value, dict(options, hide_seconds=True))
        if not text:
            return text
        if isinstance(value, str):
            value = fields.Datetime.from_string(value)
        env = (
            self.with_context(tz=options["tz_name"]) if options.get("tz_name") else self
        )
        zone = fields.Datetime.context_timestamp(env, value).strftime("%Z")
        return f"{text} {zone}"
