"""The soak's end checks and its report (see ``soak.py``), read by SQL on the
soak database once the server's crons have settled."""

import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

# the breach note of the watcher, in the languages of the suite
BREACH_NOTES = [
    "SLA breached: {name},",
    "SLA dépassé : {name},",
    "SLA överträtt: {name},",
]


def settled(cr, setup, final_time):
    """Whether the crons did what was due at ``final_time``."""
    contracts = setup["contracts"]
    cr.execute(
        """
        SELECT count(*) FROM support_ticket_sla s
          JOIN support_ticket t ON t.id = s.ticket_id
         WHERE s.state = 'running' AND s.deadline <= %s
           AND t.contract_id = ANY(%s)
        """,
        [final_time, contracts],
    )
    if cr.fetchone()[0]:
        return False
    cr.execute(
        "SELECT count(*) FROM ir_cron_trigger WHERE cron_id IN %s AND call_at <= %s",
        [(setup["watcher_cron"], setup["invoicing_cron"]), final_time],
    )
    if cr.fetchone()[0]:
        return False
    cr.execute(
        """
        SELECT count(DISTINCT contract_id) FROM support_billing_period
         WHERE contract_id = ANY(%s) AND date_start = %s
        """,
        [contracts, setup["month"]],
    )
    return cr.fetchone()[0] == len(contracts)


def check_http(recorder):
    total = sum(len(v) for v in recorder.latencies.values())
    errors = len(recorder.errors)
    return (
        "HTTP 5xx and JSON-RPC server errors",
        f"{errors} of {total:,} requests",
        "0",
        errors == 0 and total > 0,
    )


def check_alerts(cr, setup, recorder):
    """Each accepted alert is one new ticket or one update of the open one."""
    accepted = Counter()
    created = defaultdict(set)
    for contract_id, key, _status, outcome, ticket_id in recorder.alerts:
        if outcome in ("created", "updated"):
            accepted[contract_id, key] += 1
        if outcome == "created":
            created[contract_id, key].add(ticket_id)
    cr.execute(
        """
        SELECT contract_id, monitoring_alert_key, count(*),
               sum(monitoring_alert_count),
               count(*) FILTER (WHERE NOT coalesce(is_resolved, FALSE)
                                  AND NOT coalesce(is_closed, FALSE))
          FROM support_ticket
         WHERE contract_id = ANY(%s) AND monitoring_alert_key IS NOT NULL
         GROUP BY 1, 2
        """,
        [setup["contracts"]],
    )
    wrong = []
    tickets = 0
    seen = set()
    for contract_id, key, count, alerts, still_open in cr.fetchall():
        seen.add((contract_id, key))
        tickets += count
        made = created.get((contract_id, key), set())
        if alerts != accepted[contract_id, key] or count != len(made) or still_open > 1:
            wrong.append(
                f"{key}@{contract_id}: {accepted[contract_id, key]} accepted, "
                f"{len(made)} created, {count} tickets counting {alerts}, "
                f"{still_open} open"
            )
    wrong += [f"{k}@{c}: no ticket" for (c, k) in accepted if (c, k) not in seen]
    total = sum(accepted.values())
    return (
        "alerts: each one new ticket or one update, one open ticket per key",
        (
            f"{total} alerts -> {tickets} tickets + {total - tickets} updates, "
            f"{len(wrong)} wrong"
        ),
        "all, 0 wrong",
        not wrong and total > 0,
    ), wrong


def check_breaches(cr, soak):
    """Every due clock breached, none notified twice."""
    setup = soak.setup
    cr.execute(
        """
        SELECT count(*) FROM support_ticket_sla s
          JOIN support_ticket t ON t.id = s.ticket_id
         WHERE s.state = 'running' AND s.deadline <= %s AND t.contract_id = ANY(%s)
        """,
        [soak.final_time, setup["contracts"]],
    )
    left = cr.fetchone()[0]
    cr.execute(
        """
        SELECT s.ticket_id, s.name,
               count(*) FILTER (WHERE s.state = 'breached'),
               count(*) FILTER (WHERE s.state = 'breached'
                                  AND s.date_reached IS NULL),
               (SELECT count(*) FROM mail_message m
                 WHERE m.model = 'support.ticket' AND m.res_id = s.ticket_id
                   AND m.body::text LIKE ANY (ARRAY(
                        SELECT '%%' || replace(p, '{name}', s.name) || '%%'
                          FROM unnest(%s::text[]) p)))
          FROM support_ticket_sla s
          JOIN support_ticket t ON t.id = s.ticket_id
         WHERE t.contract_id = ANY(%s)
         GROUP BY s.ticket_id, s.name
        """,
        [BREACH_NOTES, setup["contracts"]],
    )
    breached = notified_twice = missing = 0
    wrong = []
    for ticket_id, name, n_breached, n_open_breached, notes in cr.fetchall():
        breached += n_breached
        if notes > n_breached:
            notified_twice += notes - n_breached
            wrong.append(
                f"ticket {ticket_id} {name}: {notes} notes, {n_breached} breached"
            )
        if notes < n_open_breached:
            missing += n_open_breached - notes
            wrong.append(f"ticket {ticket_id} {name}: breached without a note")
    ok = not left and not notified_twice and not missing and breached > 0
    return (
        "due SLA clocks: each breached exactly once",
        (
            f"{breached} breached ({soak.made_due} made due), {left} due left "
            f"running, {notified_twice} notified twice, {missing} without a note"
        ),
        "all breached, 0 twice",
        ok,
    ), wrong


