from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _support_portal_contract(self):
        """The active contract of the contact's company (P2), or empty."""
        self.ensure_one()
        return self.commercial_partner_id._get_support_contract()

    def _support_portal_can_open_ticket(self, contract=None):
        """C6: key users of the active contract open tickets; every contact of
        the customer does when the provider's company opened it to all."""
        self.ensure_one()
        contract = (contract or self._support_portal_contract()).sudo()
        if not contract or contract.state != "active":
            return False
        if contract._support_is_key_user(self):
            return True
        return bool(contract.company_id.support_portal_open_to_all)
