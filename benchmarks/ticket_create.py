#!/usr/bin/env python3
"""Speed of ticket creation (issue 13), as the demo ``agent`` user would create
tickets (mail tracking on, warm caches):

* 1,000 tickets in one ``create()``, with their SLA clocks: queries and
  milliseconds per ticket;
* 100 tickets, one ``create()`` each (each flushed, as one request would be):
  queries per ticket.

``python3 benchmarks/ticket_create.py --odoo-config FILE --database DB`` on a
database with the suite and its demo installed. Everything is rolled back at the
end (the ticket number sequence, a PostgreSQL sequence, keeps its advance).
Prints one ``RESULT`` line per figure (see the README's benchmarks section).
"""

import argparse
import itertools
import sys
import time

BATCH = 1000
SINGLE = 100
BATCH_GOAL = (8, 8)  # queries, ms per ticket
SINGLE_GOAL = 12  # queries per ticket


def result(figure, measured, goal, ok):
    print(f"RESULT\t{figure}\t{measured}\t{goal}\t{'ok' if ok else 'FAIL'}", flush=True)


def requesters(env):
    """A contact of each customer of the agent's company under a contract with
    response times."""
    contracts = (
        env["support.contract"]
        .sudo()
        .search(
            [
                ("state", "=", "active"),
                ("company_id", "=", env.company.id),
                ("plan_id.has_response_sla", "=", True),
            ]
        )
    )
    contacts = [c.partner_id.child_ids[:1] or c.partner_id for c in contracts]
    if not contacts:
        sys.exit("no active contract with response SLA in the agent's company")
    return contacts


def ticket_vals(env, count, label):
    """Tickets of the agent's company's customers under contract, with several
    priorities and channels (so several SLA policy groups)."""
    contacts = requesters(env)
    pairs = itertools.cycle(
        [
            ("single", "low", "portal"),
            ("multiple", "medium", "email"),
            ("system", "high", "phone"),
            ("single", "medium", "email"),
            ("system", "medium", "portal"),
        ]
    )
    return [
        {
            "name": f"{label} {i}",
            "partner_id": contacts[i % len(contacts)].id,
            "impact": impact,
            "urgency": urgency,
            "channel": channel,
            "description": f"<p>{label} {i}: the invoice report is wrong.</p>",
        }
        for i, (impact, urgency, channel) in zip(range(count), pairs, strict=False)
    ]


def measure(env, vals_lists):
    """(queries, seconds, CPU seconds of this process) of creating each list
    of vals in one create()."""
    cr = env.cr
    Ticket = env["support.ticket"]
    count0, t0, c0 = cr.sql_log_count, time.perf_counter(), time.process_time()
    for vals_list in vals_lists:
        Ticket.create(vals_list)
        env.flush_all()
    return (
        cr.sql_log_count - count0,
        time.perf_counter() - t0,
        time.process_time() - c0,
    )


def run(env):
    # warm the caches (registry, ormcache, the records of every customer)
    customers = len(requesters(env))
    measure(env, [ticket_vals(env, 5 * customers, "Warm-up")])
    measure(env, [[vals] for vals in ticket_vals(env, 5 * customers, "Warm-up 1")])
    queries, seconds, cpu = measure(env, [ticket_vals(env, BATCH, "Batch")])
    tickets = env["support.ticket"].search([("name", "=like", "Batch %")])
    clocks = len(tickets.sudo().sla_line_ids)
    per_q, per_ms = queries / BATCH, 1000 * seconds / BATCH
    result(
        f"{BATCH:,} tickets in one create(), per ticket ({clocks / BATCH:.1f} "
        "SLA clocks each)",
        f"{per_q:.2f} queries, {per_ms:.1f} ms ({1000 * cpu / BATCH:.1f} ms of "
        "Odoo CPU)",
        f"<= {BATCH_GOAL[0]} queries, <= {BATCH_GOAL[1]} ms",
        per_q <= BATCH_GOAL[0] and per_ms <= BATCH_GOAL[1],
    )
    singles = [[vals] for vals in ticket_vals(env, SINGLE, "Single")]
    queries, seconds, _cpu = measure(env, singles)
    per_q, per_ms = queries / SINGLE, 1000 * seconds / SINGLE
    result(
        f"{SINGLE} tickets, one create() each, per ticket",
        f"{per_q:.1f} queries ({per_ms:.0f} ms)",
        f"<= {SINGLE_GOAL} queries",
        per_q <= SINGLE_GOAL,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo-config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--login", default="agent")
    args = parser.parse_args()
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.odoo_config], setup_logging=False)
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", args.login)], limit=1)
        if not user:
            sys.exit(f"no user {args.login!r} in {args.database}")
        env = env(user=user, context=dict(user.context_get()))
        env = env(context=dict(env.context, allowed_company_ids=user.company_id.ids))
        try:
            run(env)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
