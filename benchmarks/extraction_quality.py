"""Extraction quality against hand labels: unit, indicator and target precision and recall.

Run with ``make bench-quality`` (or ``python -m benchmarks.extraction_quality``). The labels in
``tests/fixtures/labels/seed_tasks.json`` were written by reading the seed documents, not the
tool's output. Unit names on both sides go through the same canonical naming (alias table), so
a score measures what was extracted, not how it is spelled.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

from graph_build.model import Extraction, Task
from graph_build.normalize import fold_text
from graph_build.pipeline import extract_document
from graph_build.synth_eval import Tally
from graph_build.unit_resolution import Place, resolve_name

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fixtures" / "labels" / "seed_tasks.json"
RAW = ROOT / "data" / "raw"


# One precision/recall/F1 tally for every quality measure (the synthetic evaluation uses it too).
Score = Tally


def _score(pairs: Iterable[tuple[set, set]]) -> Score:
    score = Score()
    for observed, wanted in pairs:
        score.add(observed, wanted)
    return score


def _canonical(names: Iterable[str], place: Place) -> set[str]:
    out = set()
    for name in names:
        folded = fold_text(name).replace(" ", "")
        out.add(folded if "各" in folded or "(略)" in folded else resolve_name(folded, place).name)
    return out


def _observed_leads(task: Task) -> set[str]:
    return {r.name for r in task.lead_roles} | {r.name for r in task.section_lead_roles}


def measure(labels_path: Path = LABELS) -> dict[str, Score]:
    """Scores per aspect over every labelled task."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["tasks"]
    extractions: dict[str, Extraction] = {}
    for path in sorted(RAW.glob("*.txt")):
        extractions[path.name[:3]] = extract_document(path)
    lead, assist, indicators, targets, comparators = [], [], [], [], []
    for label in labels:
        extraction = extractions[label["seed"]]
        doc = extraction.document
        place = Place(doc.jurisdiction, doc.parent_jurisdiction)
        task = next((t for t in extraction.tasks if t.id == label["task_id"]), None)
        if task is None:
            lead.append((set(), _canonical(label["lead"], place)))
            assist.append((set(), _canonical(label["assist"], place)))
            indicators.append((set(), set(label["indicators"])))
            targets.append((set(), {(t["value"], t["unit"]) for t in label["targets"]}))
            continue
        lead.append((_observed_leads(task), _canonical(label["lead"], place)))
        assist.append(({r.name for r in task.assist_roles}, _canonical(label["assist"], place)))
        indicators.append(({i.name for i in task.indicators}, set(label["indicators"])))
        targets.append(
            (
                {(t.value, t.unit) for t in task.targets if t.value is not None},
                {(t["value"], t["unit"]) for t in label["targets"]},
            )
        )
        comparators.append(
            (
                {(t.value, t.unit, t.comparator) for t in task.targets if t.value is not None},
                {(t["value"], t["unit"], t["comparator"]) for t in label["targets"]},
            )
        )
    return {
        "lead_units": _score(lead),
        "assist_units": _score(assist),
        "indicators": _score(indicators),
        "targets": _score(targets),
        "targets_with_comparator": _score(comparators),
    }


def main() -> int:
    scores = measure()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["tasks"]
    print(f"extraction quality on {len(labels)} hand-labelled seed tasks")
    print(f"{'aspect':<26}{'precision':>10}{'recall':>10}{'F1':>8}{'TP':>6}{'pred':>6}{'gold':>6}")
    for name, s in scores.items():
        print(
            f"{name:<26}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}"
            f"{s.true_positives:>6}{s.predicted:>6}{s.expected:>6}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
