"""unit_communities — communities of units that work on the same tasks (协作社区).

The projection links two units when they hold (lead or assist) at least one task together; the
weight of the link is the number of such shared tasks. Louvain communities are computed in Python
on that projection, built in one canonical order (sorted nodes, then sorted edges) by
:func:`projection` on both backends, so both give the same communities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.model import Label
from queries._common import UNRANKED, nodes_with_label, ranked, roles_on_task

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "unit_communities"
TITLE_ZH = "协作社区"
TITLE_EN = "Unit communities"
DESCRIPTION = (
    "Louvain communities (seed 42) of the unit co-assignment network: units linked by the number "
    "of tasks they share. Units without a partner are left out. Filters: document; collective and "
    "redacted holders only when asked."
)
SEED = 42


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None  # a document id (doc:…): only tasks of that document link units
    include_collective: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by community (1 is the largest; ties by smallest unit id), then unit_id.

    ``degree`` is the number of units this one shares at least one task with.
    """

    community: int
    unit_id: str
    name: str
    jurisdiction: str
    degree: int


PROJECTION_CYPHER = """
MATCH (a:Unit)-[:LEADS|ASSISTS]->(t:Task)<-[:LEADS|ASSISTS]-(b:Unit)
WHERE a.id < b.id
  AND ($document IS NULL OR t.document_id = $document)
  AND ($include_collective OR (NOT a.kind IN $unranked AND NOT b.kind IN $unranked))
WITH a, b, count(DISTINCT t) AS weight
RETURN a.id AS source, a.name AS source_name, a.jurisdiction AS source_jurisdiction,
       b.id AS target, b.name AS target_name, b.jurisdiction AS target_jurisdiction, weight
ORDER BY source, target
"""


def projection(rows: Iterable[dict[str, Any]]) -> nx.Graph:
    """The weighted unit graph of ``source < target`` rows, nodes and edges added in sorted order.

    Louvain visits nodes and neighbours in insertion order, so this order is what makes the
    communities the same on both backends.
    """
    nodes: dict[str, tuple[str, str]] = {}
    edges: dict[tuple[str, str], int] = {}
    for row in rows:
        nodes[row["source"]] = (row["source_name"], row["source_jurisdiction"])
        nodes[row["target"]] = (row["target_name"], row["target_jurisdiction"])
        a, b = sorted((row["source"], row["target"]))  # Python's order, whatever Cypher's was
        edges[a, b] = row["weight"]
    P = nx.Graph()
    for node in sorted(nodes):
        P.add_node(node, name=nodes[node][0], jurisdiction=nodes[node][1])
    for (a, b), weight in sorted(edges.items()):
        P.add_edge(a, b, weight=weight)
    return P


def communities(P: nx.Graph) -> list[Row]:
    """Louvain communities of ``P`` numbered from 1 by size (desc), then smallest unit id."""
    found = nx.community.louvain_communities(P, weight="weight", seed=SEED)
    ordered = sorted((sorted(c) for c in found), key=lambda members: (-len(members), members[0]))
    rows = [
        Row(number, unit, P.nodes[unit]["name"], P.nodes[unit]["jurisdiction"], P.degree(unit))
        for number, members in enumerate(ordered, start=1)
        for unit in members
    ]
    return sorted(rows, key=_order)


def _order(row: Row) -> tuple[int, str]:
    return (row.community, row.unit_id)


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    shared: Counter[tuple[str, str]] = Counter()
    for task, data in nodes_with_label(G, Label.TASK):
        if params.document is not None and data.get("document_id") != params.document:
            continue
        units = sorted(
            {
                unit
                for unit, _ in roles_on_task(G, task)
                if ranked(G.nodes[unit]["kind"], params.include_collective)
            }
        )
        shared.update(combinations(units, 2))
    rows = [
        {
            "source": a,
            "source_name": G.nodes[a]["name"],
            "source_jurisdiction": G.nodes[a]["jurisdiction"],
            "target": b,
            "target_name": G.nodes[b]["name"],
            "target_jurisdiction": G.nodes[b]["jurisdiction"],
            "weight": weight,
        }
        for (a, b), weight in shared.items()
    ]
    return communities(projection(rows))


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    records = read_rows(
        driver,
        PROJECTION_CYPHER,
        database=database,
        document=params.document,
        include_collective=params.include_collective,
        unranked=UNRANKED,
    )
    return communities(projection(records))
