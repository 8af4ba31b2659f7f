"""Monthly service statement (issue 7; T7, L1-L5, B2-B5, C6).

The scenario of March 2026 below has known figures, worked out by hand:

- tickets: T1 (high, defect) opened 3 March and resolved 10 March; T2 (medium,
  support) opened 5 March, still open; T3 (low) opened in February, resolved 2
  March; T4 opened in April. Opened 2, resolved 2, open at month end 1.
- SLA clocks decided in March: T1 assignment met, T1 response met, T1
  resolution breached on 6 March after two pauses (4 h and 1 h 30 = 330
  business minutes), T2 response met, T2 assignment breached. 3 met, 2
  breached: 60 %. T3's response (February) does not count.
- L3: 1 of 2 assignment clocks met (50 % < 100 %); T1 assigned the day it
  arrived, T2 not (50 % >= 50 %). L4: 0 of 1 resolution clock met.
- hours: 10 h reserved in February, 7 h used in February (3 h left); 10 h
  reserved in March; 2 h used on 2 March, 14 h on 10 March: 16 h used, the
  13 h available cover 13 h, 3 h extra; balance 0 at month end. The April
  credit does not count.
- invoiced: 250 in March (the April invoice does not count).
- one rating of 5 on T1 in March.
"""

import datetime

from odoo import Command

D = datetime.date
DT = datetime.datetime


