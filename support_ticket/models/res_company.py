from odoo import fields, models

from ..tools import uploads


class ResCompany(models.Model):
    _inherit = "res.company"

    support_agents_see_all = fields.Boolean(
        string="Agents See All Tickets",
        help="When set, support agents see every ticket of the company, not "
        "only those of their teams.",
    )

    def _support_upload_limits(self):
        """``(allowed extensions, max bytes, max files)`` of the files a
        customer attaches to a ticket of this company, whatever the door
        (support_portal makes them settings)."""
        self.ensure_one()
        return (
            uploads.parse_extensions(uploads.DEFAULT_ALLOWED_EXTENSIONS),
            uploads.DEFAULT_MAX_BYTES,
            uploads.DEFAULT_MAX_FILES,
        )
