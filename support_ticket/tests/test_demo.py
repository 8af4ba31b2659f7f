from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTicketDemo(TransactionCase):
    """The Paris desk's demo: its new tickets wait in the queue, unassigned,
    and the desk hands out the next ones in turn (round robin)."""

    def test_paris_desk_queue_then_round_robin(self):
        team = self.env.ref("support_ticket.team_paris_demo")
        self.assertEqual(team.assignment_method, "round_robin")
        for xmlid in (
            "ticket_lumiere_pricelists_demo",
            "ticket_dufour_tills_demo",
            "ticket_garnier_slips_demo",
            "ticket_moreau_timesheets_demo",
        ):
            ticket = self.env.ref(f"support_ticket.{xmlid}")
            self.assertEqual(ticket.team_id, team)
            self.assertFalse(ticket.user_id, xmlid)
