"""How linking scales: seconds and peak memory by task count, measured side by side in one run.

``python -m benchmarks.link_scaling [--sizes 1000 10000 100000]`` (``make bench-links``). Each size
runs in a fresh process, so peak RSS is that size's own. Tasks are synthetic: sentences of the
seed tasks recombined, in documents of 40 tasks spread over jurisdictions, so the vocabulary and
the prerequisite terms behave like real plans.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results-links.json"
TASKS_PER_DOCUMENT = 40
JURISDICTIONS = 250


def synthetic_infos(count: int, seed: int = 7) -> list:
    """``count`` task records built from the seeds' sentences (deterministic for a seed)."""
    from graph_build.links import _TaskInfo
    from graph_build.normalize import fold_text
    from graph_build.pipeline import extract_document

    extractions = [extract_document(path) for path in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    templates = [t for e in extractions for t in e.tasks]
    sentences = [s + "。" for t in templates for s in fold_text(t.text).split("。") if len(s) > 8]
    rng = random.Random(seed)
    infos = []
    for index in range(count):
        document = index // TASKS_PER_DOCUMENT
        place = f"第{document % JURISDICTIONS}市"
        template = templates[index % len(templates)]
        text = "".join(rng.sample(sentences, rng.randint(2, 5)))
        task = replace(
            template,
            id=f"task:syn{document}:{index}",
            document_id=f"doc:syn{document}",
            title=text[:16],
            text=text,
            parent_id=None,
        )
        infos.append(_TaskInfo(task, f"doc:syn{document}", place, "", text))
    return infos


def measure(count: int) -> dict:
    """Link ``count`` synthetic tasks; the scalable stages of :func:`graph_build.links.link_tasks`."""
    from graph_build.links import platform_dependencies, rule_dependencies, similarity_links

    infos = synthetic_infos(count)
    started = time.perf_counter()
    similar = similarity_links(infos)
    similarity_s = time.perf_counter() - started
    rules = rule_dependencies(infos)
    platforms = platform_dependencies(infos)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "tasks": count,
        "link_seconds": round(seconds, 2),
        "similarity_seconds": round(similarity_s, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "similar_links": len(similar),
        "dependency_links": len(rules) + len(platforms),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    rows = []
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.link_scaling", "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'tasks':>8}{'link s':>10}{'similarity s':>14}{'peak MB':>10}{'similar':>9}{'depends':>9}")
    for row in rows:
        print(
            f"{row['tasks']:>8}{row['link_seconds']:>10}{row['similarity_seconds']:>14}"
            f"{row['peak_rss_mb']:>10}{row['similar_links']:>9}{row['dependency_links']:>9}"
        )
    for small, large in itertools.pairwise(rows):
        exponent = math.log(large["link_seconds"] / small["link_seconds"]) / math.log(
            large["tasks"] / small["tasks"]
        )
        print(f"scaling exponent {small['tasks']}→{large['tasks']}: {exponent:.2f} (1.0 = linear)")
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
