"""The embedded store: extractions to a networkx MultiDiGraph, saved atomically as node-link JSON."""

from __future__ import annotations

import gc
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph_build.analytics import annotate
from graph_build.errors import GraphFileError
from graph_build.graph_cache import forget
from graph_build.indicators import load_indicators
from graph_build.journal import apply_change, changes_for, drop_journal, epoch_of, file_epoch, remember_origin
from graph_build.links import Link
from graph_build.model import (
    UNRANKED_KINDS,
    Citation,
    Extraction,
    Label,
    Rel,
    Role,
    RoleKind,
    Task,
    Unit,
    indicator_node_id,
    policy_id,
)
from graph_build.normalize import fold_text
from graph_build.policies import normalise_title

SCHEMA_VERSION = 1
UNRANKED_VALUES = frozenset(kind.value for kind in UNRANKED_KINDS)
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
        "warnings": [f"{w.code}: {w.message}" for w in extraction.warnings],
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
                "indicator": t.indicator_id,
            }
            for t in task.targets
        ],
        "target_index": target_index(task),
    }


def target_index(task: Task) -> list[str]:
    """``"<indicator node id or ~>|<1 achieved, 0 aimed at>"`` of each of the task's targets,
    sorted and distinct: what the target list filters and sorts on, readable by Cypher without
    parsing the targets' JSON (``~`` sorts after every indicator id, so targets without one come
    last)."""
    return sorted(
        {
            f"{indicator_node_id(t.indicator_id) if t.indicator_id else '~'}|{int(t.achieved)}"
            for t in task.targets
        }
    )


def graph_from_extractions(extractions: Iterable[Extraction], links: Iterable[Link] = ()) -> nx.MultiDiGraph:
    """The graph of all extractions.

    Nodes: Policy (documents and cited policies), Task, Unit, Indicator (all national ones, so
    uncovered indicators can be asked for), Reform. Edges: LEADS/ASSISTS (unit → task), PART_OF
    (task → document or parent task; division or branch → its body), TARGETS (task → indicator),
    CITES/PRODUCES (task → policy), IMPLEMENTS/CITES (document → policy), ADVANCES (task → reform),
    ISSUED_BY (document → unit). Edge keys are the relationship type, so adding the same document
    twice changes nothing. Unit nodes carry their community and Indicator nodes their coverage
    (:mod:`graph_build.analytics`).
    """
    extractions = list(extractions)
    graph = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    for indicator in load_indicators():
        graph.add_node(
            indicator_node_id(indicator.id),
            label=Label.INDICATOR.value,
            name=indicator.name,
            en=indicator.en,
            indicator=indicator.id,
            bready=list(indicator.bready),
        )
    titles = {normalise_title(fold_text(e.document.title)): e.document.id for e in extractions}
    warnings: list[dict[str, Any]] = []
    for extraction in extractions:
        warnings += add_extraction(graph, extraction, titles)
    add_links(graph, links)
    graph.graph["warnings"] = warnings
    annotate(graph)
    return graph


