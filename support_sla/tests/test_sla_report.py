from freezegun import freeze_time

from .common import SupportSlaCommon


class TestSlaReport(SupportSlaCommon):
    """Compliance: on-time rates and the L3/L4 objectives per contract and month."""

    def _resolve(self, create_at, resolve_at, assign_at=None):
        with freeze_time(create_at):
            ticket = self._ticket()
        if assign_at:
            with freeze_time(assign_at):
                ticket.user_id = self.agent
        with freeze_time(resolve_at):
            ticket.action_resolve()
        return ticket

    def test_objectives_per_contract_and_month(self):
        """4 of 5 resolved within 10 working days = 80% (L4 met); one assignment
        late out of 5 = 80% < 100% (L3 not met)."""
        for day in (5, 6, 7, 8):
            self._resolve(
                f"2026-01-{day:02d} 09:00:00",
                f"2026-01-{day + 1:02d} 09:00:00",
                assign_at=f"2026-01-{day:02d} 10:00:00",
            )
        self._resolve(
            "2026-01-09 09:00:00",
            "2026-02-20 09:00:00",
            assign_at="2026-01-20 09:00:00",
        )
        self.env.flush_all()
        Report = self.env["support.sla.objective.report"]
        row = Report.search([("contract_id", "=", self.contract.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual(str(row.month), "2026-01-01")
        self.assertEqual((row.resolution_count, row.resolution_on_time), (5, 4))
        self.assertAlmostEqual(row.resolution_rate, 80.0)
        self.assertTrue(row.resolution_objective_met)
        self.assertEqual((row.assignment_count, row.assignment_on_time), (5, 4))
        self.assertFalse(row.assignment_objective_met)
        # the on-time measure of the compliance pivot
        groups = self.Line._read_group(
            [
                ("contract_id", "=", self.contract.id),
                ("target_type", "=", "resolution"),
            ],
            [],
            ["on_time_rate:avg"],
        )
        self.assertAlmostEqual(groups[0][0], 80.0)
        # agents read the report of their companies
        self.assertEqual(
            Report.with_user(self.agent).search(
                [("contract_id", "=", self.contract.id)]
            ),
            row,
        )

    def test_init_existing_tickets_at_installation(self):
        """Tickets received before the module start their clocks at installation,
        without retroactive breach."""
        with freeze_time("2026-01-05 09:00:00"):
            ticket = self._ticket(urgency="high")
            ticket.sla_line_ids.unlink()
        with freeze_time("2026-01-12 09:00:00"):
            started = self.env["support.ticket"]._sla_init_existing()
        self.assertIn(ticket, started)
        line = self._line(ticket, "response")
        self.assertEqual(str(line.date_start), "2026-01-12 09:00:00")
        self.assertEqual(line.state, "running")
