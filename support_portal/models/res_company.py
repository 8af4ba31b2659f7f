from odoo import fields, models

from ..tools.ticket_form import DEFAULT_ALLOWED_EXTENSIONS, parse_extensions


class ResCompany(models.Model):
    _inherit = "res.company"

    support_portal_open_to_all = fields.Boolean(
        string="All Contacts Open Tickets",
        help="C6: by default only the key users of a contract may open tickets in "
        "the portal; when set, every portal contact of the customer may.",
    )
    support_portal_reopen_days = fields.Integer(
        string="Reopen Period (Days)",
        default=7,
        help="How many days after its resolution a customer may reopen a ticket "
        "from the portal (0: never).",
    )
    support_portal_max_upload_mb = fields.Integer(
        string="Portal Attachment Size Limit (MB)",
        default=10,
        help="Largest file a customer may attach in the portal.",
    )
    support_portal_max_files = fields.Integer(
        string="Portal Attachments per Message",
        default=5,
    )
    support_portal_allowed_extensions = fields.Char(
        string="Portal Attachment Types",
        default=DEFAULT_ALLOWED_EXTENSIONS,
        help="Comma-separated file extensions customers may attach. Executable "
        "and active content (html, svg, js, exe, ...) is always refused.",
    )

    def _support_portal_upload_limits(self):
        """``(allowed extensions, max bytes, max files)`` of this company."""
        self.ensure_one()
        return (
            parse_extensions(self.support_portal_allowed_extensions),
            max(self.support_portal_max_upload_mb, 1) * 1024 * 1024,
            max(self.support_portal_max_files, 1),
        )
