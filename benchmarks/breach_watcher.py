#!/usr/bin/env python3
"""Benchmark of the breach watcher: 1,000 due among 100,000 running clocks.

Usage: ``breach_watcher.py --odoo-config FILE --database DB [--tickets N]
[--clocks N] [--due N]`` (a database with the suite and its demo installed).

Opens ``--tickets`` tickets with a 60-minute response clock, adds running
clocks by SQL up to ``--clocks`` (none due), makes ``--due`` of the tickets'
clocks due, then runs the watcher as its scheduled action's user (as Odoo's
cron runner does), mail tracking on, and prints its time and queries per
breach (each breach: a note, an escalation activity, a queued email), and
the idle run after it. Everything is rolled back: the database is left
unchanged. ``bench_business_time.py --watcher`` runs this mode too.
"""

import argparse
import sys
import time

GOAL_SECONDS, GOAL_QUERIES = 8.0, 4.0


def _setup(env, tickets, clocks, due):
    """The bench tickets and clocks; returns the ids of the due clocks."""
    env["support.sla.policy"].search([]).write({"active": False})
    env["support.sla.policy"].create(
        {
            "name": "Bench: response within 60 clock minutes",
            "target_type": "response",
            "target_value": 60,
            "target_unit": "clock_minutes",
        }
    )
    plan = env["support.plan"].create(
        {
            "name": "Bench plan",
            "has_response_sla": True,
            "resource_calendar_id": env.company.resource_calendar_id.id,
        }
    )
    customer = env["res.partner"].create({"name": "Bench Co", "is_company": True})
    contact = env["res.partner"].create(
        {"name": "Bench Contact", "parent_id": customer.id}
    )
    contract = env["support.contract"].create(
        {"partner_id": customer.id, "plan_id": plan.id, "date_start": "2026-01-01"}
    )
    contract.action_activate()
    team = env["support.team"].search([("leader_id", "!=", False)], limit=1)
    records = env["support.ticket"].create(
        [
            {"name": f"Bench {i}", "partner_id": contact.id, "team_id": team.id}
            for i in range(tickets)
        ]
    )
    env.flush_all()
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM support_ticket_sla WHERE state = 'running'",
    )
    more = max(clocks - cr.fetchone()[0], 0)
    # more running clocks, by SQL, spread over the bench tickets, none due
    cr.execute(
        """
        INSERT INTO support_ticket_sla (ticket_id, company_id, policy_id, name,
            target_type, cycle, contract_id, plan_id, partner_id, target_minutes,
            warn_percent, date_start, date_resumed, deadline, warn_date, state,
            consumed_minutes, warned)
        SELECT ticket_id, company_id, policy_id, name, target_type, 1 + g,
            contract_id, plan_id, partner_id, target_minutes, warn_percent,
            date_start, date_resumed, now() + interval '30 days',
            now() + interval '29 days', 'running', 0, TRUE
          FROM support_ticket_sla, generate_series(1, %s) g
         WHERE target_type = 'response' AND ticket_id IN %s
         LIMIT %s
        """,
        [more // tickets + 1, tuple(records.ids), more],
    )
    cr.execute(
        """
        UPDATE support_ticket_sla SET deadline = now() + interval '30 days',
               warn_date = now() + interval '29 days', warned = TRUE
         WHERE ticket_id IN %s AND state = 'running'
        """,
        [tuple(records.ids)],
    )
    cr.execute(
        """
        SELECT id FROM support_ticket_sla
         WHERE ticket_id IN %s AND cycle = 1 ORDER BY id LIMIT %s
        """,
        [tuple(records.ids), due],
    )
    return [row[0] for row in cr.fetchall()]


def _watch(env):
    """One watcher run as Odoo's cron runner would: its user, a fresh env."""
    t0, c0, q0 = time.perf_counter(), time.process_time(), env.cr.sql_log_count
    env["support.ticket.sla"]._cron_watch()
    env.flush_all()
    return (
        time.perf_counter() - t0,
        env.cr.sql_log_count - q0,
        time.process_time() - c0,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo-config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--clocks", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1000)
    args = parser.parse_args()

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        ["-c", args.odoo_config, "-d", args.database], setup_logging=False
    )
    with Registry(args.database).cursor() as cr:
        root = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cron = root.ref("support_sla.ir_cron_sla_watcher")
        env = odoo.api.Environment(cr, cron.user_id.id, {})
        _watch(env)  # warm caches; flips whatever the demo has due
        t0 = time.perf_counter()
        due_ids = _setup(
            root(context={"tracking_disable": True}),
            args.tickets,
            args.clocks,
            args.due,
        )
        print(f"setup: {args.tickets} tickets in {time.perf_counter() - t0:.1f} s")
        cr.execute(
            "UPDATE support_ticket_sla SET deadline = now() - interval '1 minute' "
            "WHERE id IN %s",
            [tuple(due_ids)],
        )
        cr.execute("ANALYZE support_ticket_sla")
        cr.execute("SELECT count(*) FROM support_ticket_sla WHERE state = 'running'")
        running = cr.fetchone()[0]
        env.invalidate_all()
        seconds, queries, cpu = _watch(env)
        cr.execute(
            "SELECT count(*) FROM support_ticket_sla WHERE id IN %s "
            "AND state = 'breached'",
            [tuple(due_ids)],
        )
        breached = cr.fetchone()[0]
        idle_seconds, idle_queries, _cpu = _watch(env)
        cr.rollback()
    per_breach = queries / max(breached, 1)
    print(
        f"breach watcher: {running} running clocks, {breached} of {len(due_ids)} "
        f"due breached (note, escalation activity, queued email each) in "
        f"{seconds:.2f} s (CPU {cpu:.2f} s), {queries} queries "
        f"({per_breach:.1f} per breach); "
        f"next run, nothing due: {idle_seconds * 1000:.0f} ms, {idle_queries} queries"
    )
    ok = (
        breached == len(due_ids)
        and seconds <= GOAL_SECONDS
        and per_breach <= GOAL_QUERIES
    )
    print(
        "RESULT\t"
        f"breach watcher: {len(due_ids):,} due among {running:,} running clocks\t"
        f"{seconds:.1f} s, {per_breach:.1f} queries per breach\t"
        f"<= {GOAL_SECONDS:g} s, <= {GOAL_QUERIES:g} queries per breach\t"
        + ("ok" if ok else "FAIL")
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
