"""The `reformkg extract --json` contract: one extraction as plain JSON-ready dicts."""

from __future__ import annotations

from typing import Any

from graph_build.model import Extraction, Role, Task


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """The machine-readable form of one document's extraction.

    Keys are a contract (other programs read them): ``document``, ``tasks``, ``warnings``.
    ``lead_units`` holds the task's own leads, then the section leads it inherits (scope
    ``section``) that it does not already name itself.
    """
    doc = extraction.document
    return {
        "document": {
            "id": doc.id,
            "title": doc.title,
            "issuer": doc.issuer,
            "jurisdiction": doc.jurisdiction,
            "year": doc.year,
            "script": doc.script.value,
            "doc_type": doc.doc_type.value,
        },
        "tasks": [task_to_dict(task) for task in extraction.tasks],
        "warnings": [
            {"code": w.code, "message": w.message, "task_id": w.task_id} for w in extraction.warnings
        ],
    }


def task_to_dict(task: Task) -> dict[str, Any]:
    own_leads = task.lead_roles
    own_names = {r.name for r in own_leads}
    inherited = [r for r in task.section_lead_roles if r.name not in own_names]
    deadline = task.deadline
    return {
        "id": task.id,
        "number": task.number,
        "path": task.path,
        "title": task.title,
        "text": task.text,
        "parent_id": task.parent_id,
        "kind": task.kind.value,
        "lead_units": [_lead(r) for r in (*own_leads, *inherited)],
        "assist_units": [
            {"name": r.name, "written": r.written, "raw": r.raw, "unit_id": r.unit_id}
            for r in task.assist_roles
        ],
        "section_lead_units": [
            {"name": r.name, "written": r.written, "raw": r.raw, "unit_id": r.unit_id}
            for r in task.section_lead_roles
        ],
        "deadline": (
            {
                "raw": deadline.raw,
                "date": deadline.date.isoformat() if deadline.date else None,
                "kind": deadline.kind.value,
            }
            if deadline
            else None
        ),
        "targets": [
            {"raw": t.raw, "metric": t.metric, "comparator": t.comparator, "value": t.value, "unit": t.unit}
            for t in task.targets
        ],
        "indicators": [
            {
                "id": i.indicator_id,
                "name": i.name,
                "basis": i.basis,
                "evidence": i.evidence,
                "confidence": i.confidence,
            }
            for i in task.indicators
        ],
        "cited_policies": [
            {"title": c.title, "relation": c.relation, "doc_number": c.doc_number} for c in task.citations
        ],
        "reforms": [m.name for m in task.reforms],
        "span": task.span.as_list(),
    }


def _lead(role: Role) -> dict[str, str]:
    return {
        "name": role.name,
        "written": role.written,
        "raw": role.raw,
        "scope": role.scope,
        "unit_id": role.unit_id,
    }
