"""Extraction accuracy at scale: a synthetic corpus is written, extracted and scored against its truth.

Run with ``python -m benchmarks.synth_quality --docs 200 --seed 7`` (``--keep DIR`` keeps the
corpus). Scores are split into the core formats the extraction core is built for and the
stretch variants (task tables, 牵头领导 segments, …) that real plans also use; a few example
misses of each kind are printed so a regression can be found in its file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from graph_build.synth import DEFAULT_SEED, write_corpus
from graph_build.synth_eval import Miss, compare_corpus

HEADLINE = (
    "task_recall",
    "task_precision",
    "lead_precision",
    "lead_recall",
    "lead_f1",
    "lead_canonical_f1",
    "assist_f1",
    "deadline_accuracy",
    "target_recall",
    "doc_type_accuracy",
    "jurisdiction_accuracy",
    "implements_recall",
    "warning_recall",
)


def run(out: Path, docs: int, seed: int, workers: int, misses: int) -> int:
    summary = write_corpus(out, docs, seed)
    started = time.perf_counter()
    comparison = compare_corpus(out, workers=workers)
    seconds = time.perf_counter() - started
    scores = comparison.as_dict()
    print(
        f"synthetic corpus: {summary.documents} documents, {summary.tasks} tasks, seed {seed}; "
        f"generated in {summary.seconds:.1f} s, extracted and scored in {seconds:.1f} s ({workers} workers)"
    )
    for name in HEADLINE:
        print(f"  {name:<24}{scores[name]:.4f}")
    print(f"  {'variant':<16}{'tasks':>7}{'recall':>9}{'lead F1':>9}{'assist F1':>11}{'deadline':>10}")
    for name in sorted({key.split(".", 1)[1] for key in scores if key.startswith("tasks.")}):
        print(
            f"  {name:<16}{int(scores[f'tasks.{name}']):>7}{scores[f'task_recall.{name}']:>9.3f}"
            f"{scores[f'lead_f1.{name}']:>9.3f}{scores[f'assist_f1.{name}']:>11.3f}"
            f"{scores[f'deadline_accuracy.{name}']:>10.3f}"
        )
    by_aspect: dict[str, list[Miss]] = defaultdict(list)
    for miss in comparison.misses:
        by_aspect[miss.aspect].append(miss)
    for aspect, found in sorted(by_aspect.items()):
        print(f"  {aspect}: {len(found)} misses, e.g.")
        for miss in found[:misses]:
            print(f"    {miss.file} {miss.number} {miss.title} {miss.detail}".rstrip())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--misses", type=int, default=3, help="example misses shown per aspect")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args(argv)
    if args.keep:
        return run(args.keep, args.docs, args.seed, args.workers, args.misses)
    with tempfile.TemporaryDirectory() as scratch:
        return run(Path(scratch) / "corpus", args.docs, args.seed, args.workers, args.misses)


if __name__ == "__main__":
    sys.exit(main())
