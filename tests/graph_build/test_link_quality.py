"""The linker holds its measured quality on the hand-labelled pairs (floors = what it reaches)."""

from __future__ import annotations

from benchmarks.link_quality import load_pairs, score, seed_links

# Measured with the defaults (threshold 0.14, top-k 10) on 147 labelled pairs; see
# `make bench-links-quality` for the sweep. Raise these when the linker gets better.
SIMILAR_PRECISION_FLOOR = 0.98
SIMILAR_RECALL_FLOOR = 0.78
DEPENDENCY_PRECISION_FLOOR = 1.0
DEPENDENCY_RECALL_FLOOR = 0.3


def test_link_quality_holds_its_floor() -> None:
    scores = score(seed_links(), load_pairs())
    similar, dependency = scores["similar"], scores["dependency"]
    assert similar.precision >= SIMILAR_PRECISION_FLOOR
    assert similar.recall >= SIMILAR_RECALL_FLOOR
    assert dependency.precision >= DEPENDENCY_PRECISION_FLOOR
    assert dependency.recall >= DEPENDENCY_RECALL_FLOOR
