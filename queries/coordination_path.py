"""coordination_path — the shortest chain of shared tasks between two units (协同路径).

The chain runs over the undirected bipartite graph of units and tasks (LEADS/ASSISTS): it
alternates unit, task, unit, … so each task on it is one both neighbouring units hold. Of all
shortest chains the one whose sequence of node ids is lexicographically smallest is returned, so
the answer is unique.

Both backends run the same bidirectional breadth-first search (:func:`chain`), each answering only
"who are the neighbours of these nodes" (graph lookups, or one Cypher statement per layer), so
neither pulls the whole unit network out of the store: at 10,000 documents that projection alone
took seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from graph_build.model import Label, Rel
from queries._common import (
    UNRANKED,
    busiest_unit_neo4j,
    busiest_unit_networkx,
    ranked,
    roles_of_unit,
    roles_on_task,
)

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "coordination_path"
TITLE_ZH = "协同路径"
TITLE_EN = "Coordination path"
DESCRIPTION = (
    "The shortest chain unit – shared task – unit – … between source and target units (ties: the "
    "smallest ids). Defaults: source the busiest unit, target the busiest unit of the same "
    "jurisdiction that shares no task with it (else the second busiest). Collective and redacted "
    "holders are left out of the chain unless include_collective."
)

# ids of nodes of one side (all units or all tasks) → their neighbours on the other side
Expand = Callable[[list[str]], dict[str, list[str]]]


@dataclass(frozen=True, slots=True)
class Params:
    source: str | None = None  # a unit id (unit:…); None: the busiest unit
    target: str | None = None  # a unit id; None: see DESCRIPTION
    include_collective: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One step of the chain, ordered by position (0 is the source unit)."""

    position: int
    node_id: str
    label: str
    name: str


def chain(source: str, target: str, expand_units: Expand, expand_tasks: Expand) -> list[str]:
    """The lexicographically smallest shortest unit–task chain from unit ``source`` to unit
    ``target``; [] if none. Units sit at even distances from a unit, tasks at odd ones, so each
    layer is expanded with the function for its side.

    The search grows the smaller frontier until the two meet; every node then knows its distance
    to the target (from the target's side, or through the next source layer), and the walk from
    the source takes the smallest neighbour one step closer each time.
    """
    if source == target:
        return [source]
    seen = ({source: 0}, {target: 0})  # distance from the source, from the target
    frontiers: tuple[list[str], list[str]] = ([source], [target])
    adjacent: dict[str, set[str]] = {}
    total: int | None = None
    while total is None:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        frontier = frontiers[side]
        if not frontier:
            return []
        depth = seen[side][frontier[0]]
        found = (expand_units if depth % 2 == 0 else expand_tasks)(frontier)
        grown: list[str] = []
        for node in frontier:
            for other in found.get(node, ()):
                adjacent.setdefault(node, set()).add(other)
                adjacent.setdefault(other, set()).add(node)
                if other not in seen[side]:
                    seen[side][other] = depth + 1
                    grown.append(other)
        meetings = [seen[0][n] + seen[1][n] for n in grown if n in seen[1 - side]]
        total = min(meetings) if meetings else None
        frontiers = (grown, frontiers[1]) if side == 0 else (frontiers[0], grown)
    to_target = dict(seen[1])
    for node in sorted(seen[0], key=lambda n: -seen[0][n]):  # deepest source layer first
        if node in to_target:
            continue
        ahead = [
            to_target[n]
            for n in adjacent.get(node, ())
            if seen[0].get(n) == seen[0][node] + 1 and n in to_target
        ]
        if ahead:
            to_target[node] = min(ahead) + 1
    path = [source]
    while path[-1] != target:
        left = total - len(path)
        path.append(min(n for n in adjacent[path[-1]] if to_target.get(n) == left))
    return path


def shortest_chain(P: nx.Graph, source: str, target: str) -> list[str]:
    """:func:`chain` on an undirected graph held in memory.

    Examples
    --------
    >>> P = nx.Graph([("u:a", "t:2"), ("t:2", "u:c"), ("u:a", "t:1"), ("t:1", "u:c")])
    >>> shortest_chain(P, "u:a", "u:c")
    ['u:a', 't:1', 'u:c']
    """
    if source not in P or target not in P:
        return []

    def expand(ids: list[str]) -> dict[str, list[str]]:
        return {node: list(P[node]) for node in ids}

    return chain(source, target, expand, expand)


def _rows(steps: list[str], names: dict[str, tuple[str, str]]) -> list[Row]:
    return [Row(position, node, *names[node]) for position, node in enumerate(steps)]


# --- embedded ---------------------------------------------------------------------------------


def _holds_roles(G: nx.MultiDiGraph, unit: str, include_collective: bool) -> bool:
    data = G.nodes.get(unit)
    return (
        data is not None
        and data.get("label") == Label.UNIT
        and ranked(data["kind"], include_collective)
        and bool(roles_of_unit(G, unit))
    )


