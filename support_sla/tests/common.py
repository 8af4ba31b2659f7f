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
        cls.sla_calendar = cls.env["resource.calendar"].create(
            {
                "name": "SLA test 08:00-17:00",
                "tz": "Europe/Paris",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 17,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Labour Day",
                "calendar_id": cls.sla_calendar.id,
                "date_from": utc(2026, 4, 30, 22),
                "date_to": utc(2026, 5, 1, 22),
            }
        )
        cls.evening_calendar = cls.env["resource.calendar"].create(
            {
                "name": "SLA test extended 07:00-23:00",
                "tz": "Europe/Paris",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 7,
                            "hour_to": 23,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        cls.plan_light.resource_calendar_id = cls.sla_calendar
        cls.addon_extended.resource_calendar_id = cls.evening_calendar
        cls.team.leader_id = cls.manager
        Policy = cls.env["support.sla.policy"]
        common = {"company_id": cls.env.company.id}
        cls.policy_assign = Policy.create(
            dict(
                common,
                name="Test assignment 2 days",
                target_type="assignment",
                target_value=2,
                target_unit="days",
            )
        )
        cls.policy_low = Policy.create(
            dict(
                common,
                name="Test low 3 days",
                target_type="response",
                priority="0",
                target_value=3,
                target_unit="days",
            )
        )
        cls.policy_medium = Policy.create(
            dict(
                common,
                name="Test medium 2 days",
                target_type="response",
                priority="1",
                target_value=2,
                target_unit="days",
            )
        )
        cls.policy_high = Policy.create(
            dict(
                common,
                name="Test high 8 hours",
                target_type="response",
                priority="2",
                target_value=8,
                target_unit="hours",
            )
        )
        cls.policy_critical_emergency = Policy.create(
            dict(
                common,
                name="Test critical emergency 10 minutes",
                target_type="response",
                priority="3",
                channel="emergency",
                target_value=10,
                target_unit="minutes",
                use_addon_windows=True,
                sequence=5,
            )
        )
        cls.policy_critical = Policy.create(
            dict(
                common,
                name="Test critical 4 hours",
                target_type="response",
                priority="3",
                target_value=4,
                target_unit="hours",
                use_addon_windows=True,
            )
        )
        cls.policy_resolution = Policy.create(
            dict(
                common,
                name="Test resolution 10 days",
                target_type="resolution",
                target_value=10,
                target_unit="days",
                escalate=False,
            )
        )
        cls.Line = cls.env["support.ticket.sla"]

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
