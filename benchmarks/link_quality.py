"""Link quality against hand-labelled task pairs: SIMILAR_TO and DEPENDS_ON precision and recall.

``python -m benchmarks.link_quality`` (``make bench-links-quality``). The pairs in
``tests/fixtures/labels/task_pairs.json`` were labelled by reading the seeds: the same measure in
two documents (similar), a real prerequisite (dependency, with direction), and near-misses that
share boilerplate or a topic word (negative). A threshold sweep shows where the default sits.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from graph_build.links import DEFAULT_SIMILARITY_THRESHOLD, Link, link_tasks
from graph_build.model import Rel
from graph_build.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "fixtures" / "labels" / "task_pairs.json"
SWEEP = (0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.3)


@dataclass(frozen=True, slots=True)
class PairScore:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def seed_links(threshold: float = DEFAULT_SIMILARITY_THRESHOLD) -> list[Link]:
    extractions = [extract_document(path) for path in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    return link_tasks(extractions, threshold=threshold)


def score(links: list[Link], pairs: list[dict]) -> dict[str, PairScore]:
    """Scores of similar and dependency links over the labelled pairs only."""
    similar = {frozenset((link.source, link.target)) for link in links if link.type is Rel.SIMILAR_TO}
    depends = {(link.source, link.target) for link in links if link.type is Rel.DEPENDS_ON}
    counts = {"similar": [0, 0, 0], "dependency": [0, 0, 0]}
    for pair in pairs:
        a, b, relation = pair["a"], pair["b"], pair["relation"]
        linked = frozenset((a, b)) in similar
        if relation == "similar":
            counts["similar"][0 if linked else 2] += 1
        elif linked:
            counts["similar"][1] += 1
        wanted = (a, b) if pair.get("direction") == "a_depends_on_b" else (b, a)
        if relation == "dependency":
            counts["dependency"][0 if wanted in depends else 2] += 1
        elif (a, b) in depends or (b, a) in depends:
            counts["dependency"][1] += 1
    return {name: PairScore(*values) for name, values in counts.items()}


def load_pairs() -> list[dict]:
    return json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]


def main() -> int:
    pairs = load_pairs()
    relations = {
        r: sum(1 for p in pairs if p["relation"] == r) for r in ("similar", "dependency", "negative")
    }
    print(f"link quality on {len(pairs)} hand-labelled pairs {relations}")
    print(f"{'threshold':>10}{'sim P':>8}{'sim R':>8}{'sim F1':>8}{'dep P':>8}{'dep R':>8}")
    for threshold in sorted({*SWEEP, DEFAULT_SIMILARITY_THRESHOLD}):
        scores = score(seed_links(threshold), pairs)
        s, d = scores["similar"], scores["dependency"]
        marker = "  ← default" if threshold == DEFAULT_SIMILARITY_THRESHOLD else ""
        print(
            f"{threshold:>10.2f}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{d.precision:>8.3f}{d.recall:>8.3f}"
            f"{marker}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
