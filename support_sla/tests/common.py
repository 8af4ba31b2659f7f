from datetime import datetime

from odoo import Command

from odoo.addons.support_ticket.tests.common import SupportTicketCommon


def utc(*args):
    return datetime(*args)


class SupportSlaCommon(SupportTicketCommon):
    """A Paris provider open Monday-Friday 08:00-17:00 (no lunch break, to keep the
    arithmetic readable), closed on 2026-05-01, with its own SLA policies (the
    tests never rely on the default policies nor on demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.sla.policy"].search([]).write({"active": False})
        cls.sla_calendar = cls._sla_calendar("SLA test 08:00-17:00", 8, 17)
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Labour Day",
                "calendar_id": cls.sla_calendar.id,
                "date_from": utc(2026, 4, 30, 22),
                "date_to": utc(2026, 5, 1, 22),
            }
        )
        cls.evening_calendar = cls._sla_calendar("SLA test extended 07:00-23:00", 7, 23)
        cls.plan_light.resource_calendar_id = cls.sla_calendar
        cls.addon_extended.resource_calendar_id = cls.evening_calendar
        cls.team.leader_id = cls.manager
        cls._build_sla_policies()
        cls.Line = cls.env["support.ticket.sla"]

    @classmethod
    def _build_sla_policies(cls):
        """Assignment in 2 days, response by priority (3 days to 10 minutes on
        the emergency line) and resolution in 10 days."""
        policy = cls._sla_policy
        cls.policy_assign = policy("Test assignment 2 days", "assignment", 2, "days")
        cls.policy_low = policy("Test low 3 days", "response", 3, "days", priority="0")
        cls.policy_medium = policy(
            "Test medium 2 days", "response", 2, "days", priority="1"
        )
        cls.policy_high = policy(
            "Test high 8 hours", "response", 8, "hours", priority="2"
        )
        cls.policy_critical_emergency = policy(
            "Test critical emergency 10 minutes",
            "response",
            10,
            "minutes",
            priority="3",
            channel="emergency",
            use_addon_windows=True,
            sequence=5,
        )
        cls.policy_critical = policy(
            "Test critical 4 hours",
            "response",
            4,
            "hours",
            priority="3",
            use_addon_windows=True,
        )
        cls.policy_resolution = policy(
            "Test resolution 10 days", "resolution", 10, "days", escalate=False
        )

    @classmethod
    def _sla_calendar(cls, name, hour_from, hour_to):
        """A Paris calendar open Monday-Friday from ``hour_from`` to ``hour_to``."""
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": "Europe/Paris",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )

    @classmethod
    def _sla_policy(cls, name, target_type, value, unit, **vals):
        return cls.env["support.sla.policy"].create(
            {
                "name": name,
                "company_id": cls.env.company.id,
                "target_type": target_type,
                "target_value": value,
                "target_unit": unit,
                **vals,
            }
        )

    @classmethod
    def _ticket(cls, **vals):
        values = {"impact": "single", "urgency": "medium"}  # Low by the matrix
        values.update(vals)
        return super()._ticket(**values)

    def _line(self, ticket, target_type, cycle=None):
        lines = ticket.sla_line_ids.filtered(lambda ln: ln.target_type == target_type)
        if cycle:
            lines = lines.filtered(lambda ln: ln.cycle == cycle)
        self.assertEqual(len(lines), 1, f"one {target_type} clock expected")
        return lines

    def _reply(self, ticket, user, body="Looking into it", internal=False):
        return ticket.with_user(user).message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note" if internal else "mail.mt_comment",
        )
