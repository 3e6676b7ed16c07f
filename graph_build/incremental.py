"""Adding one document to a built graph without rebuilding the corpus.

A full build extracts and links every document; on a large corpus that takes minutes. Adding one
document instead: its old version (if any) leaves the graph, the new extraction goes in, and its
links are computed against the documents it can link to — those sharing a named reform with it,
those of its jurisdiction chain, the plans it cites or implements and those citing it — read back
from the graph. Similarity weights (IDF) then come from that neighbourhood rather than the whole
corpus, so scores can differ slightly from a full build; ``reformkg build`` recomputes them all.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph_build.analytics import (
    annotate_coverage,
    annotate_reach,
    place_units,
    targets_of_document,
    units_around,
)
from graph_build.graph_cache import forget
from graph_build.links import Link, link_tasks
from graph_build.model import (
    Citation,
    DocType,
    Document,
    Extraction,
    IndicatorLink,
    Label,
    ReformMention,
    Rel,
    Script,
    Span,
    Task,
    TaskKind,
)
from graph_build.normalize import fold_text
from graph_build.policies import normalise_title
from graph_build.store_networkx import add_extraction, add_links, source_titles

# Documents read back for linking one new document: enough to find its counterparts, few enough
# to stay within seconds (each costs about a millisecond of tokenising per task).
MAX_NEIGHBOUR_DOCUMENTS = 120
_CITATION_TYPES = (Rel.CITES.value, Rel.IMPLEMENTS.value, Rel.PRODUCES.value)
_RELATIONS = {Rel.CITES.value: "cites", Rel.IMPLEMENTS.value: "implements", Rel.PRODUCES.value: "produces"}


def remove_document(graph: nx.MultiDiGraph, doc_id: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Take a source document, its tasks and every edge at them out of ``graph``; units, reforms
    and cited policies nobody else uses go too. Returns the edges other documents had into the
    document node (citations of this plan), so they can be put back when its new version comes.
    """
    if doc_id not in graph:
        return []
    forget(graph)
    tasks = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("label") == Label.TASK and d.get("document_id") == doc_id
    ]
    owned = {doc_id, *tasks}
    incoming = [
        (source, doc_id, key, dict(data))
        for source, _, key, data in graph.in_edges(doc_id, keys=True, data=True)
        if source not in owned and key in _CITATION_TYPES
    ]
    neighbours = {n for node in owned for n in nx.all_neighbors(graph, node)} - owned
    graph.remove_nodes_from(owned)
    for node in neighbours:
        label = graph.nodes[node].get("label")
        if label in (Label.UNIT, Label.REFORM, Label.POLICY) and graph.degree(node) == 0:
            graph.remove_node(node)
    graph.graph["warnings"] = [w for w in graph.graph.get("warnings", []) if w.get("document_id") != doc_id]
    return incoming


def extraction_from_graph(graph: nx.MultiDiGraph, doc_id: str, tasks: list[str] | None = None) -> Extraction:
    """What linking needs of a document already in the graph: its metadata, citations, and tasks
    with their text, reforms, indicators and citations (no roles, deadlines or source text).

    ``tasks`` are the document's task ids when the caller has them (finding them is a pass over
    the whole graph)."""
    data = graph.nodes[doc_id]
    document = Document(
        id=doc_id,
        source_file=data.get("source_file", ""),
        title=data.get("title", ""),
        issuer=data.get("issuer", ""),
        jurisdiction=data.get("jurisdiction", ""),
        parent_jurisdiction=data.get("parent_jurisdiction", ""),
        year=data.get("year"),
        published=None,
        script=Script(data.get("script", Script.SIMPLIFIED.value)),
        doc_type=DocType(data.get("doc_type", DocType.PLAN.value)),
        doc_numbers=tuple(data.get("doc_numbers", ())),
        content_hash=data.get("content_hash", ""),
        citations=tuple(_citations(graph, doc_id)),
    )
    if tasks is None:
        tasks = tasks_by_document(graph).get(doc_id, [])
    read = sorted((_task(graph, node, graph.nodes[node]) for node in tasks), key=lambda t: t.span.start)
    return Extraction(document=document, tasks=tuple(read), warnings=(), text="")