class StatementScenario:
    """Builds the March 2026 scenario (shared by the ORM and the HTTP tests)."""

    @classmethod
    def build_scenario(cls):
        cls._scenario_settings()
        cls._scenario_contracts()
        cls._scenario_tickets()
        cls._scenario_clocks()
        cls._scenario_hours()
        cls._scenario_invoices()
        cls._scenario_rating()

    @classmethod
    def _scenario_settings(cls):
        """A chart of accounts, the objectives, no SLA policy."""
        env = cls.env
        company = env.company
        if not env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        ):
            env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        company.support_goal_same_day = 50.0
        params = env["ir.config_parameter"].sudo()
        params.set_param("support_sla.assignment_objective", "100")
        params.set_param("support_sla.resolution_objective", "80")
        # the clocks of this scenario are written by the test itself
        env["support.sla.policy"].search([]).write({"active": False})

    @classmethod
    def _scenario_contracts(cls):
        """Acme (10 h reserved, two key users) and Quiet Statement."""
        env = cls.env
        calendar = env["resource.calendar"].create(
            {"name": "Statement hours", "tz": "Europe/Paris"}
        )
        cls.plan = env["support.plan"].create(
            {
                "name": "Statement Tier",
                "monthly_fee": 250,
                "hourly_rate": 100,
                "resource_calendar_id": calendar.id,
                "allow_reserved_hours": True,
                "has_response_sla": True,
            }
        )
        Partner = env["res.partner"]
        cls.acme = Partner.create({"name": "Acme Statement", "is_company": True})
        cls.kim = Partner.create(
            {"name": "Kim Key", "parent_id": cls.acme.id, "email": "kim@acme.test"}
        )
        cls.lee = Partner.create(
            {"name": "Lee Key", "parent_id": cls.acme.id, "email": "lee@acme.test"}
        )
        cls.otto = Partner.create(
            {"name": "Otto Other", "parent_id": cls.acme.id, "email": "otto@acme.test"}
        )
        cls.quiet = Partner.create({"name": "Quiet Statement", "is_company": True})
        cls.quinn = Partner.create(
            {"name": "Quinn Quiet", "parent_id": cls.quiet.id, "email": "q@quiet.test"}
        )
        Contract = env["support.contract"]
        cls.contract = Contract.create(
            {
                "partner_id": cls.acme.id,
                "plan_id": cls.plan.id,
                "date_start": "2026-01-01",
                "reserved_hours": 10,
                "key_user_ids": [Command.set([cls.kim.id, cls.lee.id])],
            }
        )
        cls.quiet_contract = Contract.create(
            {
                "partner_id": cls.quiet.id,
                "plan_id": cls.plan.id,
                "date_start": "2026-01-01",
                "key_user_ids": [Command.set([cls.quinn.id])],
            }
        )
        (cls.contract | cls.quiet_contract).write({"state": "active"})

    @classmethod
    def _scenario_tickets(cls):
        """T1-T4 with their creation, assignment and resolution dates."""
        env = cls.env
        Type = env["support.ticket.type"]
        defect = Type.search([("code", "=", "defect")], limit=1)
        support = Type.search([("code", "=", "support")], limit=1)

        def ticket(name, impact, urgency, type_rec, created, resolved=False):
            rec = env["support.ticket"].create(
                {
                    "name": name,
                    "partner_id": cls.kim.id,
                    "contract_id": cls.contract.id,
                    "impact": impact,
                    "urgency": urgency,
                    "type_id": type_rec.id,
                }
            )
            env.flush_all()
            env.cr.execute(
                "UPDATE support_ticket SET create_date = %s, date_resolved = %s "
                "WHERE id = %s",
                (created, resolved or None, rec.id),
            )
            return rec

        cls.t1 = ticket(
            "ERP down", "multiple", "high", defect, DT(2026, 3, 3, 9), DT(2026, 3, 10)
        )
        cls.t2 = ticket("How to export", "multiple", "medium", support, DT(2026, 3, 5))
        cls.t3 = ticket(
            "Typo", "single", "low", support, DT(2026, 2, 20), DT(2026, 3, 2, 8)
        )
        cls.t4 = ticket("Next month", "single", "low", support, DT(2026, 4, 2, 8))
        env.flush_all()
        env.cr.execute(
            "UPDATE support_ticket SET date_assigned = %s WHERE id = %s",
            (DT(2026, 3, 3, 9, 30), cls.t1.id),
        )
        env.cr.execute(
            "UPDATE support_ticket SET date_assigned = %s WHERE id = %s",
            (DT(2026, 3, 9, 10), cls.t2.id),
        )
        env["support.ticket"].invalidate_model()

    @classmethod
    def _scenario_clocks(cls):
        """The clocks of T1-T3, T1's resolution breached after two pauses."""
        env = cls.env
        Sla = env["support.ticket.sla"].sudo()

        def clock(tkt, target, priority, state, when, deadline=None):
            vals = {
                "ticket_id": tkt.id,
                "company_id": tkt.company_id.id,
                "name": f"{target} target",
                "target_type": target,
                "contract_id": cls.contract.id,
                "priority": priority,
                "date_start": DT(2026, 3, 1),
                "state": state,
                "deadline": deadline or when,
            }
            vals["breach_date" if state == "breached" else "date_reached"] = when
            return Sla.create(vals)

        clock(cls.t1, "assignment", "2", "met", DT(2026, 3, 3, 9, 30))
        clock(cls.t1, "response", "2", "met", DT(2026, 3, 3, 10))
        cls.breach = clock(
            cls.t1,
            "resolution",
            "2",
            "breached",
            DT(2026, 3, 6, 16),
            deadline=DT(2026, 3, 6, 16),
        )
        Pause = env["support.ticket.sla.pause"].sudo()
        Pause.create(
            {
                "sla_id": cls.breach.id,
                "date_start": DT(2026, 3, 4, 10),
                "date_end": DT(2026, 3, 4, 14),
                "business_minutes": 240,
            }
        )
        Pause.create(
            {
                "sla_id": cls.breach.id,
                "date_start": DT(2026, 3, 5, 9),
                "date_end": DT(2026, 3, 5, 10, 30),
                "business_minutes": 90,
            }
        )
        clock(cls.t2, "response", "1", "met", DT(2026, 3, 6, 9))
        clock(cls.t2, "assignment", "1", "breached", DT(2026, 3, 9, 8))
        clock(cls.t3, "response", "0", "met", DT(2026, 2, 20, 10))

    @classmethod
    def _scenario_hours(cls):
        """Reserved hours of February to April and the time used."""
        env = cls.env
        Ledger = env["support.hours.ledger"].sudo()
        for vals in (
            ("credit", "reserved", 10, D(2026, 2, 1), False),
            ("debit", "ticket", 7, D(2026, 2, 25), cls.t3),
            ("credit", "reserved", 10, D(2026, 3, 1), False),
            ("debit", "ticket", 2, D(2026, 3, 2), cls.t3),
            ("debit", "ticket", 14, D(2026, 3, 10), cls.t1),
            ("credit", "reserved", 10, D(2026, 4, 1), False),
        ):
            entry_type, source, hours, day, tkt = vals
            Ledger.create(
                {
                    "name": f"{source} {day}",
                    "contract_id": cls.contract.id,
                    "entry_type": entry_type,
                    "source": source,
                    "hours": hours,
                    "date": day,
                    "ticket_id": tkt.id if tkt else False,
                    "period_start": day.replace(day=1)
                    if source == "reserved"
                    else False,
                }
            )

    @classmethod
    def _scenario_invoices(cls):
        """Posted invoices of March (250) and April (999), untaxed."""
        env = cls.env
        for day, amount in ((D(2026, 3, 31), 250.0), (D(2026, 4, 30), 999.0)):
            move = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.acme.id,
                    "invoice_date": day,
                    "support_contract_id": cls.contract.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Support fee",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            move.action_post()

    @classmethod
    def _scenario_rating(cls):
        """One rating of 5 on T1 in March."""
        env = cls.env
        rating = env["rating.rating"].create(
            {
                "res_model_id": env["ir.model"]._get_id("support.ticket"),
                "res_id": cls.t1.id,
                "partner_id": cls.kim.id,
                "rating": 5,
                "feedback": "Quick and clear",
                "consumed": True,
            }
        )
        env.flush_all()
        env.cr.execute(
            "UPDATE rating_rating SET write_date = %s WHERE id = %s",
            (DT(2026, 3, 12), rating.id),
        )
        env["rating.rating"].invalidate_model()
