"""The embedded store: extractions to a networkx MultiDiGraph, saved atomically as node-link JSON."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph_build.errors import GraphFileError
from graph_build.model import Extraction, Label, Rel, Role, RoleKind, Task, unit_id
from graph_build.units import unit_jurisdiction

SCHEMA_VERSION = 1
DEFAULT_GRAPH_PATH = Path("data/graph.json")


def document_props(extraction: Extraction) -> dict[str, Any]:
    doc = extraction.document
    return {
        "label": Label.POLICY.value,
        "name": doc.title,
        "title": doc.title,
        "issuer": doc.issuer,
        "jurisdiction": doc.jurisdiction,
        "parent_jurisdiction": doc.parent_jurisdiction,
        "year": doc.year,
        "published": doc.published.isoformat() if doc.published else None,
        "script": doc.script.value,
        "doc_type": doc.doc_type.value,
        "doc_numbers": list(doc.doc_numbers),
        "source_file": doc.source_file,
        "content_hash": doc.content_hash,
        "is_source": True,
        "task_count": len(extraction.tasks),
        "warning_count": len(extraction.warnings),
    }


def task_props(task: Task, source_file: str) -> dict[str, Any]:
    deadline = task.deadline
    return {
        "label": Label.TASK.value,
        "name": task.title,
        "title": task.title,
        "text": task.text,
        "number": task.number,
        "path": task.path,
        "kind": task.kind.value,
        "parent_id": task.parent_id,
        "document_id": task.document_id,
        "source_file": source_file,
        "section": task.section,
        "deadline_raw": deadline.raw if deadline else None,
        "deadline_date": deadline.date.isoformat() if deadline and deadline.date else None,
        "deadline_kind": deadline.kind.value if deadline else None,
        "span_start": task.span.start,
        "span_end": task.span.end,
        "targets": [
            {
                "raw": t.raw,
                "metric": t.metric,
                "comparator": t.comparator,
                "value": t.value,
                "unit": t.unit,
                "achieved": t.achieved,
            }
            for t in task.targets
        ],
    }


def role_unit_id(role: Role, extraction: Extraction) -> str:
    doc = extraction.document
    return unit_id(unit_jurisdiction(role.name, doc.jurisdiction, doc.parent_jurisdiction), role.name)


def graph_from_extractions(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """The graph of all extractions: Policy, Task and Unit nodes; LEADS, ASSISTS, PART_OF edges.

    Edge keys are the relationship type, so a unit leads a task at most once (its first role
    wins) and adding the same document twice changes nothing.
    """
    graph = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    warnings: list[dict[str, Any]] = []
    for extraction in extractions:
        doc = extraction.document
        graph.add_node(doc.id, **document_props(extraction))
        for task in extraction.tasks:
            graph.add_node(task.id, **task_props(task, doc.source_file))
            parent = task.parent_id or doc.id
            graph.add_edge(task.id, parent, key=Rel.PART_OF.value, type=Rel.PART_OF.value)
            for role in task.roles:
                _add_role(graph, extraction, task, role)
        for warning in extraction.warnings:
            warnings.append(
                {
                    "code": warning.code,
                    "message": warning.message,
                    "file": warning.file,
                    "document_id": doc.id,
                    "task_id": warning.task_id,
                }
            )
    graph.graph["warnings"] = warnings
    return graph


def _add_role(graph: nx.MultiDiGraph, extraction: Extraction, task: Task, role: Role) -> None:
    uid = role_unit_id(role, extraction)
    doc = extraction.document
    if uid not in graph:
        graph.add_node(
            uid,
            label=Label.UNIT.value,
            name=role.name,
            jurisdiction=unit_jurisdiction(role.name, doc.jurisdiction, doc.parent_jurisdiction),
            kind=role.unit_kind.value,
            aliases=[],
        )
    aliases = graph.nodes[uid]["aliases"]
    if role.raw and role.raw != role.name and role.raw not in aliases:
        aliases.append(role.raw)
    rel = Rel.LEADS if role.kind is RoleKind.LEAD else Rel.ASSISTS
    if graph.has_edge(uid, task.id, key=rel.value):
        return
    graph.add_edge(
        uid,
        task.id,
        key=rel.value,
        type=rel.value,
        label=role.label,
        raw=role.raw,
        scope=role.scope,
        document_id=doc.id,
        span_start=role.span.start,
        span_end=role.span.end,
    )


def save_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write node-link JSON (top-level ``nodes`` and ``edges``) atomically: a temporary file
    in the same folder, flushed to disk, then renamed over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = nx.node_link_data(graph, edges="edges")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_graph(path: Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`save_graph`.

    Raises
    ------
    GraphFileError
        Missing file, or not a node-link graph.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GraphFileError(f"{path}: no graph file; run `reformkg build` first") from exc
    except (OSError, ValueError) as exc:
        raise GraphFileError(f"{path}: not a readable graph file ({exc})") from exc
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphFileError(f"{path}: not a node-link graph ({exc})") from exc
    return graph