def tasks_by_document(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Document id → the ids of its tasks, in one pass over the graph."""
    found: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("label") == Label.TASK:
            found.setdefault(data.get("document_id", ""), []).append(node)
    return found


def _citations(graph: nx.MultiDiGraph, node: str) -> list[Citation]:
    found = []
    for _, target, key, edge in graph.out_edges(node, keys=True, data=True):
        if key not in _CITATION_TYPES:
            continue
        target_data = graph.nodes[target]
        title = target_data.get("title", "")
        if target_data.get("is_source"):
            title = normalise_title(fold_text(title))
        span = Span(node, edge.get("span_start", 0), edge.get("span_end", 0))
        found.append(Citation(title, edge.get("evidence", ""), _RELATIONS[key], "", span))
    return found


def _task(graph: nx.MultiDiGraph, node: str, data: dict[str, Any]) -> Task:
    doc = data["document_id"]
    indicators, reforms = [], []
    for _, target, key, edge in graph.out_edges(node, keys=True, data=True):
        if key == Rel.TARGETS:
            indicator = graph.nodes[target]
            indicators.append(
                IndicatorLink(
                    indicator.get("indicator", target),
                    indicator.get("name", ""),
                    edge.get("basis", ""),
                    edge.get("evidence", ""),
                    edge.get("confidence", 0.0),
                )
            )
        elif key == Rel.ADVANCES:
            reforms.append(
                ReformMention(
                    target,
                    graph.nodes[target].get("name", ""),
                    edge.get("evidence", ""),
                    Span(doc, edge.get("span_start", 0), edge.get("span_end", 0)),
                )
            )
    return Task(
        id=node,
        document_id=doc,
        number=data.get("number", ""),
        path=data.get("path", ""),
        title=data.get("title", ""),
        text=data.get("text", ""),
        kind=TaskKind(data.get("kind", TaskKind.TASK.value)),
        parent_id=data.get("parent_id"),
        section=data.get("section", ""),
        roles=(),
        deadline=None,
        targets=(),
        span=Span(doc, data.get("span_start", 0), data.get("span_end", 0)),
        indicators=tuple(indicators),
        citations=tuple(_citations(graph, node)),
        reforms=tuple(reforms),
    )


def neighbour_documents(
    graph: nx.MultiDiGraph, extraction: Extraction, limit: int = MAX_NEIGHBOUR_DOCUMENTS
) -> list[str]:
    """The documents ``extraction`` can link to, most related first: its jurisdiction chain and
    the plans it cites, implements or is cited by, then those sharing the most reform mentions."""
    doc = extraction.document
    places = {doc.jurisdiction, doc.parent_jurisdiction} - {""}
    sources = {
        node: data
        for node, data in graph.nodes(data=True)
        if data.get("label") == Label.POLICY and data.get("is_source") and node != doc.id
    }
    chain = {
        node
        for node, data in sources.items()
        if data.get("jurisdiction") in places
        or (doc.jurisdiction and data.get("parent_jurisdiction") == doc.jurisdiction)
    }
    titles = {normalise_title(fold_text(data.get("title", ""))): node for node, data in sources.items()}
    cited = {titles[c.title] for c in doc.citations if c.title in titles}
    cited |= {titles[c.title] for t in extraction.tasks for c in t.citations if c.title in titles}
    citing = (
        {
            graph.nodes[source].get("document_id", source)
            for source, _, key in graph.in_edges(doc.id, keys=True)
            if key in _CITATION_TYPES
        }
        if doc.id in graph
        else set()
    )
    produced = {c.title for t in extraction.tasks for c in t.citations if c.relation == "produces"}
    for node, data in graph.nodes(data=True):
        if data.get("label") == Label.POLICY and not data.get("is_source") and data.get("title") in produced:
            citing |= {
                graph.nodes[s].get("document_id", s)
                for s, _, k in graph.in_edges(node, keys=True)
                if k in _CITATION_TYPES
            }
    shared: Counter[str] = Counter()
    for reform in {m.reform_id for t in extraction.tasks for m in t.reforms}:
        if reform in graph:
            for task, _, key in graph.in_edges(reform, keys=True):
                if key == Rel.ADVANCES:
                    shared[graph.nodes[task].get("document_id", "")] += 1
    first = sorted((chain | cited | citing) & sources.keys())
    rest = [
        d
        for d, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
        if d in sources and d not in first
    ]
    return (first + rest)[:limit]


def link_document(graph: nx.MultiDiGraph, extraction: Extraction) -> list[Link]:
    """The links of ``extraction``'s document and tasks with its neighbour documents."""
    by_document = tasks_by_document(graph)
    neighbours = [
        extraction_from_graph(graph, d, by_document.get(d, []))
        for d in neighbour_documents(graph, extraction)
    ]
    own = {extraction.document.id, *(t.id for t in extraction.tasks)}
    return [
        link for link in link_tasks([extraction, *neighbours]) if link.source in own or link.target in own
    ]


def replace_document(graph: nx.MultiDiGraph, extraction: Extraction) -> list[Link]:
    """Put ``extraction`` into ``graph`` in place of its old version (if any), with its links.

    Returns the links added.
    """
    doc_id = extraction.document.id
    touched = units_around(graph, doc_id)
    indicators = targets_of_document(graph, doc_id, Rel.TARGETS)
    reforms = targets_of_document(graph, doc_id, Rel.ADVANCES)
    incoming = remove_document(graph, doc_id)
    titles = source_titles(graph)
    titles[normalise_title(fold_text(extraction.document.title))] = doc_id
    graph.graph.setdefault("warnings", []).extend(add_extraction(graph, extraction, titles))
    for source, target, key, data in incoming:
        if source in graph:
            graph.add_edge(source, target, key=key, **data)
    links = link_document(graph, extraction)
    add_links(graph, links)
    touched |= units_around(graph, doc_id) | {unit.id for unit in extraction.units}  # issuers, parents too
    place_units(graph, touched)
    annotate_coverage(graph, indicators | targets_of_document(graph, doc_id, Rel.TARGETS))
    annotate_reach(graph, reforms | targets_of_document(graph, doc_id, Rel.ADVANCES))
    return links
