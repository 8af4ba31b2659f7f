from odoo import Command

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.support_contract.tests.common import SupportContractCommon


class SupportTicketCommon(SupportContractCommon):
    """Contracts, teams and users for ticket tests (never demo data)."""

    @classmethod
    def default_env_context(cls):
        # the chatter (tracking, creation messages) is part of what is tested
        return {"no_reset_password": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Ticket = cls.env["support.ticket"]
        cls.stage_new = cls.env.ref("support_ticket.stage_new")
        cls.stage_triaged = cls.env.ref("support_ticket.stage_triaged")
        cls.stage_progress = cls.env.ref("support_ticket.stage_in_progress")
        cls.stage_waiting = cls.env.ref("support_ticket.stage_waiting")
        cls.stage_resolved = cls.env.ref("support_ticket.stage_resolved")
        cls.stage_closed = cls.env.ref("support_ticket.stage_closed")
        cls.contract = cls._contract(key_user_ids=[Command.set(cls.contact.ids)])
        cls.contract.action_activate()
        cls.other_contract = cls._contract(
            partner_id=cls.other_customer.id, key_user_ids=[Command.clear()]
        )
        cls.other_contract.action_activate()
        cls.agent2 = mail_new_test_user(
            cls.env,
            login="t_agent2",
            groups="base.group_user,support_contract.group_support_agent",
        )
        cls.team = cls.env["support.team"].create(
            {
                "name": "Test Desk",
                "member_ids": [Command.set((cls.agent | cls.agent2).ids)],
            }
        )
        cls.other_team = cls.env["support.team"].create({"name": "Other Desk"})
        # issue 14: the contracts' tickets go to their team, whatever the channel
        (cls.contract | cls.other_contract).team_id = cls.team

    @classmethod
    def _ticket(cls, **vals):
        values = {
            "name": "Cannot post the invoice",
            "partner_id": cls.contact.id,
            "team_id": cls.team.id,
        }
        values.update(vals)
        return cls.env["support.ticket"].create(values)
