"""reform_overview — the named reforms and how widely they are carried (改革举措分布)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.analytics import is_annotated
from graph_build.errors import QueryParamError
from graph_build.model import Label, Rel
from queries._common import in_edges, nodes_with_label

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "reform_overview"
TITLE_ZH = "改革举措分布"
TITLE_EN = "Reforms"
DESCRIPTION = (
    "Each named reform (一网通办, 告知承诺制 …) with the tasks that advance it, in how many documents "
    "and jurisdictions. Filters: document, min_documents, limit."
)


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None  # only tasks of this document (doc:…) count
    min_documents: int = 1
    limit: int = 200


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by documents (desc), tasks (desc), then reform_id."""

    reform_id: str
    name: str
    tasks: int
    documents: int
    jurisdictions: tuple[str, ...]


# One ADVANCES per task and reform, so tasks are counted without DISTINCT; documents are looked up
# once per reform and document rather than once per task.
CYPHER = """
MATCH (r:Reform)<-[:ADVANCES]-(t:Task)
WHERE $document IS NULL OR t.document_id = $document
WITH r, count(t) AS tasks, collect(DISTINCT t.document_id) AS document_ids
WHERE size(document_ids) >= $min_documents
UNWIND document_ids AS document_id
MATCH (d:Policy {id: document_id})
WITH r, tasks, size(document_ids) AS documents, collect(DISTINCT d.jurisdiction) AS places
RETURN r.id AS reform_id, r.name AS name, tasks, documents, places AS jurisdictions
"""


def _order(row: Row) -> tuple[Any, ...]:
    return (-row.documents, -row.tasks, row.reform_id)


def _check(params: Params) -> None:
    if params.limit < 0 or params.min_documents < 0:
        raise QueryParamError(f"{NAME}: limit and min_documents must be 0 or more")


STORED_CYPHER = """
MATCH (r:Reform)
RETURN r.id AS reform_id, r.name AS name, r.reach_json AS reach
"""


def _from_reach(reform: str, name: str, reach: dict[str, Any], params: Params) -> Row | None:
    """The row of a reform from the reach stored on it when the graph was built
    (:mod:`graph_build.analytics`); None when it is in too few documents."""
    if reach["tasks"] == 0 or reach["documents"] < params.min_documents:
        return None
    return Row(reform, name, reach["tasks"], reach["documents"], tuple(reach["jurisdictions"]))


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    _check(params)
    if params.document is None and is_annotated(G):
        stored = (_from_reach(r, d["name"], d["reach"], params) for r, d in nodes_with_label(G, Label.REFORM))
        return sorted((row for row in stored if row is not None), key=_order)[: params.limit]
    tasks: dict[str, set[str]] = defaultdict(set)
    for reform, _ in nodes_with_label(G, Label.REFORM):
        for task, key, _ in in_edges(G, reform):
            data = G.nodes[task]
            if key == Rel.ADVANCES and (params.document is None or data["document_id"] == params.document):
                tasks[reform].add(task)
    rows = []
    for reform, found in tasks.items():
        documents = {G.nodes[t]["document_id"] for t in found}
        if len(documents) < params.min_documents:
            continue
        places = sorted({G.nodes[d].get("jurisdiction", "") for d in documents if d in G})
        rows.append(Row(reform, G.nodes[reform]["name"], len(found), len(documents), tuple(places)))
    return sorted(rows, key=_order)[: params.limit]


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    _check(params)
    if params.document is None:
        found = (
            _from_reach(r["reform_id"], r["name"], json.loads(r["reach"]), params)
            for r in read_rows(driver, STORED_CYPHER, database=database)
        )
        return sorted((row for row in found if row is not None), key=_order)[: params.limit]
    records = read_rows(
        driver, CYPHER, database=database, document=params.document, min_documents=params.min_documents
    )
    rows = [
        Row(r["reform_id"], r["name"], r["tasks"], r["documents"], tuple(sorted(r["jurisdictions"])))
        for r in records
    ]
    return sorted(rows, key=_order)[: params.limit]
