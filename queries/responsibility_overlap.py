"""responsibility_overlap — units that share tasks, and tasks with many co-leads (责任交叉).

Two modes in one query. ``pairs``: every pair of units that are both on at least ``min_shared``
of the same tasks (any role, 牵头 or 配合), with the Jaccard overlap of their task sets. ``coleads``:
the tasks with the most lead units (多头牵头), where responsibility is diffused.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.graph_cache import cached
from graph_build.model import Label, Rel
from queries._common import UNRANKED, nodes_with_label, ranked, roles_on_task, round4

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "responsibility_overlap"
TITLE_ZH = "责任交叉"
TITLE_EN = "Responsibility overlap"
DESCRIPTION = (
    "Pairs of units on the same tasks (shared tasks, Jaccard overlap), or with mode=coleads the "
    "tasks with the most lead units (多头牵头). Filters: document, jurisdiction (of the units); "
    "collective and redacted holders only when asked."
)
MODES = ("pairs", "coleads")
MAX_TASK_IDS = 20


@dataclass(frozen=True, slots=True)
class Params:
    mode: str = "pairs"  # pairs | coleads
    document: str | None = None  # a document id (doc:…): only its tasks count
    jurisdiction: str | None = None  # only units of this jurisdiction count
    include_collective: bool = False
    min_shared: int = 2  # pairs: least number of shared tasks
    min_leads: int = 2  # coleads: least number of lead units on a task
    limit: int = 50

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise QueryParamError(f"{NAME}: mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.min_shared < 1 or self.min_leads < 1:
            raise QueryParamError(f"{NAME}: min_shared and min_leads must be at least 1")
        if self.limit < 0:
            raise QueryParamError(f"{NAME}: limit must not be negative, not {self.limit}")


@dataclass(frozen=True, slots=True)
class Row:
    """One pair of units (``mode="pairs"``) or one task (``mode="coleads"``); the other mode's
    fields are None (or empty).

    pairs: ``unit_a`` < ``unit_b`` (ids); ``shared`` tasks both are on, ``union_tasks`` tasks
    either is on, ``jaccard`` = shared / union_tasks, ``shared_task_ids`` sorted, at most 20.
    Ordered by shared (desc), union_tasks (asc, i.e. Jaccard desc at equal shared), unit_a, unit_b.

    coleads: ``leads`` lead units on the task (section leads included), ``lead_names`` sorted.
    Ordered by leads (desc), document_id, then task_id.
    """

    mode: str
    unit_a: str | None = None
    unit_a_name: str | None = None
    unit_b: str | None = None
    unit_b_name: str | None = None
    shared: int | None = None
    union_tasks: int | None = None
    jaccard: float | None = None
    shared_task_ids: tuple[str, ...] = ()
    task_id: str | None = None
    title: str | None = None
    document_id: str | None = None
    leads: int | None = None
    lead_names: tuple[str, ...] = ()


PAIRS_CYPHER = """
MATCH (a:Unit)-[:LEADS|ASSISTS]->(t:Task)<-[:LEADS|ASSISTS]-(b:Unit)
WHERE a.id < b.id
  AND ($document IS NULL OR t.document_id = $document)
  AND ($jurisdiction IS NULL OR (a.jurisdiction = $jurisdiction AND b.jurisdiction = $jurisdiction))
  AND ($include_collective OR (NOT a.kind IN $unranked AND NOT b.kind IN $unranked))
WITH a, b, collect(DISTINCT t.id) AS shared_ids
WHERE size(shared_ids) >= $min_shared
WITH a, b, shared_ids,
     COUNT { MATCH (a)-[:LEADS|ASSISTS]->(ta:Task)
             WHERE $document IS NULL OR ta.document_id = $document RETURN DISTINCT ta } AS na,
     COUNT { MATCH (b)-[:LEADS|ASSISTS]->(tb:Task)
             WHERE $document IS NULL OR tb.document_id = $document RETURN DISTINCT tb } AS nb
RETURN a.id AS unit_a, a.name AS unit_a_name, b.id AS unit_b, b.name AS unit_b_name,
       size(shared_ids) AS shared, na + nb - size(shared_ids) AS union_tasks, shared_ids
ORDER BY shared DESC, union_tasks ASC, unit_a ASC, unit_b ASC
LIMIT $limit
"""

# Across the corpus (no document) the pairs are read from the SHARES_TASKS relationships the
# Neo4j load derives (see graph_build.store_neo4j.refresh_shared_tasks), best first.
STORED_PAIRS_CYPHER = """
MATCH (a:Unit)-[s:SHARES_TASKS]->(b:Unit)
WHERE s.tasks >= $min_shared
  AND ($jurisdiction IS NULL OR (a.jurisdiction = $jurisdiction AND b.jurisdiction = $jurisdiction))
WITH a, b, s.tasks AS shared, a.task_count + b.task_count - s.tasks AS union_tasks
ORDER BY shared DESC, union_tasks ASC, a.id ASC, b.id ASC
LIMIT $limit
RETURN a.id AS unit_a, a.name AS unit_a_name, b.id AS unit_b, b.name AS unit_b_name, shared, union_tasks,
       COLLECT { MATCH (a)-[:LEADS|ASSISTS]->(t:Task)<-[:LEADS|ASSISTS]-(b) RETURN DISTINCT t.id }
         AS shared_ids
