#!/usr/bin/env python3
"""Benchmark of the breach watcher on 100,000 running clocks, 1% due (issue 4).

The measurement lives in `benchmarks/bench_business_time.py`; this entry
point runs it in that mode. Extra arguments are passed on.
"""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    if "--watcher" not in sys.argv:
        sys.argv.insert(1, "--watcher")
    runpy.run_path(
        str(Path(__file__).with_name("bench_business_time.py")), run_name="__main__"
    )
