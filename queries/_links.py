"""Pieces the link queries share (任务关联): checking a task parameter on both backends, link scores.

The cross-document links are ``DEPENDS_ON`` and ``SIMILAR_TO`` edges between tasks. A graph built
before links exist has none; the queries then return what the graph holds, possibly nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Label, Rel
from queries._common import in_edges, out_edges, round4

if TYPE_CHECKING:
    from neo4j import Driver

TASK_EXISTS_CYPHER = """
MATCH (t:Task {id: $task})
RETURN t.id AS id
"""


def require_task_networkx(G: nx.MultiDiGraph, query: str, task: str) -> None:
    """Raise :class:`QueryParamError` unless ``task`` is a Task node of ``G``."""
    if task not in G or G.nodes[task].get("label") != Label.TASK:
        raise QueryParamError(f"{query}: no task {task!r} in the graph")


def require_task_neo4j(driver: Driver, query: str, task: str, *, database: str) -> None:
    """Raise :class:`QueryParamError` unless ``task`` is a Task node in Neo4j (same message)."""
    from graph_build.store_neo4j import read_rows

    if not read_rows(driver, TASK_EXISTS_CYPHER, database=database, task=task):
        raise QueryParamError(f"{query}: no task {task!r} in the graph")


def similar_links(G: nx.MultiDiGraph, task: str) -> list[tuple[str, dict[str, Any]]]:
    """``(other task, edge data)`` for every SIMILAR_TO edge at ``task``, read in both directions
    (links are stored once); loops and non-task ends are left out, as the Cypher patterns do."""
    found = [(v, d) for v, k, d in out_edges(G, task) if k == Rel.SIMILAR_TO]
    found += [(u, d) for u, k, d in in_edges(G, task) if k == Rel.SIMILAR_TO]
    return [(o, d) for o, d in found if o != task and G.nodes[o].get("label") == Label.TASK]


def link_score(value: Any) -> float | None:
    """A link's score as stored (a float, or absent), rounded the same way on both backends."""
    return None if value is None else round4(float(value))
