#!/usr/bin/env python3
"""Benchmark of the pure billing logic (support_billing/tools), no database.

Simulates ``--contracts`` contracts, each with a few prepaid packs, monthly
reserved hours over ``--months`` months and ``--tickets`` resolved requests a
month, then times billed time (B1), FIFO allocation (B2, B3) and the monthly
reserved-hour price (B3) for all of them.

    python3 benchmarks/bench_billing.py --contracts 1000 --months 12 --tickets 20
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
