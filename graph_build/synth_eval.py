"""Extraction accuracy on a synthetic corpus: every document extracted and scored against its truth."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_build.errors import DocumentDecodeError
from graph_build.model import Extraction, Task
from graph_build.pipeline import extract_document
from graph_build.synth import TRUTH_SUFFIX


@dataclass(slots=True)
class Tally:
    """True positives, predictions and expectations of one aspect."""

    true_positives: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, observed: set[str], wanted: set[str]) -> None:
        self.true_positives += len(observed & wanted)
        self.predicted += len(observed)
        self.expected += len(wanted)

    def merge(self, other: Tally) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """One disagreement, with enough context to find it in the file."""

    file: str
    aspect: str  # task_missed, task_extra, lead, assist, deadline, target, document, warning
    number: str
    title: str
    detail: str


@dataclass(slots=True)
class VariantScore:
    """Tasks, leads and deadlines of the truth tasks written in one variant ("" = core)."""

    tasks: Tally = field(default_factory=Tally)
    leads: Tally = field(default_factory=Tally)
    assists: Tally = field(default_factory=Tally)
    deadlines_right: int = 0
    deadlines_compared: int = 0

    def merge(self, other: VariantScore) -> None:
        self.tasks.merge(other.tasks)
        self.leads.merge(other.leads)
        self.assists.merge(other.assists)
        self.deadlines_right += other.deadlines_right
        self.deadlines_compared += other.deadlines_compared


@dataclass(slots=True)
class Comparison:
    """One document (or a whole corpus, merged) scored against its truth."""

    documents: int = 0
    reports: int = 0
    failed: int = 0
    tasks: Tally = field(default_factory=Tally)
    leads: Tally = field(default_factory=Tally)
    leads_canonical: Tally = field(default_factory=Tally)
    assists: Tally = field(default_factory=Tally)
    targets: Tally = field(default_factory=Tally)
    deadlines_right: int = 0
    deadlines_compared: int = 0
    document_checks: Counter[str] = field(default_factory=Counter)
    document_right: Counter[str] = field(default_factory=Counter)
    implements: Tally = field(default_factory=Tally)
    warnings: Tally = field(default_factory=Tally)
    by_variant: dict[str, VariantScore] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def variant(self, name: str) -> VariantScore:
        return self.by_variant.setdefault(name, VariantScore())

    def merge(self, other: Comparison) -> None:
        self.documents += other.documents
        self.reports += other.reports
        self.failed += other.failed
        for name in ("tasks", "leads", "leads_canonical", "assists", "targets", "implements", "warnings"):
            getattr(self, name).merge(getattr(other, name))
        self.deadlines_right += other.deadlines_right
        self.deadlines_compared += other.deadlines_compared
        self.document_checks.update(other.document_checks)
        self.document_right.update(other.document_right)
        for name, score in other.by_variant.items():
            self.variant(name).merge(score)
        self.misses.extend(other.misses)

    def as_dict(self) -> dict[str, float]:
        """Flat scores; ``task_recall.core`` and the like score the core formats and each
        stretch variant apart."""

        def share(right: int, total: int) -> float:
            return right / total if total else 1.0

        checks = {
            f"{name}_accuracy": share(self.document_right[name], self.document_checks[name])
            for name in ("doc_type", "year", "jurisdiction", "title")
        }
        scores: dict[str, float] = {
            "documents": self.documents,
            "reports": self.reports,
            "failed_documents": self.failed,
            "truth_tasks": self.tasks.expected,
            "extracted_tasks": self.tasks.predicted,
            "matched_tasks": self.tasks.true_positives,
            "task_recall": self.tasks.recall,
            "task_precision": self.tasks.precision,
            "lead_precision": self.leads.precision,
            "lead_recall": self.leads.recall,
            "lead_f1": self.leads.f1,
            "lead_canonical_f1": self.leads_canonical.f1,
            "assist_precision": self.assists.precision,
            "assist_recall": self.assists.recall,
            "assist_f1": self.assists.f1,
            "deadline_accuracy": share(self.deadlines_right, self.deadlines_compared),
            "target_recall": self.targets.recall,
            **checks,
            "implements_recall": self.implements.recall,
            "warning_recall": self.warnings.recall,
        }
        for name, score in sorted(self.by_variant.items()):
            label = name or "core"
            scores[f"tasks.{label}"] = score.tasks.expected
            scores[f"task_recall.{label}"] = score.tasks.recall
            scores[f"lead_f1.{label}"] = score.leads.f1
            scores[f"assist_f1.{label}"] = score.assists.f1
            scores[f"deadline_accuracy.{label}"] = share(score.deadlines_right, score.deadlines_compared)
        return scores


def _observed_leads(task: Task) -> tuple[set[str], set[str]]:
    """``(written, resolved)`` names of a task's own and inherited leads (the JSON contract's
    ``lead_units``)."""
    roles = (*task.lead_roles, *task.section_lead_roles)
    return {r.written or r.name for r in roles}, {r.name for r in roles}


def compare_document(truth: dict[str, Any], extraction: Extraction) -> Comparison:
    """Score one extraction against its truth.

    Tasks are matched by (number, title), in document order when a pair repeats. Leads are the
    task's own and inherited section leads, compared as the normalised spellings
    (``written``) and, separately, as resolved names against the truth's canonical names.
    """
    result = Comparison(documents=1)
    file = truth["file"]
    wanted_doc = truth["document"]
    doc = extraction.document
    observed_doc = {
        "doc_type": doc.doc_type.value,
        "year": doc.year,
        "jurisdiction": doc.jurisdiction,
        "title": doc.title,
    }
    for name, value in observed_doc.items():
        result.document_checks[name] += 1
        if value == wanted_doc[name]:
            result.document_right[name] += 1
        else:
            result.misses.append(Miss(file, "document", "", name, f"{value!r} != {wanted_doc[name]!r}"))
    implemented = {c.title for c in doc.citations if c.relation == "implements"}
    result.implements.add(implemented & set(wanted_doc["implements"]), set(wanted_doc["implements"]))
    codes = {w.code for w in extraction.warnings}
    expected_codes = {code for code in truth["warnings"] if code}
    result.warnings.add(codes & expected_codes, expected_codes)
    for code in expected_codes - codes:
        result.misses.append(Miss(file, "warning", "", "", f"expected warning {code} not raised"))
    if wanted_doc["doc_type"] == "report":
        result.reports = 1
        return result
    by_key: dict[tuple[str, str], list[Task]] = defaultdict(list)
    for task in extraction.tasks:
        by_key[(task.number, task.title)].append(task)
    result.tasks.predicted = len(extraction.tasks)
    result.tasks.expected = len(truth["tasks"])
    units: dict[str, str] = truth["units"]
    for wanted in truth["tasks"]:
        key = (wanted["number"], wanted["title"])
        want_leads = set(wanted["lead"]) | set(wanted["section_lead"])
        want_canonical = {units.get(name, name) for name in want_leads}
        variant = result.variant(wanted.get("variant", ""))
        variant.tasks.expected += 1
        candidates = by_key.get(key)
        if not candidates:
            result.misses.append(Miss(file, "task_missed", *key, wanted.get("variant", "")))
            variant.leads.add(set(), want_leads)
            variant.assists.add(set(), set(wanted["assist"]))
            result.leads.add(set(), want_leads)
            result.leads_canonical.add(set(), want_canonical)
            result.assists.add(set(), set(wanted["assist"]))
            continue
        task = candidates.pop(0)
        result.tasks.true_positives += 1
        variant.tasks.true_positives += 1
        variant.tasks.predicted += 1
        written, resolved = _observed_leads(task)
        result.leads.add(written, want_leads)
        variant.leads.add(written, want_leads)
        result.leads_canonical.add(resolved, want_canonical)
        if written != want_leads:
            detail = f"missing {sorted(want_leads - written)} extra {sorted(written - want_leads)}"
            result.misses.append(Miss(file, "lead", *key, detail))
        assists, want_assists = {r.written or r.name for r in task.assist_roles}, set(wanted["assist"])
        result.assists.add(assists, want_assists)
        variant.assists.add(assists, want_assists)
        if assists != want_assists:
            detail = f"missing {sorted(want_assists - assists)} extra {sorted(assists - want_assists)}"
            result.misses.append(Miss(file, "assist", *key, detail))
        date = task.deadline.date.isoformat() if task.deadline and task.deadline.date else None
        ongoing = bool(task.deadline and task.deadline.ongoing)
        result.deadlines_compared += 1
        variant.deadlines_compared += 1
        if (date, ongoing) == (wanted["deadline"], wanted["ongoing"]):
            result.deadlines_right += 1
            variant.deadlines_right += 1
        else:
            detail = (
                f"{date}/{ongoing} != {wanted['deadline']}/{wanted['ongoing']} ({wanted['deadline_raw']})"
            )
            result.misses.append(Miss(file, "deadline", *key, detail))
        found = {(t.value, t.unit) for t in task.targets}
        want_targets = {(t["value"], t["unit"]) for t in wanted["targets"]}
        result.targets.true_positives += len(found & want_targets)
        result.targets.expected += len(want_targets)
        for value, unit in want_targets - found:
            result.misses.append(Miss(file, "target", *key, f"{value:g}{unit} not found"))
    for key, left in by_key.items():
        for _ in left:
            result.misses.append(Miss(file, "task_extra", *key, ""))
    # Leads of extracted tasks nobody asked for count against precision.
    for left in by_key.values():
        for task in left:
            written, resolved = _observed_leads(task)
            result.leads.add(written, set())
            result.leads_canonical.add(resolved, set())
            result.assists.add({r.written or r.name for r in task.assist_roles}, set())
    return result


def compare_file(truth_path: Path) -> Comparison:
    """Extract the document of one truth file and score it; an unreadable document scores zero."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    try:
        extraction = extract_document(truth_path.parent / truth["file"])
    except DocumentDecodeError as exc:
        failed = Comparison(documents=1, failed=1)
        failed.tasks.expected = len(truth["tasks"])
        failed.misses.append(Miss(truth["file"], "document", "", "decode", exc.reason))
        return failed
    return compare_document(truth, extraction)


def truth_files(corpus_dir: Path) -> list[Path]:
    return sorted(corpus_dir.glob(f"*{TRUTH_SUFFIX}"))


def compare_corpus(corpus_dir: Path, *, workers: int = 1) -> Comparison:
    """Every document of a corpus scored and merged, in file order (``workers`` processes)."""
    paths = truth_files(corpus_dir)
    total = Comparison()
    results: Iterable[Comparison]
    if workers > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(compare_file, paths, chunksize=16))
    else:
        results = map(compare_file, paths)
    for result in results:
        total.merge(result)
    return total


def evaluate(corpus_dir: Path, *, workers: int = 1) -> dict[str, float]:
    """Task recall and lead-unit precision/recall/F1 (and more) of the extractor on a corpus.

    Parameters
    ----------
    corpus_dir
        A folder written by ``reformkg synth``: documents with their ``*.truth.json``.
    workers
        Processes to extract with (documents are independent).

    Returns
    -------
    dict
        Scores between 0 and 1 (``task_recall``, ``lead_f1`` …) and counts (``documents``,
        ``truth_tasks`` …). Reports count only for the document-level checks.
    """
    return compare_corpus(corpus_dir, workers=workers).as_dict()
