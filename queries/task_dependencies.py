"""task_dependencies — dependency edges and chains across documents (任务依赖).

A ``DEPENDS_ON`` edge says its source task depends on its target task (for example a district
task that carries out a city task), with the ``basis`` and ``evidence`` of the link and a
``score``. Without a task the query lists every dependency edge (depth 1); with a task it follows
the chain from that task outward — what it depends on, what those depend on — up to ``max_depth``
steps, each edge once, at the depth of its shortest chain.

Both backends build the same projection (the dependency edges with their tasks' titles and
documents) and run the same Python function over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Rel
from queries._common import all_edges
from queries._links import link_score, require_task_neo4j, require_task_networkx

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "task_dependencies"
TITLE_ZH = "任务依赖"
TITLE_EN = "Task dependencies"
DESCRIPTION = (
    "Dependency links between tasks across documents (DEPENDS_ON: the first task depends on the "
    "second), with basis, evidence and score. Give a task to follow its chain up to max_depth steps; "
    "document keeps links with either end in that document. Empty until links are built."
)


@dataclass(frozen=True, slots=True)
class Params:
    task: str | None = None  # a task id (task:…); None lists every dependency link
    document: str | None = None  # a document id (doc:…): links with either end in it
    max_depth: int = 3  # chain length followed from ``task``


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by depth, then from_id, then to_id (one link per ordered pair of tasks)."""

    from_id: str
    from_title: str
    from_document_id: str
    to_id: str
    to_title: str
    to_document_id: str
    basis: str | None
    evidence: str | None
    score: float | None
    depth: int


# The projection: every dependency link (only those touching $document when one is given). The
# depending side is a task, or a whole plan (a Policy) that implements what a task drafts.
CYPHER = """
MATCH (a)-[r:DEPENDS_ON]->(b:Task)
WHERE (a:Task OR a:Policy)
  AND ($document IS NULL OR coalesce(a.document_id, a.id) = $document OR b.document_id = $document)
RETURN a.id AS from_id, a.title AS from_title, coalesce(a.document_id, a.id) AS from_document_id,
       b.id AS to_id, b.title AS to_title, b.document_id AS to_document_id,
       r.basis AS basis, r.evidence AS evidence, r.score AS score
ORDER BY from_id, to_id
"""


def _order(row: Row) -> tuple[int, str, str]:
    return (row.depth, row.from_id, row.to_id)


def _check(params: Params) -> None:
    if params.max_depth < 1:
        raise QueryParamError(f"{NAME}: max_depth must be at least 1, not {params.max_depth}")


def _projection(records: list[dict[str, Any]]) -> nx.DiGraph:
    """The dependency graph of ``records`` (one per link): tasks with title and document, links
    with basis, evidence and score."""
    P = nx.DiGraph()
    for r in records:
        P.add_node(r["from_id"], title=r["from_title"], document_id=r["from_document_id"])
        P.add_node(r["to_id"], title=r["to_title"], document_id=r["to_document_id"])
        P.add_edge(r["from_id"], r["to_id"], basis=r["basis"], evidence=r["evidence"], score=r["score"])
    return P


def dependency_rows(P: nx.DiGraph, params: Params) -> list[Row]:
    """Rows of the projection ``P``: the shared algorithm of both backends.

    Without ``params.task`` every link is a row of depth 1. With it, a link ``u → v`` is a row
    when ``u`` is reachable from the task in fewer than ``max_depth`` steps; its depth is that
    shortest distance plus one. ``params.document`` then keeps rows with either end in it.
    """
    if params.task is None:
        depth_of = dict.fromkeys(P.nodes, 0)
    elif params.task in P:
        depth_of = nx.single_source_shortest_path_length(P, params.task, cutoff=params.max_depth - 1)
    else:
        return []
    rows = []
    for source, distance in depth_of.items():
        for _, target, data in P.out_edges(source, data=True):
            a, b = P.nodes[source], P.nodes[target]
            if params.document is not None and params.document not in (a["document_id"], b["document_id"]):
                continue
            rows.append(
                Row(
                    source,
                    a["title"],
                    a["document_id"],
                    target,
                    b["title"],
                    b["document_id"],
                    data["basis"],
                    data["evidence"],
                    link_score(data["score"]),
                    distance + 1,
                )
            )
    return sorted(rows, key=_order)


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    _check(params)
    if params.task is not None:
        require_task_networkx(G, NAME, params.task)
    records = []
    for source, target, key, data in all_edges(G):
        if key != Rel.DEPENDS_ON:
            continue
        a, b = G.nodes[source], G.nodes[target]
        records.append(
            {
                "from_id": source,
                "from_title": a["title"],
                "from_document_id": a.get("document_id", source),
                "to_id": target,
                "to_title": b["title"],
                "to_document_id": b["document_id"],
                "basis": data.get("basis"),
                "evidence": data.get("evidence"),
                "score": data.get("score"),
            }
        )
    return dependency_rows(_projection(records), params)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    _check(params)
    if params.task is not None:
        require_task_neo4j(driver, NAME, params.task, database=database)
    # A chain may pass through links outside the document, so it reads them all.
    document = params.document if params.task is None else None
    records = read_rows(driver, CYPHER, database=database, document=document)
    return dependency_rows(_projection(records), params)
