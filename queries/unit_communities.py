"""unit_communities — communities of units that work on the same tasks (协作社区).

The co-assignment network links two units when they hold (lead or assist) at least one task
together; the weight of the link is the number of such shared tasks. Louvain communities of the
whole corpus are computed when the graph is built and stored on the Unit nodes
(:mod:`graph_build.analytics`); both backends read them. Asked for one document, or with
collective holders, the communities are computed on the spot from the same projection, built in
one canonical order on both backends, so both give the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from graph_build.analytics import co_assignment_rows, community_numbers, is_annotated, projection
from graph_build.errors import QueryParamError
from graph_build.model import Label
from queries._common import UNRANKED, nodes_with_label

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "unit_communities"
TITLE_ZH = "协作社区"
TITLE_EN = "Unit communities"
DESCRIPTION = (
    "Louvain communities (seed 42) of the unit co-assignment network: units linked by the number "
    "of tasks they share. Units without a partner are left out. Filters: document; collective and "
    "redacted holders only when asked; limit (rows)."
)


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None  # a document id (doc:…): only tasks of that document link units
    include_collective: bool = False
    limit: int = 2000  # rows; the largest communities come first

    def __post_init__(self) -> None:
        if self.limit < 0:
            raise QueryParamError(f"{NAME}: limit must not be negative, not {self.limit}")


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

STORED_CYPHER = """
MATCH (u:Unit)
WHERE u.community IS NOT NULL AND u.partners > 0
RETURN u.community AS community, u.id AS unit_id, u.name AS name, u.jurisdiction AS jurisdiction,
       u.partners AS degree
ORDER BY community, unit_id
LIMIT $limit
"""


def communities(P: nx.Graph) -> list[Row]:
    """Louvain communities of ``P`` numbered from 1 by size (desc), then smallest unit id."""
    numbers = community_numbers(P)
    rows = [
        Row(number, unit, P.nodes[unit]["name"], P.nodes[unit]["jurisdiction"], P.degree(unit))
        for unit, number in numbers.items()
    ]
    return sorted(rows, key=_order)


def _order(row: Row) -> tuple[int, str]:
    return (row.community, row.unit_id)


def _stored(params: Params) -> bool:
    return params.document is None and not params.include_collective


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    if _stored(params) and is_annotated(G):
        rows = [
            Row(data["community"], unit, data["name"], data["jurisdiction"], data["partners"])
            for unit, data in nodes_with_label(G, Label.UNIT)
            if data.get("community") is not None and data["partners"] > 0
        ]
        return sorted(rows, key=_order)[: params.limit]
    rows_in = co_assignment_rows(G, document=params.document, include_collective=params.include_collective)
    return communities(projection(rows_in))[: params.limit]


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    if _stored(params):
        records = read_rows(driver, STORED_CYPHER, database=database, limit=params.limit)
        return [Row(**record) for record in records]
    records = read_rows(
        driver,
        PROJECTION_CYPHER,
        database=database,
        document=params.document,
        include_collective=params.include_collective,
        unranked=UNRANKED,
    )
    return communities(projection(records))[: params.limit]
