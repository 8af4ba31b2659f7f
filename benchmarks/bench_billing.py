#!/usr/bin/env python3
"""Benchmark of support_billing: the pure logic, and the monthly invoicing run.

Without ``--odoo-config``: simulates ``--contracts`` contracts, each with a
few prepaid packs, monthly reserved hours over ``--months`` months and
``--tickets`` resolved requests a month, then times billed time (B1), FIFO
allocation (B2, B3) and the monthly reserved-hour price (B3), no database.

With ``--odoo-config`` and ``--database`` (a database where support_billing
is installed): creates ``--contracts`` active contracts with ``--tickets``
resolved tickets each (time logged, billed at resolution), runs the monthly
invoicing of the current month, prints its time and queries per contract,
then rolls everything back (the database is left unchanged).

    python3 benchmarks/bench_billing.py --contracts 1000 --months 12 --tickets 20
    python3 benchmarks/bench_billing.py --odoo-config odoo.cfg --database demo \
        --contracts 1000 --tickets 3
"""

import argparse
import datetime
import importlib.util
import random
import sys
import time
from pathlib import Path


def load_tools():
    path = Path(__file__).resolve().parent.parent / "support_billing" / "tools"
    spec = importlib.util.spec_from_file_location(
        "support_billing_pure_tools",
        path / "__init__.py",
        submodule_search_locations=[str(path)],
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=1000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--tickets", type=int, default=20, help="per month")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--odoo-config", help="run the Odoo invoicing benchmark")
    parser.add_argument("--database")
    args = parser.parse_args()
    if args.odoo_config:
        return bench_odoo(args)
    tools = load_tools()
    al, bt, pr = tools.allocation, tools.billed_time, tools.pricing
    rnd = random.Random(args.seed)
    start = datetime.date(2026, 1, 1)

    data = []
    for c in range(args.contracts):
        credits, debits = [], []
        for m in range(args.months):
            month = datetime.date(2026 + m // 12, m % 12 + 1, 1)
            credits.append(al.Credit(f"r{c}-{m}", month, rnd.choice([0, 5, 10, 20])))
            if rnd.random() < 0.1:
                credits.append(al.Credit(f"p{c}-{m}", month, rnd.choice([25, 100])))
            for t in range(args.tickets):
                day = month + datetime.timedelta(days=rnd.randrange(28))
                logged = round(rnd.expovariate(1.2), 2)
                debits.append(al.Debit(f"t{c}-{m}-{t}", day, logged))
        data.append((credits, debits))

    t0 = time.perf_counter()
    entries = 0
    for credits, debits in data:
        for debit in debits:
            debit.hours = bt.billed_hours(debit.hours, 0.5, 0.25)
        entries += len(credits) + len(debits)
    t1 = time.perf_counter()
    total_overage = 0.0
    for credits, debits in data:
        total_overage += al.allocate(credits, debits).overage
    t2 = time.perf_counter()
    for _c in range(args.contracts):
        for m in range(args.months):
            pr.reserved_hours_price(5 + m, 95, mode=pr.MODE_PER_BAND)
    t3 = time.perf_counter()

    print(f"contracts: {args.contracts}, months: {args.months}, entries: {entries}")
    print(f"billed time (B1):      {(t1 - t0) * 1000:8.1f} ms")
    print(
        f"FIFO allocation (B2):  {(t2 - t1) * 1000:8.1f} ms "
        f"({(t2 - t1) / args.contracts * 1e6:.0f} us per contract)"
    )
    print(f"reserved price (B3):   {(t3 - t2) * 1000:8.1f} ms")
    print(f"total overage hours:   {total_overage:.2f} (start {start})")


def bench_odoo(args):
    """Time the monthly invoicing run on ``args.contracts`` contracts."""
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        ["-c", args.odoo_config, "-d", args.database], setup_logging=False
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        env = env(user=admin, su=True)
        if not admin.employee_ids:
            env["hr.employee"].create({"name": admin.name, "user_id": admin.id})
        t0 = time.perf_counter()
        plan = env["support.plan"].create(
            {
                "name": "Bench plan",
                "monthly_fee": 500,
                "hourly_rate": 100,
                "allow_reserved_hours": True,
                "allow_addons": True,
            }
        )
        partners = env["res.partner"].create(
            [
                {"name": f"Bench customer {i}", "is_company": True}
                for i in range(args.contracts)
            ]
        )
        contracts = env["support.contract"].create(
            [
                {
                    "partner_id": p.id,
                    "plan_id": plan.id,
                    "date_start": datetime.date.today().replace(day=1),
                    "reserved_hours": 5 + i % 30,
                }
                for i, p in enumerate(partners)
            ]
        )
        contracts.write({"state": "active"})
        tickets = env["support.ticket"].create(
            [
                {
                    "name": f"Bench request {i}-{t}",
                    "number": f"BENCH-{i}-{t}",
                    "partner_id": c.partner_id.id,
                    "contract_id": c.id,
                }
                for i, c in enumerate(contracts)
                for t in range(args.tickets)
            ]
        )
        rnd = random.Random(args.seed)
        env["account.analytic.line"].create(
            [
                {
                    "support_ticket_id": t.id,
                    "name": "work",
                    "unit_amount": round(rnd.expovariate(0.8), 2),
                }
                for t in tickets
            ]
        )
        tickets.action_resolve()
        t1 = time.perf_counter()
        env.flush_all()
        month = datetime.date.today().replace(day=1)
        # the run as the invoicing job's user, as Odoo's cron runner runs it
        cron = env.ref("support_billing.ir_cron_support_monthly_invoicing")
        job_env = api.Environment(cr, cron.user_id.id, {})
        job_env.invalidate_all()
        queries = cr.sql_log_count
        t2, c2 = time.perf_counter(), time.process_time()
        run = job_env["support.billing.run"]._run(month, contracts.with_env(job_env))
        job_env.flush_all()
        t3, c3 = time.perf_counter(), time.process_time()
        queries = cr.sql_log_count - queries
        n = args.contracts
        print(
            f"setup: {n} contracts, {len(tickets)} resolved tickets in {t1 - t0:.1f} s"
        )
        print(
            f"invoicing run: {t3 - t2:.2f} s, {run.invoice_count} invoices, "
            f"{run.error_count} errors, {(t3 - t2) / n * 1000:.1f} ms "
            f"and {queries / n:.0f} queries per contract "
            f"(CPU {(c3 - c2) / n * 1000:.1f} ms per contract)"
        )
        ok = run.invoice_count == n and t3 - t2 <= 75 * n / 1000 and queries / n <= 20
        print(
            f"RESULT\tmonthly invoicing, {n:,} contracts ({args.tickets} tickets "
            f"each)\t{t3 - t2:.0f} s, {queries / n:.1f} queries and "
            f"{(c3 - c2) / n * 1000:.0f} ms CPU per contract\t"
            f"<= {75 * n / 1000:g} s, <= 20 queries per contract\t"
            + ("ok" if ok else "FAIL")
        )
        cr.rollback()


if __name__ == "__main__":
    main()
