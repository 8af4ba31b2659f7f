#!/usr/bin/env python3
"""Benchmark of 10,000 deadlines through the engine and through
``resource.calendar.plan_hours`` (issue 4).

The measurement lives in `benchmarks/bench_business_time.py`; this entry
point runs it in that mode. Extra arguments are passed on.
"""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    if "--odoo" not in sys.argv:
        sys.argv.insert(1, "--odoo")
    runpy.run_path(
        str(Path(__file__).with_name("bench_business_time.py")), run_name="__main__"
    )
