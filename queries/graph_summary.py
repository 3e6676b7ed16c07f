"""graph_summary — what the graph holds, counted (图谱概况): nodes, tasks, links, documents, gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.graph_cache import cached
from graph_build.model import Label, Rel
from queries import unassigned_or_vague
from queries._common import ROLE_TYPES, all_edges, in_edges, out_edges

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "graph_summary"
TITLE_ZH = "图谱概况"
TITLE_EN = "Graph summary"
DESCRIPTION = (
    "Counts, by kind: nodes per label (source documents counted apart from cited policies), tasks "
    "per task kind, relationships per type, source documents per document type, and tasks with "
    "unclear responsibility per reason (as unassigned_or_vague). Filter: document — then the "
    "counts are of that document's tasks and the edges at them."
)
KINDS = ("label", "task_kind", "relationship", "documents", "vague")
SOURCE_DOCUMENT = "Document"  # Policy nodes that are source documents, counted under their own key


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None  # a document id (doc:…)


@dataclass(frozen=True, slots=True)
class Row:
    """One count. ``kind`` is one of ``label`` (key: node label; ``Document`` for source
    documents, ``Policy`` for the other policies), ``task_kind`` (task, subtask, measure),
    ``relationship`` (key: type), ``documents`` (key: plan or report) and ``vague`` (key: a
    reason code of unassigned_or_vague, report measures left out; a task can count under two
    reasons). Zero counts are left out. Ordered by kind in that
    order, then key."""

    kind: str
    key: str
    count: int


# Each branch returns (kind, key, count); with a document, only its tasks and their edges count.
# Nodes per label and relationships per type come from Neo4j's count store (constant time; the
# labels and types are the model's, written into the statement); only source documents and tasks
# are read, for the source/cited split and their kinds. Rows of one key are summed.
_SOURCES = "MATCH (d:Policy {is_source: true}) RETURN"
# (kind, key, statement): a statement the count store answers must return the count alone.
COUNT_STORE = [
    *(("label", x.value, f"MATCH (n:{x}) RETURN count(n) AS count") for x in Label),
    *(("relationship", x.value, f"MATCH ()-[r:{x}]->() RETURN count(r) AS count") for x in Rel),
]
CYPHER_REST = "\nUNION ALL\n".join(
    [
        f"{_SOURCES} 'label' AS kind, 'Policy' AS key, -count(d) AS count",
        f"{_SOURCES} 'label' AS kind, $source_document AS key, count(d) AS count",
        "MATCH (t:Task) RETURN 'task_kind' AS kind, t.kind AS key, count(*) AS count",
        f"{_SOURCES} 'documents' AS kind, d.doc_type AS key, count(*) AS count",
    ]
)
CYPHER_DOCUMENT = """
MATCH (t:Task {document_id: $document})
RETURN 'label' AS kind, 'Task' AS key, count(*) AS count
UNION ALL
MATCH (d:Policy {id: $document})
RETURN 'label' AS kind, $source_document AS key, count(*) AS count
UNION ALL
MATCH (t:Task {document_id: $document})-[:LEADS|ASSISTS]-(u:Unit)
RETURN 'label' AS kind, 'Unit' AS key, count(DISTINCT u) AS count
UNION ALL
MATCH (t:Task {document_id: $document})-[:TARGETS]->(i:Indicator)
RETURN 'label' AS kind, 'Indicator' AS key, count(DISTINCT i) AS count
UNION ALL
MATCH (t:Task {document_id: $document})-[:ADVANCES]->(r:Reform)
RETURN 'label' AS kind, 'Reform' AS key, count(DISTINCT r) AS count
UNION ALL
MATCH (t:Task {document_id: $document}) RETURN 'task_kind' AS kind, t.kind AS key, count(*) AS count
UNION ALL
MATCH (t:Task {document_id: $document})-[r]-()
RETURN 'relationship' AS kind, type(r) AS key, count(DISTINCT r) AS count
UNION ALL
MATCH (d:Policy {id: $document}) RETURN 'documents' AS kind, d.doc_type AS key, count(*) AS count
"""
DOCUMENT_EXISTS_CYPHER = "MATCH (d:Policy {id: $document, is_source: true}) RETURN d.id AS id"


def _order(row: Row) -> tuple[int, str]:
    return (KINDS.index(row.kind), row.key)


def _rows(counts: Counter[tuple[str, str]]) -> list[Row]:
    return sorted((Row(kind, key, n) for (kind, key), n in counts.items() if n), key=_order)


def _label_key(data: dict) -> str:
    if data.get("label") == Label.POLICY and data.get("is_source"):
        return SOURCE_DOCUMENT
    return data.get("label", "")


def _corpus_counts(G: nx.MultiDiGraph) -> tuple[Counter[tuple[str, str]], list[str]]:
    """Nodes by label, documents by type and relationships by type of the whole graph, and its
    tasks: one pass over 1.3 million edges at 10,000 documents, so kept per graph."""
    counts: Counter[tuple[str, str]] = Counter()
    tasks = [n for n, d in G.nodes(data=True) if d.get("label") == Label.TASK]
    for _, data in G.nodes(data=True):
        counts["label", _label_key(data)] += 1
        if data.get("label") == Label.POLICY and data.get("is_source"):
            counts["documents", data["doc_type"]] += 1
    for _, _, key, _ in all_edges(G):
        counts["relationship", key] += 1
    return counts, tasks


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    counts: Counter[tuple[str, str]] = Counter()
    if params.document is None:
        counts, tasks = cached(G, "graph_summary.counts", _corpus_counts)
        counts = Counter(counts)
    else:
        document = G.nodes.get(params.document, {})
        if not (document.get("label") == Label.POLICY and document.get("is_source")):
            raise QueryParamError(f"{NAME}: no document {params.document!r} in the graph")
        tasks = [
            n
            for n, d in G.nodes(data=True)
            if d.get("label") == Label.TASK and d.get("document_id") == params.document
        ]
        counts["label", SOURCE_DOCUMENT] = 1
        counts["label", Label.TASK.value] = len(tasks)
        counts["documents", document["doc_type"]] = 1
        neighbours: dict[Label, set[str]] = {Label.UNIT: set(), Label.INDICATOR: set(), Label.REFORM: set()}
        edges: set[tuple[str, str, str]] = set()
        for task in tasks:
            for u, v, key in [
                *((s, task, k) for s, k, _ in in_edges(G, task)),
                *((task, t, k) for t, k, _ in out_edges(G, task)),
            ]:
                edges.add((u, v, key))
                other = v if u == task else u
                label = G.nodes[other].get("label")
                wanted = {
                    Label.UNIT: key in ROLE_TYPES,
                    Label.INDICATOR: key == "TARGETS",
                    Label.REFORM: key == "ADVANCES",
                }
                if label in neighbours and wanted[Label(label)]:
                    neighbours[Label(label)].add(other)
        for label, found in neighbours.items():
            counts["label", label.value] = len(found)
        for _, _, key in edges:
            counts["relationship", key] += 1
    for task in tasks:
        counts["task_kind", G.nodes[task]["kind"]] += 1
    vague = unassigned_or_vague.run_networkx(G, unassigned_or_vague.Params(document=params.document))
    return _rows(counts + _vague_counts(vague))


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    if params.document is not None and not read_rows(
        driver, DOCUMENT_EXISTS_CYPHER, database=database, document=params.document
    ):
        raise QueryParamError(f"{NAME}: no document {params.document!r} in the graph")
    counts: Counter[tuple[str, str]] = Counter()
    if params.document is None:
        # The count store answers only a statement of its own, not a branch of a UNION.
        for kind, key, statement in COUNT_STORE:
            counts[kind, key] += read_rows(driver, statement, database=database)[0]["count"]
    for statement in [CYPHER_REST if params.document is None else CYPHER_DOCUMENT]:
        for record in read_rows(
            driver, statement, database=database, document=params.document, source_document=SOURCE_DOCUMENT
        ):
            counts[record["kind"], record["key"]] += record["count"]
    vague = unassigned_or_vague.reason_counts_neo4j(driver, params.document, database=database)
    return _rows(counts + Counter({("vague", reason): n for reason, n in vague.items()}))


def _vague_counts(rows: list[unassigned_or_vague.Row]) -> Counter[tuple[str, str]]:
    """Tasks per reason of unclear responsibility, as unassigned_or_vague finds them."""
    return Counter(("vague", row.reason) for row in rows)
