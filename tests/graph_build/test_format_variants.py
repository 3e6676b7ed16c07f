"""Every hand-written format variant extracts exactly the tasks, units and deadlines annotated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_build.pipeline import extract_document
from graph_build.serialize import task_to_dict

VARIANTS = Path(__file__).resolve().parent.parent / "fixtures" / "variants"
CASES = sorted(VARIANTS.glob("*.txt"))


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _observed_task(task: dict, numbers_by_id: dict[str, str]) -> dict:
    own = [u for u in task["lead_units"] if u["scope"] != "section"]
    observed = {
        "number": task["number"],
        "parent_number": numbers_by_id.get(task["parent_id"]) if task["parent_id"] else None,
        "title": task["title"],
        "lead": [u["written"] for u in own],
        "assist": [u["written"] for u in task["assist_units"]],
        "section_lead": [u["written"] for u in task["section_lead_units"]],
        "deadline": None,
    }
    scopes = {u["written"]: u["scope"] for u in own if u["scope"] not in ("task", "section")}
    if scopes:
        observed["lead_scopes"] = scopes
    if task["deadline"]:
        d = task["deadline"]
        observed["deadline"] = {
            "raw": d["raw"],
            "date": d["date"],
            "ongoing": d["kind"] in ("ongoing", "due_and_ongoing"),
        }
    return observed


def test_there_are_at_least_fifteen_variants() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_variant_extracts_exactly_the_annotated_tasks(path: Path) -> None:
    expected = _expected(path)
    extraction = extract_document(path)
    tasks = [task_to_dict(t) for t in extraction.tasks]
    numbers = {t["id"]: t["number"] for t in tasks}
    observed = [_observed_task(t, numbers) for t in tasks]
    assert extraction.document.year == expected["plan_year"]
    assert observed == expected["tasks"]
    codes = {w.code for w in extraction.warnings}
    assert set(expected["warnings"]) <= codes
