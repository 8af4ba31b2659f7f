from odoo import models

from odoo.addons.support_contract.access import check_support_group


class SupportProviderDashboardActions(models.AbstractModel):
    """The buttons of the provider's dashboard: each opens the records behind
    one of its figures. Mixed into ``support.provider.dashboard``, whose data
    methods it uses."""

    _name = "support.provider.dashboard.actions"
    _description = "Support Provider Dashboard: Actions"

    def _ticket_action(self, domain, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_ticket_action"
        )
        action.update({"domain": domain, "name": name, "context": {}})
        return action

    def action_view_open_tickets(self):
        check_support_group(self, "manager")
        return self._ticket_action(self._open_ticket_domain(), self.env._("Open"))

    def action_view_at_risk(self):
        check_support_group(self, "manager")
        return self._sla_ticket_action("at_risk", self.env._("SLAs at Risk"))

    def action_view_breached(self):
        check_support_group(self, "manager")
        return self._sla_ticket_action("breached", self.env._("SLAs Breached"))

    def _sla_ticket_action(self, sla_state, name):
        domain = self._open_ticket_domain() + [("sla_state", "=", sla_state)]
        return self._ticket_action(domain, name)

    def _contract_action(self, contracts, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "support.contract",
            "view_mode": "list,form",
            "domain": [("id", "in", contracts.ids)],
        }

    def action_view_hours_low(self):
        check_support_group(self, "manager")
        contracts = self.env["support.contract"].browse(
            [c.id for c, _b in self._low_hours_contracts()]
        )
        return self._contract_action(contracts, self.env._("Low on Hours"))

    def action_view_expiring(self):
        check_support_group(self, "manager")
        return self._contract_action(
            self._expiring_contracts(), self.env._("Contracts Expiring")
        )

    def action_view_compliance(self):
        check_support_group(self, "manager")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_portal.support_service_statement_action"
        )
        action["context"] = {"search_default_last_month": 1}
        action["view_mode"] = "pivot,list,form,graph"
        return action
