from odoo import models

from ..access import check_support_group


class SupportContractKeyUsers(models.AbstractModel):
    """The key users (C6) of a contract: their list and their portal logins
    (the check that they are contacts of the customer is in the lifecycle)."""

    _name = "support.contract.key.users"
    _description = "Support Contract: Key Users"

    def action_view_key_users(self):
        """The key users (C6) of this contract, as contacts."""
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Key users of %(contract)s", contract=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.key_user_ids.ids)],
            "context": {
                "default_parent_id": self.partner_id.id,
                "default_company_id": self.partner_id.company_id.id,
            },
        }

    def action_grant_portal_access(self):
        """Give every key user a portal login (C6)."""
        check_support_group(self, "manager")
        self.check_access("write")
        created = 0
        for contract in self:
            for partner in contract.key_user_ids:
                created += partner._support_grant_portal_login(contract.company_id)
            contract.message_post(
                body=self.env._("Portal access granted to the key users.")
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(n)s portal login(s) created.", n=created),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
