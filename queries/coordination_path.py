"""coordination_path — the shortest chain of shared tasks between two units (协同路径).

The projection is the undirected bipartite graph of units and tasks over LEADS/ASSISTS: a chain
alternates unit, task, unit, … so each task on it is one both neighbouring units hold. Of all
shortest chains the one whose sequence of node ids is lexicographically smallest is returned, so
the answer is unique. Both backends build the same projection from the same rows (the embedded
graph, or Cypher) and run :func:`shortest_chain` on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.model import Label, Rel
from queries._common import (
    UNRANKED,
    busiest_unit_neo4j,
    busiest_unit_networkx,
    nodes_with_label,
    ranked,
    roles_of_unit,
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


# One row per role: the projection and what the defaults need (kinds, roles, leads).
PROJECTION_CYPHER = """
MATCH (u:Unit)-[r:LEADS|ASSISTS]->(t:Task)
WHERE $include_collective OR NOT u.kind IN $unranked
RETURN u.id AS unit, u.name AS unit_name, u.jurisdiction AS jurisdiction, u.kind AS kind,
       t.id AS task, t.title AS task_title, type(r) AS role
ORDER BY unit, task, role
"""


def projection(rows: Iterable[dict[str, Any]]) -> nx.Graph:
    """The unit–task graph of role rows, built in sorted order (the same graph on both backends).

    Unit nodes carry ``label``, ``name``, ``jurisdiction``, ``kind``, ``roles`` and ``led``; task
    nodes ``label`` and ``name`` (the title).
    """
    P = nx.Graph()
    for row in sorted(rows, key=lambda r: (r["unit"], r["task"], r["role"])):
        if row["unit"] not in P:
            P.add_node(
                row["unit"],
                label=Label.UNIT.value,
                name=row["unit_name"],
                jurisdiction=row["jurisdiction"],
                kind=row["kind"],
                roles=0,
                led=0,
            )
        if row["task"] not in P:
            P.add_node(row["task"], label=Label.TASK.value, name=row["task_title"] or "")
        P.nodes[row["unit"]]["roles"] += 1
        P.nodes[row["unit"]]["led"] += row["role"] == Rel.LEADS
        P.add_edge(row["unit"], row["task"])
    return P


def default_target(P: nx.Graph, source: str) -> str | None:
    """The busiest ranked unit of the source's jurisdiction sharing no task with it (most roles,
    then smallest id); when there is none, the busiest ranked unit other than the source."""
    if source not in P:
        return None
    units = [
        (node, data)
        for node, data in P.nodes(data=True)
        if data["label"] == Label.UNIT and data["kind"] not in UNRANKED and node != source
    ]
    shared = {unit for task in P[source] for unit in P[task]}
    jurisdiction = P.nodes[source]["jurisdiction"]
    apart = [
        (-data["roles"], node)
        for node, data in units
        if data["jurisdiction"] == jurisdiction and node not in shared
    ]
    if apart:
        return min(apart)[1]
    busiest = [(-data["roles"], -data["led"], node) for node, data in units]
    return min(busiest)[2] if busiest else None


def shortest_chain(P: nx.Graph, source: str, target: str) -> list[str]:
    """The lexicographically smallest shortest path from ``source`` to ``target``; [] if none.

    Examples
    --------
    >>> P = nx.Graph([("u:a", "t:2"), ("t:2", "u:c"), ("u:a", "t:1"), ("t:1", "u:c")])
    >>> shortest_chain(P, "u:a", "u:c")
    ['u:a', 't:1', 'u:c']
    """
    if source not in P or target not in P:
        return []
    distance = nx.single_source_shortest_path_length(P, target)
    if source not in distance:
        return []
    path = [source]
    while path[-1] != target:
        here = path[-1]
        path.append(min(n for n in P[here] if distance.get(n) == distance[here] - 1))
    return path


def _rows(P: nx.Graph, source: str | None, params: Params) -> list[Row]:
    if source is None:
        return []
    target = params.target if params.target is not None else default_target(P, source)
    if target is None:
        return []
    return [
        Row(position, node, P.nodes[node]["label"], P.nodes[node]["name"])
        for position, node in enumerate(shortest_chain(P, source, target))
    ]


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    rows = []
    for unit, data in nodes_with_label(G, Label.UNIT):
        if not ranked(data["kind"], params.include_collective):
            continue
        for task, role in roles_of_unit(G, unit):
            rows.append(
                {
                    "unit": unit,
                    "unit_name": data["name"],
                    "jurisdiction": data["jurisdiction"],
                    "kind": data["kind"],
                    "task": task,
                    "task_title": G.nodes[task].get("title"),
                    "role": role,
                }
            )
    source = params.source if params.source is not None else busiest_unit_networkx(G)
    return _rows(projection(rows), source, params)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    records = read_rows(
        driver,
        PROJECTION_CYPHER,
        database=database,
        include_collective=params.include_collective,
        unranked=UNRANKED,
    )
    source = params.source if params.source is not None else busiest_unit_neo4j(driver, database=database)
    return _rows(projection(records), source, params)
