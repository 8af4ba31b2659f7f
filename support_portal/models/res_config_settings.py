from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    support_portal_open_to_all = fields.Boolean(
        related="company_id.support_portal_open_to_all", readonly=False
    )
    support_portal_reopen_days = fields.Integer(
        related="company_id.support_portal_reopen_days", readonly=False
    )
    support_portal_max_upload_mb = fields.Integer(
        related="company_id.support_portal_max_upload_mb", readonly=False
    )
    support_portal_max_files = fields.Integer(
        related="company_id.support_portal_max_files", readonly=False
    )
    support_portal_allowed_extensions = fields.Char(
        related="company_id.support_portal_allowed_extensions", readonly=False
    )
    support_emergency_phone = fields.Char(
        related="company_id.support_emergency_phone", readonly=False
    )

    support_goal_same_day = fields.Float(
        related="company_id.support_goal_same_day", readonly=False
    )
    support_hours_warning = fields.Float(
        related="company_id.support_hours_warning", readonly=False
    )
    support_expiry_warning_days = fields.Integer(
        related="company_id.support_expiry_warning_days", readonly=False
    )