def source_titles(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Normalised title → id of every source document in ``graph`` (what citations resolve to)."""
    return {
        normalise_title(fold_text(data["title"])): node
        for node, data in graph.nodes(data=True)
        if data.get("label") == Label.POLICY and data.get("is_source")
    }


def add_extraction(
    graph: nx.MultiDiGraph, extraction: Extraction, titles: dict[str, str]
) -> list[dict[str, Any]]:
    """Add one document's nodes and edges to ``graph``; returns its warnings as graph records.

    ``titles`` maps normalised titles to source document ids, so a citation of a plan in the
    corpus points at that document's node.
    """
    forget(graph)
    doc = extraction.document
    graph.add_node(doc.id, **document_props(extraction))
    for unit in extraction.units:
        _add_unit(graph, unit)
    for unit in extraction.units:
        if unit.parent_id and unit.parent_id != unit.id:
            graph.add_edge(
                unit.id,
                unit.parent_id,
                key=Rel.PART_OF.value,
                type=Rel.PART_OF.value,
                relation=unit.parent_relation,
            )
    issuer = next(
        (u.id for u in extraction.units if any(a.rule == "issuer of the document" for a in u.aliases)),
        None,
    )
    if issuer:
        graph.add_edge(doc.id, issuer, key=Rel.ISSUED_BY.value, type=Rel.ISSUED_BY.value)
    for citation in doc.citations:
        _add_citation(graph, doc.id, citation, titles)
    for task in extraction.tasks:
        graph.add_node(task.id, **task_props(task, doc.source_file))
        parent = task.parent_id or doc.id
        graph.add_edge(task.id, parent, key=Rel.PART_OF.value, type=Rel.PART_OF.value)
        for role in task.roles:
            _add_role(graph, task, role)
        _count_leads(graph, task.id)
        for link in task.indicators:
            graph.add_edge(
                task.id,
                indicator_node_id(link.indicator_id),
                key=Rel.TARGETS.value,
                type=Rel.TARGETS.value,
                basis=link.basis,
                evidence=link.evidence,
                confidence=link.confidence,
                document_id=doc.id,
            )
        for citation in task.citations:
            _add_citation(graph, task.id, citation, titles)
        for mention in task.reforms:
            if mention.reform_id not in graph:
                graph.add_node(mention.reform_id, label=Label.REFORM.value, name=mention.name)
            graph.add_edge(
                task.id,
                mention.reform_id,
                key=Rel.ADVANCES.value,
                type=Rel.ADVANCES.value,
                evidence=mention.evidence,
                span_start=mention.span.start,
                span_end=mention.span.end,
                document_id=doc.id,
            )
    return [
        {
            "code": warning.code,
            "message": warning.message,
            "file": warning.file,
            "document_id": doc.id,
            "task_id": warning.task_id,
        }
        for warning in extraction.warnings
    ]


def add_links(graph: nx.MultiDiGraph, links: Iterable[Link]) -> None:
    """Add links between tasks (and documents) whose both ends are in ``graph``."""
    forget(graph)
    for task_link in links:
        if task_link.source in graph and task_link.target in graph:
            graph.add_edge(
                task_link.source,
                task_link.target,
                key=task_link.type.value,
                type=task_link.type.value,
                basis=task_link.basis,
                evidence=task_link.evidence,
                score=task_link.score,
                rule=task_link.rule,
                documents=list(task_link.documents),
            )


def _add_unit(graph: nx.MultiDiGraph, unit: Unit) -> None:
    aliases = [{"spelling": a.spelling, "rule": a.rule} for a in unit.aliases]
    if unit.id in graph and "aliases" in graph.nodes[unit.id]:
        known = graph.nodes[unit.id]["aliases"]
        spellings = {a["spelling"] for a in known}
        known.extend(a for a in aliases if a["spelling"] not in spellings)
    else:
        graph.add_node(
            unit.id,
            label=Label.UNIT.value,
            name=unit.name,
            jurisdiction=unit.jurisdiction,
            kind=unit.kind.value,
            unit_type=unit.unit_type,
            aliases=aliases,
        )


def _count_leads(graph: nx.MultiDiGraph, task: str) -> None:
    """Store how many units lead ``task`` and how many of them are ranked (not collective or
    redacted): the figures that say whether its responsibility is clear, which Neo4j can then
    find through an index instead of reading the leads of every task."""
    leads = [unit for unit, keyed in graph._pred[task].items() if Rel.LEADS.value in keyed]
    data = graph.nodes[task]
    data["lead_count"] = len(leads)
    data["ranked_lead_count"] = sum(graph.nodes[unit].get("kind") not in UNRANKED_VALUES for unit in leads)


def _add_role(graph: nx.MultiDiGraph, task: Task, role: Role) -> None:
    rel = Rel.LEADS if role.kind is RoleKind.LEAD else Rel.ASSISTS
    if graph.has_edge(role.unit_id, task.id, key=rel.value):
        return
    graph.add_edge(
        role.unit_id,
        task.id,
        key=rel.value,
        type=rel.value,
        label=role.label,
        raw=role.raw,
        scope=role.scope,
        document_id=task.document_id,
        span_start=role.span.start,
        span_end=role.span.end,
    )


def _add_citation(graph: nx.MultiDiGraph, source: str, citation: Citation, titles: dict[str, str]) -> None:
    target = titles.get(citation.title) or policy_id(citation.title)
    if target == source or (source.startswith("task:") and target == graph.nodes[source]["document_id"]):
        return
    if target not in graph:
        graph.add_node(
            target,
            label=Label.POLICY.value,
            name=citation.title,
            title=citation.title,
            is_source=False,
            doc_numbers=[citation.doc_number] if citation.doc_number else [],
        )
    elif citation.doc_number and citation.doc_number not in graph.nodes[target].setdefault("doc_numbers", []):
        graph.nodes[target]["doc_numbers"].append(citation.doc_number)
    rel = {"produces": Rel.PRODUCES, "implements": Rel.IMPLEMENTS}.get(citation.relation, Rel.CITES)
    if not graph.has_edge(source, target, key=rel.value):
        graph.add_edge(
            source,
            target,
            key=rel.value,
            type=rel.value,
            evidence=citation.raw,
            span_start=citation.span.start,
            span_end=citation.span.end,
        )


def write_atomically(path: Path, data: bytes | Callable[[IO[bytes]], None]) -> None:
    """Write ``data`` (bytes, or a function writing to a binary handle) to ``path`` so that a
    reader sees the old file or the new one, never half: a temporary file in the same folder,
    flushed to disk, then renamed over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write node-link JSON (top-level ``nodes`` and ``edges``) atomically, streamed to the file
    so a large graph is never held twice more in memory as one string.

    The journal of the old snapshot is deleted (see :mod:`graph_build.journal`)."""
    data = nx.node_link_data(graph, edges="edges")

    def write(handle: IO[bytes]) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", write_through=False)
        json.dump(data, text, ensure_ascii=False, sort_keys=True)
        text.flush()
        text.detach()

    write_atomically(path, write)
    drop_journal(path)
    remember_origin(graph, path, file_epoch(path))


def load_graph(path: Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`save_graph`, with the documents added since (its journal).

    Raises
    ------
    GraphFileError
        Missing file, not a node-link graph, or a journal line in the middle that is not one.
    """
    try:
        raw = path.read_bytes()
        epoch = epoch_of(raw)
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError as exc:
        raise GraphFileError(f"{path}: no graph file; run `reformkg build` first") from exc
    except (OSError, ValueError) as exc:
        raise GraphFileError(f"{path}: not a readable graph file ({exc})") from exc
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphFileError(f"{path}: not a node-link graph ({exc})") from exc
    del raw, data
    for change in changes_for(path, epoch):
        apply_change(graph, change)
    remember_origin(graph, path, epoch)
    # A 10,000-document graph is some ten million objects that live as long as the process; left
    # to the cyclic collector, each full collection walks all of them (a second or more, at
    # random moments of later questions). Frozen, they are skipped; freeing still works.
    gc.freeze()
    return graph