"""

COLEADS_CYPHER = """
MATCH (u:Unit)-[:LEADS]->(t:Task)
WHERE ($document IS NULL OR t.document_id = $document)
  AND ($jurisdiction IS NULL OR u.jurisdiction = $jurisdiction)
  AND ($include_collective OR NOT u.kind IN $unranked)
WITH t, collect(u.name) AS lead_names
WHERE size(lead_names) >= $min_leads
RETURN t.id AS task_id, t.title AS title, t.document_id AS document_id,
       size(lead_names) AS leads, lead_names
ORDER BY leads DESC, document_id ASC, task_id ASC
LIMIT $limit
"""


def _order(row: Row) -> tuple[Any, ...]:
    if row.mode == "pairs":
        return (-(row.shared or 0), row.union_tasks, row.unit_a, row.unit_b)
    return (-(row.leads or 0), row.document_id, row.task_id)


def _pair_row(a: str, a_name: str, b: str, b_name: str, shared_ids: list[str], union_tasks: int) -> Row:
    return Row(
        mode="pairs",
        unit_a=a,
        unit_a_name=a_name,
        unit_b=b,
        unit_b_name=b_name,
        shared=len(shared_ids),
        union_tasks=union_tasks,
        jaccard=round4(len(shared_ids) / union_tasks),
        shared_task_ids=tuple(sorted(shared_ids)[:MAX_TASK_IDS]),
    )


def _colead_row(task_id: str, title: str, document_id: str, names: list[str]) -> Row:
    return Row(
        mode="coleads",
        task_id=task_id,
        title=title,
        document_id=document_id,
        leads=len(names),
        lead_names=tuple(sorted(names)),
    )


def _counts(G: nx.MultiDiGraph, unit: str, params: Params) -> bool:
    data = G.nodes[unit]
    if params.jurisdiction is not None and data["jurisdiction"] != params.jurisdiction:
        return False
    return ranked(data["kind"], params.include_collective)


def _pairs(
    G: nx.MultiDiGraph, tasks: list[tuple[str, dict[str, Any]]], params: Params
) -> tuple[dict[str, set[str]], dict[tuple[str, str], list[str]]]:
    """Each counted unit's tasks, and the tasks each pair of counted units shares."""
    tasks_of: dict[str, set[str]] = defaultdict(set)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, _ in tasks:
        units = sorted({unit for unit, _ in roles_on_task(G, task) if _counts(G, unit, params)})
        for unit in units:
            tasks_of[unit].add(task)
        for i, a in enumerate(units):
            for b in units[i + 1 :]:
                shared[(a, b)].append(task)
    return tasks_of, shared


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    tasks = [
        (task, data)
        for task, data in nodes_with_label(G, Label.TASK)
        if params.document is None or data["document_id"] == params.document
    ]
    rows = []
    if params.mode == "coleads":
        for task, data in tasks:
            names = [
                G.nodes[unit]["name"]
                for unit, role in roles_on_task(G, task)
                if role == Rel.LEADS and _counts(G, unit, params)
            ]
            if len(names) >= params.min_leads:
                rows.append(_colead_row(task, data["title"], data["document_id"], names))
        return sorted(rows, key=_order)[: params.limit]
    if params.document is None and params.jurisdiction is None:
        name = f"responsibility_overlap.pairs.{params.include_collective}"
        tasks_of, shared = cached(G, name, lambda graph: _pairs(graph, tasks, params))
    else:
        tasks_of, shared = _pairs(G, tasks, params)
    # Rank on numbers first (|A ∪ B| = |A| + |B| − shared); rows are made for the first `limit`.
    ranking = [
        (-len(ids), len(tasks_of[a]) + len(tasks_of[b]) - len(ids), a, b)
        for (a, b), ids in shared.items()
        if len(ids) >= params.min_shared
    ]
    for _, union_tasks, a, b in heapq.nsmallest(params.limit, ranking):
        rows.append(_pair_row(a, G.nodes[a]["name"], b, G.nodes[b]["name"], shared[a, b], union_tasks))
    return sorted(rows, key=_order)[: params.limit]


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    common = {
        "document": params.document,
        "jurisdiction": params.jurisdiction,
        "include_collective": params.include_collective,
        "unranked": UNRANKED,
        "limit": params.limit,
    }
    if params.mode == "coleads":
        records = read_rows(driver, COLEADS_CYPHER, database=database, min_leads=params.min_leads, **common)
        rows = [_colead_row(r["task_id"], r["title"], r["document_id"], r["lead_names"]) for r in records]
    else:
        stored = params.document is None and not params.include_collective
        records = read_rows(
            driver,
            STORED_PAIRS_CYPHER if stored else PAIRS_CYPHER,
            database=database,
            min_shared=params.min_shared,
            **common,
        )
        rows = [
            _pair_row(
                r["unit_a"],
                r["unit_a_name"],
                r["unit_b"],
                r["unit_b_name"],
                r["shared_ids"],
                r["union_tasks"],
            )
            for r in records
        ]
    return sorted(rows, key=_order)
