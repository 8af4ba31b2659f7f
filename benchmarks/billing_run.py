#!/usr/bin/env python3
"""Benchmark of the monthly invoicing run on a database (issue 5).

Usage: ``billing_run.py --odoo-config FILE --database DB [...]``.

The measurement lives in `benchmarks/bench_billing.py`; this entry point runs it
in that mode. Extra arguments are passed on.
"""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    if not any(a.startswith("--odoo-config") for a in sys.argv):
        sys.exit("usage: billing_run.py --odoo-config FILE --database DB [...]")
    runpy.run_path(
        str(Path(__file__).with_name("bench_billing.py")), run_name="__main__"
    )