def check_invoices(cr, setup):
    """One live invoiced period (one invoice) per contract and month."""
    cr.execute(
        """
        SELECT contract_id, date_start, count(*), count(DISTINCT move_id)
          FROM support_billing_period
         WHERE state != 'credited'
         GROUP BY 1, 2 HAVING count(*) > 1 OR count(DISTINCT move_id) > 1
        """
    )
    duplicates = cr.fetchall()
    cr.execute(
        """
        SELECT count(DISTINCT p.contract_id), count(DISTINCT p.move_id)
          FROM support_billing_period p
         WHERE p.contract_id = ANY(%s) AND p.date_start = %s AND p.state != 'credited'
        """,
        [setup["contracts"], setup["month"]],
    )
    invoiced, moves = cr.fetchone()
    cr.execute(
        """
        SELECT count(*) FROM account_move
         WHERE support_contract_id = ANY(%s) AND move_type = 'out_invoice'
        """,
        [setup["contracts"]],
    )
    all_moves = cr.fetchone()[0]
    expected = len(setup["contracts"])
    ok = not duplicates and invoiced == expected and moves == all_moves == expected
    wrong = [
        f"contract {c} {d}: {n} periods, {m} invoices" for c, d, n, m in duplicates
    ]
    return (
        f"invoices: one per contract and month ({setup['month'][:7]})",
        (
            f"{invoiced}/{expected} contracts invoiced, {all_moves} invoices, "
            f"{len(duplicates)} duplicates"
        ),
        f"{expected}/{expected}, {expected} invoices, 0 duplicates",
        ok,
    ), wrong


def evaluate(cr, soak, recorder):
    results = [check_http(recorder)]
    details = []
    for result, wrong in (
        check_alerts(cr, soak.setup, recorder),
        check_breaches(cr, soak),
        check_invoices(cr, soak.setup),
    ):
        results.append(result)
        details += wrong
    soak.details = details
    return results


# ------------------------------------------------------------------ report
def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def route_rows(recorder, elapsed):
    rows = []
    for route in sorted(recorder.latencies):
        times = recorder.latencies[route]
        statuses = recorder.statuses[route]
        server = sum(
            n for s, n in statuses.items() if not isinstance(s, int) or s >= 500
        )
        rows.append(
            (
                route,
                len(times),
                len(times) / elapsed,
                1000 * statistics.median(times),
                1000 * percentile(times, 0.95),
                server,
                ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=str)),
            )
        )
    return rows


def report(soak, recorder, results):
    elapsed = soak.elapsed
    args = soak.args
    print(
        f"\nsoak: {args.duration} s, {args.portal_users} portal users, "
        f"{args.senders} monitoring senders, 2 agents, --workers={args.workers} "
        f"--max-cron-threads={args.cron_threads}"
    )
    print(f"{'route':36} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} 5xx")
    times = []
    for route, count, rate, p50, p95, server, statuses in route_rows(recorder, elapsed):
        times += recorder.latencies[route]
        print(
            f"{route:36} {count:8} {rate:7.2f} {p50:8.0f} {p95:8.0f} {server:3}"
            f"  ({statuses})"
        )
    total = len(times)
    overall = (
        f"{total / elapsed:.1f} req/s, p50 {1000 * statistics.median(times):.0f} ms, "
        f"p95 {1000 * percentile(times, 0.95):.0f} ms"
        if times
        else "no request"
    )
    print(f"{'all':36} {total:8} {total / elapsed:7.2f}")
    print("\nchecks:")
    for figure, measured, _goal, ok in results:
        print(f"  [{'ok' if ok else 'FAIL'}] {figure}: {measured}")
    for line in soak.details[:20]:
        print(f"    {line}")
    for route, status, text in recorder.errors[:5]:
        print(f"\nserver error on {route} ({status}):\n{text}")
    if recorder.refusals:
        counts = Counter(route for route, _text in recorder.refusals)
        print(f"\nrefused (4xx, business errors): {dict(counts)}")
        for route, text in recorder.refusals[:5]:
            print(f"  {route}: {text}")
    label = f"soak {args.duration} s, {args.portal_users} portal users"
    lines = [(f"{label}: throughput and latency", overall, "report", True)]
    lines += [(f"{label}: {f}", m, g, ok) for f, m, g, ok in results]
    print()
    for figure, measured, goal, ok in lines:
        print(f"RESULT\t{figure}\t{measured}\t{goal}\t{'ok' if ok else 'FAIL'}")


JOB_FAILED = re.compile(r" ERROR .*Job '([^']+)' \(\d+\) server action #\d+ failed")


def report_log(logfile):
    """What the server logged of note: ERROR lines, serialization failures
    (Odoo replays the request or the job), failed jobs, killed cron workers."""
    path = Path(logfile)
    if not path.exists():
        return
    errors = serialization = timeouts = 0
    failed = Counter()
    lines = path.read_text(errors="replace").splitlines()
    for i, line in enumerate(lines):
        if " ERROR " in line:
            errors += 1
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if "could not serialize" in following or "could not serialize" in line:
                serialization += 1
        if "WorkerCron" in line and "timeout" in line:
            timeouts += 1
        if found := JOB_FAILED.search(line):
            failed[found.group(1), _exception_after(lines, i)] += 1
    print(
        f"\nserver log ({path}): {errors} ERROR lines, of which {serialization} "
        f"serialization failures (replayed by Odoo); {timeouts} cron workers "
        f"killed at their time limit; {sum(failed.values())} failed job runs"
    )
    for (job, exception), count in failed.items():
        print(f"  {job}: failed {count} time(s): {exception}")


def _exception_after(lines, start):
    """The exception line closing the traceback logged after ``start``."""
    for line in lines[start + 1 : start + 200]:
        if line and not line.startswith((" ", "Traceback")):
            return line[:300]
    return "?"
