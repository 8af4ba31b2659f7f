from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class AccountAnalyticLine(models.Model):
    _name = "account.analytic.line"
    _inherit = ["account.analytic.line", "support.write.guard.mixin"]

    support_ticket_id = fields.Many2one(
        "support.ticket",
        index="btree_not_null",
        ondelete="restrict",
    )
    support_move_id = fields.Many2one(
        "account.move",
        string="Support Invoice",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The monthly support invoice that listed this time entry.",
    )

    def _check_write_guard(self, fnames):
        """The invoice link is written by the invoicing and the credit notes
        only (``sudo()``); no user and no context key changes it."""
        super()._check_write_guard(fnames)
        if "support_move_id" in fnames and not self.env.su:
            raise AccessError(
                self.env._(
                    "The support invoice of a time entry is set by the monthly "
                    "invoicing and cleared only by a full credit note or a "
                    "cancellation of that invoice."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("support_ticket_id") and not vals.get("project_id"):
                ticket = self.env["support.ticket"].browse(vals["support_ticket_id"])
                vals["project_id"] = ticket._get_timesheet_project().id
        lines = super().create(vals_list)
        lines.support_ticket_id._support_time_changed()
        return lines

    def _check_support_invoiced(self):
        invoiced = self.filtered(
            lambda line: line.support_move_id and line.support_move_id.state != "cancel"
        )
        if invoiced:
            raise UserError(
                self.env._(
                    "This time entry (%(entry)s) is already invoiced on "
                    "%(invoice)s and can no longer be changed: ask for a credit "
                    "note first.",
                    entry=invoiced[0].name,
                    invoice=invoiced[0].support_move_id.display_name,
                )
            )

    def write(self, vals):
        if set(vals) - {"support_move_id"}:
            self._check_support_invoiced()
        tickets = self.support_ticket_id
        res = super().write(vals)
        (tickets | self.support_ticket_id)._support_time_changed()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_support_invoiced(self):
        self._check_support_invoiced()

    def unlink(self):
        tickets = self.support_ticket_id
        res = super().unlink()
        tickets.exists()._support_time_changed()
        return res
