from odoo import api, fields, models

# the ledger fields that name the request: a portal user reads portal_label
PORTAL_HIDDEN_FIELDS = frozenset({"name", "ticket_id"})


class SupportHoursLedger(models.Model):
    """What a customer's contact sees of the ledger (P2, C6): the lines of the
    requests it may open (key users: all of their company's, other contacts:
    their own) by their description; the other lines by a neutral label, with
    their hours. The portal reads ``portal_label``, never ``name`` or
    ``ticket_id``."""

    _inherit = "support.hours.ledger"

    portal_label = fields.Char(
        string="Label",
        compute="_compute_portal_label",
        help="The description, or a neutral label for a request of the customer "
        "that the current user may not open.",
    )

    @api.depends("name", "ticket_id")
    @api.depends_context("uid")
    def _compute_portal_label(self):
        hidden = self._portal_hidden()
        neutral = self.env._("Another request of your company")
        for entry in self:
            entry.portal_label = neutral if entry in hidden else entry.sudo().name

    @api.depends("name", "ticket_id")
    @api.depends_context("uid")
    def _compute_display_name(self):
        if self.env.user._is_internal():
            return super()._compute_display_name()
        for entry in self:
            entry.display_name = entry.portal_label

    def _portal_hidden(self):
        """The entries of requests the current user may not open (a colleague's
        request for a contact who is not a key user); none for employees."""
        user = self.env.user
        if user._is_internal():
            return self.browse()
        tickets = self.sudo().ticket_id
        allowed = tickets.with_user(user)._filtered_access("read")
        return self.filtered(
            lambda e: e.sudo().ticket_id and e.sudo().ticket_id not in allowed
        )

    def _has_field_access(self, field, operation):
        if (
            field.name in PORTAL_HIDDEN_FIELDS
            and not self.env.su
            and not self.env.user._is_internal()
        ):
            return False
        return super()._has_field_access(field, operation)
