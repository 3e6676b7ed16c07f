"""How long each explorer page takes to render on the seeds graph (AppTest, no browser).

The first run of a page fills the caches (graph, query results); later runs are what a planner
sees on every widget change. Prints the median of several runs per page.

Run: ``make bench-explorer`` (needs data/graph.json: ``make graph``).
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["overview", "units", "tasks", "indicators", "dependencies", "documents", "qa"]
RUNS = 5


def main() -> int:
    # AppTest runs scripts without a browser session; Streamlit warns about that on every call.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    os.environ.setdefault("REFORMKG_GRAPH", str(ROOT / "data" / "graph.json"))
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        os.environ.pop(name, None)
    os.chdir(ROOT)
    print(f"{'page':<14}{'first s':>10}{'median s':>10}  (target: overview < 2 s)")
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app_streamlit.py"), default_timeout=120)
        started = time.perf_counter()
        at.run()
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py").run()
        first = time.perf_counter() - started
        if at.exception:
            print(f"{page}: exception {at.exception[0].value}", file=sys.stderr)
            return 1
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
        print(f"{page:<14}{first:>10.2f}{statistics.median(times):>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
