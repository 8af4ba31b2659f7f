from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

from ..tools import uploads


class IrAttachment(models.Model):
    """Files a customer (portal or public user) attaches to a ticket obey the
    type, size and count limits of the portal's forms, whichever door they
    come through: the portal, Odoo's mail routes or RPC (P3)."""

    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.user._is_internal():
            for vals in vals_list:
                if vals.get("res_model") == "support.ticket":
                    self._support_check_customer_file(vals)
        return super().create(vals_list)

    @api.model
    def _support_check_customer_file(self, vals):
        """Refuse the values of a customer's new ticket attachment that break
        the limits of the ticket's company."""
        ticket = self.env["support.ticket"].sudo().browse(vals.get("res_id") or [])
        company = ticket.exists().company_id or self.env.company
        raw = vals.get("raw")
        if raw is not None:
            size = len(raw)
        else:
            size = uploads.base64_size(vals.get("datas"))
        mimetype = vals.get("mimetype")
        if not mimetype and isinstance(raw, bytes):
            mimetype = guess_mimetype(raw[: uploads.SNIFF_BYTES])
        self._support_raise_upload_errors(
            company, [(vals.get("name") or "", size, mimetype)], count=False
        )

    @api.model
    def _support_raise_upload_errors(self, company, files, count=True):
        """Raise the first error of ``files`` (``(name, size, mimetype)``)
        against the limits of ``company``; ``count``: check their number."""
        allowed, max_bytes, max_count = company.sudo()._support_upload_limits()
        errors = uploads.check_files(
            files, allowed, max_bytes, max_count if count else len(files)
        )
        if errors:
            raise UserError(self._support_upload_error_message(*errors[0]))

    @api.model
    def _support_upload_error_message(self, code, params):
        """The translated message of an error ``(code, params)`` of
        ``tools/uploads.py``."""
        _ = self.env._
        values = {"name": "", "allowed": "", "max_mb": "", "max": "", **params}
        messages = {
            "file_type": lambda: _(
                "%(name)s: this type of file cannot be attached to a ticket. "
                "Accepted types: %(allowed)s.",
                **values,
            ),
            "file_content": lambda: _(
                "%(name)s: a web page, script or program cannot be attached "
                "to a ticket.",
                **values,
            ),
            "file_size": lambda: _(
                "%(name)s is too large: files attached to a ticket may not "
                "exceed %(max_mb)s MB.",
                **values,
            ),
            "file_count": lambda: _(
                "At most %(max)s files may be attached to one message.", **values
            ),
            "file_empty": lambda: _(
                "%(name)s is empty: it cannot be attached.", **values
            ),
            "file_name": lambda: _("This file name cannot be attached to a ticket."),
        }
        return messages.get(code, messages["file_name"])()
