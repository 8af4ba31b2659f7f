from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.support_ticket.tools.uploads import (
    DEFAULT_ALLOWED_EXTENSIONS,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILES,
    parse_extensions,
)

# L3, seed 002: "more than 90 %" of the tickets are assigned the day they
# arrive (the shipped default until 19.0.1.1.0 was 50 %)
DEFAULT_GOAL_SAME_DAY = 90.0
PREVIOUS_GOAL_SAME_DAY = 50.0


class ResCompany(models.Model):
    _inherit = "res.company"

    support_portal_open_to_all = fields.Boolean(
        string="All Contacts Open Tickets",
        help="By default only the key users of a contract may open tickets in "
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
        default=DEFAULT_MAX_BYTES // (1024 * 1024),
        help="Largest file a customer may attach in the portal.",
    )
    support_portal_max_files = fields.Integer(
        string="Portal Attachments per Message",
        default=DEFAULT_MAX_FILES,
    )
    support_portal_allowed_extensions = fields.Char(
        string="Portal Attachment Types",
        default=DEFAULT_ALLOWED_EXTENSIONS,
        help="Comma-separated file extensions customers may attach. Executable "
        "and active content (html, svg, js, exe, ...) is always refused.",
    )
    support_emergency_phone = fields.Char(
        string="Emergency Line",
        help="The phone number customers call for a blocking emergency; the "
        "portal shows it on the support home and on critical tickets.",
    )

    # L3 "most tickets are assigned the same day": the goal is a setting,
    # copied into each statement when it is generated (the assignment and
    # resolution objectives are support_sla's system parameters).
    support_goal_same_day = fields.Float(
        string="Goal: Assigned Same Day (%)",
        default=DEFAULT_GOAL_SAME_DAY,
        help="The goal: most tickets are assigned the day they arrive.",
    )
    support_hours_warning = fields.Float(
        string="Hours Warning Threshold",
        default=5.0,
        help="The dashboard lists the customers whose hours balance is below "
        "this many hours.",
    )
    support_expiry_warning_days = fields.Integer(
        string="Expiry Warning (Days)",
        default=60,
        help="The dashboard lists the contracts ending within this many days.",
    )

    @api.constrains("support_goal_same_day")
    def _check_support_goals(self):
        for company in self:
            if not 0 <= company.support_goal_same_day <= 100:
                raise ValidationError(
                    self.env._("A goal is a percentage between 0 and 100.")
                )

    def _support_portal_upload_limits(self):
        """``(allowed extensions, max bytes, max files)`` of this company."""
        self.ensure_one()
        return (
            parse_extensions(self.support_portal_allowed_extensions),
            max(self.support_portal_max_upload_mb, 1) * 1024 * 1024,
            max(self.support_portal_max_files, 1),
        )

    def _support_upload_limits(self):
        # the portal's settings hold at every door to a ticket (support_ticket)
        return self._support_portal_upload_limits()