def _default_target_networkx(G: nx.MultiDiGraph, source: str) -> str | None:
    """The busiest ranked unit of the source's jurisdiction sharing no task with it (most roles,
    then smallest id); when there is none, the busiest ranked unit other than the source (most
    roles, then most leads, then smallest id)."""
    shared = {unit for task, _ in roles_of_unit(G, source) for unit, _ in roles_on_task(G, task)}
    jurisdiction = G.nodes[source]["jurisdiction"]
    apart: tuple[int, str] | None = None
    busiest: tuple[int, int, str] | None = None
    for unit, data in G.nodes(data=True):
        if data.get("label") != Label.UNIT or data["kind"] in UNRANKED or unit == source:
            continue
        keys = [key for _, key in roles_of_unit(G, unit)]
        if not keys:
            continue
        if data["jurisdiction"] == jurisdiction and unit not in shared:
            candidate = (-len(keys), unit)
            apart = candidate if apart is None or candidate < apart else apart
        ranking = (-len(keys), -keys.count(Rel.LEADS.value), unit)
        busiest = ranking if busiest is None or ranking < busiest else busiest
    if apart is not None:
        return apart[1]
    return busiest[2] if busiest else None


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    source = params.source if params.source is not None else busiest_unit_networkx(G)
    if source is None or not _holds_roles(G, source, params.include_collective):
        return []
    target = params.target if params.target is not None else _default_target_networkx(G, source)
    if target is None or not _holds_roles(G, target, params.include_collective):
        return []

    def expand_units(ids: list[str]) -> dict[str, list[str]]:
        return {unit: sorted({task for task, _ in roles_of_unit(G, unit)}) for unit in ids}

    def expand_tasks(ids: list[str]) -> dict[str, list[str]]:
        return {
            task: sorted(
                {
                    u
                    for u, _ in roles_on_task(G, task)
                    if ranked(G.nodes[u]["kind"], params.include_collective)
                }
            )
            for task in ids
        }

    steps = chain(source, target, expand_units, expand_tasks)
    names = {
        node: (
            G.nodes[node]["label"],
            G.nodes[node].get("name")
            if G.nodes[node]["label"] == Label.UNIT
            else G.nodes[node].get("title") or "",
        )
        for node in steps
    }
    return _rows(steps, names)


# --- Neo4j ------------------------------------------------------------------------------------

_UNIT_CYPHER = """
MATCH (u:Unit {id: $unit})
WHERE ($include_collective OR NOT u.kind IN $unranked) AND EXISTS { (u)-[:LEADS|ASSISTS]->(:Task) }
RETURN u.id AS id
"""
_TASKS_OF_UNITS = """
UNWIND $ids AS id
MATCH (:Unit {id: id})-[:LEADS|ASSISTS]->(t:Task)
RETURN id, collect(DISTINCT t.id) AS next
"""
_UNITS_OF_TASKS = """
UNWIND $ids AS id
MATCH (:Task {id: id})<-[:LEADS|ASSISTS]-(u:Unit)
WHERE $include_collective OR NOT u.kind IN $unranked
RETURN id, collect(DISTINCT u.id) AS next
"""
_NAMES = """
UNWIND $ids AS id
OPTIONAL MATCH (u:Unit {id: id})
OPTIONAL MATCH (t:Task {id: id})
RETURN id, CASE WHEN u IS NULL THEN 'Task' ELSE 'Unit' END AS label,
       coalesce(u.name, t.title, '') AS name
"""
# Degrees come from Neo4j's relationship counts; roles always point at tasks, so no label is given.
_DEFAULT_TARGET = """
MATCH (s:Unit {id: $source})
OPTIONAL MATCH (s)-[:LEADS|ASSISTS]->(:Task)<-[:LEADS|ASSISTS]-(p:Unit)
WITH s, collect(DISTINCT p) AS shared
MATCH (u:Unit {jurisdiction: s.jurisdiction})
WHERE u <> s AND NOT u.kind IN $unranked AND NOT u IN shared
WITH u, COUNT { (u)-[:LEADS|ASSISTS]->() } AS roles
WHERE roles > 0
RETURN u.id AS id ORDER BY roles DESC, id ASC LIMIT 1
"""
_BUSIEST_OTHER = """
MATCH (u:Unit)
WHERE u.id <> $source AND NOT u.kind IN $unranked
WITH u, COUNT { (u)-[:LEADS|ASSISTS]->() } AS roles, COUNT { (u)-[:LEADS]->() } AS led
WHERE roles > 0
RETURN u.id AS id ORDER BY roles DESC, led DESC, id ASC LIMIT 1
"""


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    def one(cypher: str, **values: object) -> str | None:
        rows = read_rows(driver, cypher, database=database, unranked=UNRANKED, **values)
        return rows[0]["id"] if rows else None

    def holds_roles(unit: str) -> bool:
        return one(_UNIT_CYPHER, unit=unit, include_collective=params.include_collective) is not None

    source = params.source if params.source is not None else busiest_unit_neo4j(driver, database=database)
    if source is None or not holds_roles(source):
        return []
    target = params.target
    if target is None:
        target = one(_DEFAULT_TARGET, source=source) or one(_BUSIEST_OTHER, source=source)
    if target is None or not holds_roles(target):
        return []

    def expand(cypher: str) -> Expand:
        def run(ids: list[str]) -> dict[str, list[str]]:
            rows = read_rows(
                driver,
                cypher,
                database=database,
                ids=ids,
                include_collective=params.include_collective,
                unranked=UNRANKED,
            )
            return {row["id"]: row["next"] for row in rows}

        return run

    steps = chain(source, target, expand(_TASKS_OF_UNITS), expand(_UNITS_OF_TASKS))
    found = read_rows(driver, _NAMES, database=database, ids=steps)
    return _rows(steps, {row["id"]: (row["label"], row["name"]) for row in found})
