"""Issue 11: granting portal access to a key user never brings an archived
internal user back (C6)."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestPortalGrant(SupportContractCommon):
    def test_archived_internal_user_stays_archived(self):
        former = self._support_user("t_former_employee")
        former.partner_id.write({"parent_id": self.customer.id})
        former.active = False
        contract = self._contract(key_user_ids=[Command.set(former.partner_id.ids)])
        with self.assertRefused(UserError, "archived internal user"):
            contract.with_user(self.manager).action_grant_portal_access()
        former.invalidate_recordset()
        self.assertFalse(former.active)
        self.assertFalse(former.share)
        self.assertEqual(
            len(former.partner_id.with_context(active_test=False).user_ids), 1
        )

    def test_archived_portal_user_is_reactivated(self):
        contract = self._contract(key_user_ids=[Command.set(self.contact.ids)])
        contract.with_user(self.manager).action_grant_portal_access()
        user = self.contact.with_context(active_test=False).user_ids
        user.active = False
        contract.with_user(self.manager).action_grant_portal_access()
        self.assertTrue(user.active)
        self.assertTrue(user.share)
