"""Odoo's own upload route follows the ticket's rules (P3): a customer's file
for a ticket is checked against the portal's limits (type, content, size)
before it is read whole; the count is checked when the message is posted."""

import os

from odoo import http
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.mail.controllers.attachment import AttachmentController

from ..tools import uploads


class SupportAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(
        self, ufile, thread_id, thread_model, is_pending=False, **kwargs
    ):
        if thread_model == "support.ticket" and not request.env.user._is_internal():
            thread = self._get_thread_with_access_for_post(
                thread_model, thread_id, **kwargs
            )
            if thread:
                refusal = self._support_upload_refusal(ufile, thread.sudo().company_id)
                if refusal:
                    return refusal
        return super().mail_attachment_upload(
            ufile, thread_id, thread_model, is_pending=is_pending, **kwargs
        )

    def _support_upload_refusal(self, ufile, company):
        """The JSON refusal of a customer's file (413 when too large, as
        Odoo's upload service expects), or ``None``; reads only the start of
        the file."""
        allowed, max_bytes, _count = company.sudo()._support_upload_limits()
        Attachment = request.env["ir.attachment"]
        if uploads.request_too_large(request.httprequest.content_length, max_bytes):
            size = request.httprequest.content_length
        else:
            stream = ufile.stream
            stream.seek(0, os.SEEK_END)
            size = stream.tell()
            stream.seek(0)
        head = b""
        if size <= max_bytes:
            head = ufile.stream.read(uploads.SNIFF_BYTES)
            ufile.stream.seek(0)
        error = uploads.check_file(
            ufile.filename, size, allowed, max_bytes, head and guess_mimetype(head)
        )
        if not error:
            return None
        message = Attachment._support_upload_error_message(*error)
        status = 413 if error[0] == "file_size" else 200
        return request.make_json_response({"error": message}, status=status)
