from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.support_contract.access import check_support_group


class SupportServiceStatementSending(models.AbstractModel):
    """Emailing the statement to the key users of the contract (T7)."""

    _name = "support.service.statement.sending"
    _description = "Service Statement: Sending"

    def _recipients(self):
        """Key users of the contract with an email address (never the other
        contacts of the customer, never the followers)."""
        self.ensure_one()
        return self.sudo().contract_id.key_user_ids.filtered("email")

    def _send(self):
        template = self.env.ref(
            "support_portal.mail_template_service_statement", raise_if_not_found=False
        )
        if not template:
            raise UserError(self.env._("The statement email template is missing."))
        sent = self.browse()
        for statement in self.sudo():
            partners = statement._recipients()
            if not partners:
                continue
            template.sudo().send_mail(
                statement.id,
                email_values={
                    "recipient_ids": [fields.Command.set(partners.ids)],
                    "email_to": False,
                    "partner_ids": False,
                },
            )
            statement.sent_on = fields.Datetime.now()
            statement.message_post(
                body=self.env._(
                    "Statement emailed to %(partners)s.",
                    partners=", ".join(partners.mapped("name")),
                )
            )
            sent |= statement
        return sent

    def action_send(self):
        """Button: email the statement to the key users now."""
        check_support_group(self, "manager")
        self.check_access("write")
        missing = self.filtered(lambda s: not s._recipients())
        if missing:
            raise UserError(
                self.env._(
                    "Contract %(contract)s has no key user with an email address: "
                    "nobody to send the statement to.",
                    contract=missing[0].contract_id.display_name,
                )
            )
        self._send()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The statement was emailed to the key users."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
