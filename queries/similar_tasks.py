"""similar_tasks — the cross-document neighbours of a task (相似任务).

A ``SIMILAR_TO`` edge joins two tasks of different documents that ask for much the same work, with
a ``score``, the ``basis`` of the match and its ``evidence``. It is symmetric and stored once (from
the smaller id to the larger), so both directions are read. Without a task the query asks about
the task with the most such links (ties by id); on a graph without links it returns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.graph_cache import cached
from graph_build.model import Label, Rel
from queries._common import nodes_with_label
from queries._links import link_score, require_task_neo4j, require_task_networkx, similar_links

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "similar_tasks"
TITLE_ZH = "相似任务"
TITLE_EN = "Similar tasks"
DESCRIPTION = (
    "The tasks linked to one task by SIMILAR_TO (both directions), with score, evidence and basis. "
    "Default task: the one with the most such links. Filters: min_score, limit. "
    "Empty until links are built."
)


@dataclass(frozen=True, slots=True)
class Params:
    task: str | None = None  # a task id (task:…); default: the task with the most SIMILAR_TO links
    min_score: float = 0.0
    limit: int = 20


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by score (desc), then neighbour_id."""

    task_id: str
    neighbour_id: str
    neighbour_title: str
    neighbour_document_id: str
    score: float
    evidence: str | None
    basis: str | None


# The task with the most SIMILAR_TO links (either direction), ties by id; the count comes from
# Neo4j's relationship counts (the linker joins two different tasks, never a task to itself).
DEFAULT_TASK_CYPHER = """
MATCH (t:Task)
WITH t.id AS id, COUNT { (t)-[:SIMILAR_TO]-() } AS links
WHERE links > 0
RETURN id ORDER BY links DESC, id ASC LIMIT 1
"""

CYPHER = """
MATCH (t:Task {id: $task})-[r:SIMILAR_TO]-(n:Task)
WHERE n <> t AND coalesce(r.score, 0.0) >= $min_score
RETURN t.id AS task_id, n.id AS neighbour_id, n.title AS neighbour_title,
       n.document_id AS neighbour_document_id, coalesce(r.score, 0.0) AS score,
       r.evidence AS evidence, r.basis AS basis
ORDER BY score DESC, neighbour_id ASC
"""


def _order(row: Row) -> tuple[float, str, str, str]:
    return (-row.score, row.neighbour_id, row.basis or "", row.evidence or "")


def _check(params: Params) -> None:
    if params.limit < 0:
        raise QueryParamError(f"{NAME}: limit must not be negative, not {params.limit}")


def default_task_networkx(G: nx.MultiDiGraph) -> str | None:
    """The task with the most SIMILAR_TO links (ties by id); None when there are none."""
    return cached(G, "similar_tasks.default", _most_linked_task)


def _most_linked_task(G: nx.MultiDiGraph) -> str | None:
    best: tuple[int, str] | None = None
    for task, _ in nodes_with_label(G, Label.TASK):
        # links join two different tasks (the linker never makes a loop), so counting keys is enough
        links = sum(Rel.SIMILAR_TO in keyed for keyed in G._succ[task].values()) + sum(
            Rel.SIMILAR_TO in keyed for keyed in G._pred[task].values()
        )
        if links and (best is None or (-links, task) < best):
            best = (-links, task)
    return best[1] if best else None


def default_task_neo4j(driver: Driver, *, database: str) -> str | None:
    from graph_build.store_neo4j import read_rows

    rows = read_rows(driver, DEFAULT_TASK_CYPHER, database=database)
    return rows[0]["id"] if rows else None


def _rows(records: list[dict[str, Any]], limit: int) -> list[Row]:
    rows = [
        Row(
            r["task_id"],
            r["neighbour_id"],
            r["neighbour_title"],
            r["neighbour_document_id"],
            link_score(r["score"]) or 0.0,
            r["evidence"],
            r["basis"],
        )
        for r in records
    ]
    return sorted(rows, key=_order)[:limit]


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    _check(params)
    task = params.task
    if task is None:
        task = default_task_networkx(G)
        if task is None:
            return []
    require_task_networkx(G, NAME, task)
    records = []
    for other, data in similar_links(G, task):
        score = data.get("score")
        score = 0.0 if score is None else score
        if score < params.min_score:
            continue
        records.append(
            {
                "task_id": task,
                "neighbour_id": other,
                "neighbour_title": G.nodes[other]["title"],
                "neighbour_document_id": G.nodes[other]["document_id"],
                "score": score,
                "evidence": data.get("evidence"),
                "basis": data.get("basis"),
            }
        )
    return _rows(records, params.limit)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    _check(params)
    task = params.task
    if task is None:
        task = default_task_neo4j(driver, database=database)
        if task is None:
            return []
    require_task_neo4j(driver, NAME, task, database=database)
    records = read_rows(driver, CYPHER, database=database, task=task, min_score=params.min_score)
    return _rows(records, params.limit)
