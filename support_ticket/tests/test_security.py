from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestTicketSecurity(SupportTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider_agent = mail_new_test_user(
            cls.env,
            login="t_agent_out",
            groups="base.group_user,support_contract.group_support_agent",
        )
        cls.other_team.member_ids = cls.outsider_agent
        cls.colleague = cls.env["res.partner"].create(
            {
                "name": "Carl Acme",
                "parent_id": cls.customer.id,
                "email": "carl@acme.test",
            }
        )
        cls.portal_key = mail_new_test_user(
            cls.env,
            login="t_portal_key",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.portal_plain = mail_new_test_user(
            cls.env,
            login="t_portal_plain",
            groups="base.group_portal",
            partner_id=cls.colleague.id,
        )
        cls.portal_other = mail_new_test_user(
            cls.env,
            login="t_portal_other",
            groups="base.group_portal",
            partner_id=cls.other_contact.id,
        )
        cls.t_key = cls._ticket(name="sec key user ticket")
        cls.t_plain = cls._ticket(name="sec plain ticket", partner_id=cls.colleague.id)
        cls.t_other = cls._ticket(
            name="sec other ticket",
            partner_id=cls.other_contact.id,
            team_id=cls.other_team.id,
        )
        cls.t_noteam = cls._ticket(
            name="sec no team", team_id=False, partner_id=cls.colleague.id
        )

    def _visible(self, user):
        return self.Ticket.with_user(user).search([("name", "=like", "sec %")])

    def test_agents_see_their_teams_tickets(self):
        self.assertEqual(
            self._visible(self.agent), self.t_key | self.t_plain | self.t_noteam
        )
        self.assertEqual(
            self._visible(self.outsider_agent), self.t_other | self.t_noteam
        )
        with self.assertRaises(AccessError):
            self.t_key.with_user(self.outsider_agent).read(["name"])

    def test_setting_lets_agents_see_all(self):
        self.env.company.support_agents_see_all = True
        self.assertEqual(
            self._visible(self.outsider_agent),
            self.t_key | self.t_plain | self.t_other | self.t_noteam,
        )

    def test_managers_and_admins_see_all(self):
        for user in (self.manager, self.admin):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self._visible(user),
                    self.t_key | self.t_plain | self.t_other | self.t_noteam,
                )

    def test_agent_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.t_key.with_user(self.agent).unlink()
        self.assertTrue(self.t_key.exists())

    def test_portal_key_user_sees_company_tickets(self):
        """P2/C6: a key user reads all of their company's tickets."""
        self.assertEqual(
            self._visible(self.portal_key), self.t_key | self.t_plain | self.t_noteam
        )

    def test_portal_user_sees_own_tickets_only(self):
        """P2: two portal users of one company: the non-key user sees only
        their own tickets; a portal user of another company sees theirs."""
        self.assertEqual(self._visible(self.portal_plain), self.t_plain | self.t_noteam)
        with self.assertRaises(AccessError):
            self.t_key.with_user(self.portal_plain).read(["name"])
        self.assertEqual(self._visible(self.portal_other), self.t_other)
        with self.assertRaises(AccessError):
            self.t_plain.with_user(self.portal_other).read(["name"])

    def test_key_user_loses_company_view_with_contract(self):
        self.contract.action_suspend()
        self.assertEqual(self._visible(self.portal_key), self.t_key)

    def test_portal_cannot_write(self):
        with self.assertRaises(AccessError):
            self.t_key.with_user(self.portal_key).write({"name": "hacked"})
        self.assertEqual(self.t_key.name, "sec key user ticket")

    def test_internal_notes_hidden_from_portal(self):
        self.t_key.message_post(body="secret margin", subtype_xmlid="mail.mt_note")
        self.t_key.message_post(
            body="public answer",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        messages = (
            self.env["mail.message"]
            .with_user(self.portal_key)
            .search([("model", "=", "support.ticket"), ("res_id", "=", self.t_key.id)])
        )
        bodies = " ".join(messages.mapped("body"))
        self.assertIn("public answer", bodies)
        self.assertNotIn("secret margin", bodies)

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Stockholm Sec"})
        foreign = self._ticket(
            name="sec foreign",
            partner_id=False,
            team_id=False,
            company_id=other_company.id,
        )
        self.assertNotIn(foreign, self._visible(self.manager))
        self.manager.company_ids = [(4, other_company.id)]
        self.assertIn(
            foreign,
            self.Ticket.with_user(self.manager)
            .with_context(allowed_company_ids=[self.env.company.id, other_company.id])
            .search([("name", "=like", "sec %")]),
        )

    def test_portal_request_lands_in_a_team(self):
        """A ticket a portal user opens (through the portal's sudo) gets the
        contract's team, the contract of the customer and a number."""
        first_team = self.env["support.team"].search(
            [("company_id", "in", [self.env.company.id, False])], limit=1
        )
        ticket = (
            self.Ticket.with_user(self.portal_key)
            .sudo()
            .create(
                {
                    "name": "sec from portal",
                    "partner_id": self.contact.id,
                    "channel": "portal",
                }
            )
        )
        # the contract's own team (issue 14), not the company's first one
        self.assertEqual(ticket.team_id, self.contract.team_id)
        self.assertNotEqual(ticket.team_id, first_team)
        self.assertEqual(ticket.contract_id, self.contract)
        self.assertTrue(ticket.number)
        self.assertIn(ticket, self._visible(self.portal_key))
