"""unit_load — units ranked by the tasks they lead and assist (谁承担了多少任务)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Label, Rel
from queries._common import UNRANKED, nodes_with_label, ranked, roles_of_unit

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "unit_load"
TITLE_ZH = "单位任务负荷"
TITLE_EN = "Unit load"
DESCRIPTION = (
    "Units ranked by tasks led (牵头) and assisted (配合), with the number of documents. "
    "Filters: document, jurisdiction, unit_type; collective and redacted holders only when asked."
)


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None  # a document id (doc:…)
    jurisdiction: str | None = None
    unit_type: str | None = None
    include_collective: bool = False
    limit: int = 50


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by total roles (desc), tasks led (desc), then unit_id."""

    unit_id: str
    name: str
    jurisdiction: str
    unit_type: str
    kind: str
    led: int
    assisted: int
    total: int
    documents: int


CYPHER = """
MATCH (u:Unit)
WHERE ($jurisdiction IS NULL OR u.jurisdiction = $jurisdiction)
  AND ($unit_type IS NULL OR u.unit_type = $unit_type)
  AND ($include_collective OR NOT u.kind IN $unranked)
MATCH (u)-[r:LEADS|ASSISTS]->(t:Task)
WHERE $document IS NULL OR t.document_id = $document
WITH u,
     sum(CASE type(r) WHEN 'LEADS' THEN 1 ELSE 0 END) AS led,
     sum(CASE type(r) WHEN 'ASSISTS' THEN 1 ELSE 0 END) AS assisted,
     count(DISTINCT t.document_id) AS documents
RETURN u.id AS unit_id, u.name AS name, u.jurisdiction AS jurisdiction, u.unit_type AS unit_type,
       u.kind AS kind, led, assisted, led + assisted AS total, documents
ORDER BY total DESC, led DESC, unit_id ASC
LIMIT $limit
"""


def _order(row: Row) -> tuple[int, int, str]:
    return (-row.total, -row.led, row.unit_id)


def _check(params: Params) -> None:
    if params.limit < 0:
        raise QueryParamError(f"{NAME}: limit must be 0 or more, not {params.limit}")


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    _check(params)
    rows = []
    for unit, data in nodes_with_label(G, Label.UNIT):
        if params.jurisdiction is not None and data["jurisdiction"] != params.jurisdiction:
            continue
        if params.unit_type is not None and data["unit_type"] != params.unit_type:
            continue
        if not ranked(data["kind"], params.include_collective):
            continue
        led = assisted = 0
        documents = set()
        for task, key in roles_of_unit(G, unit):
            document = G.nodes[task]["document_id"]
            if params.document is not None and document != params.document:
                continue
            led += key == Rel.LEADS
            assisted += key == Rel.ASSISTS
            documents.add(document)
        if led + assisted:
            rows.append(
                Row(
                    unit,
                    data["name"],
                    data["jurisdiction"],
                    data["unit_type"],
                    data["kind"],
                    led,
                    assisted,
                    led + assisted,
                    len(documents),
                )
            )
    return sorted(rows, key=_order)[: params.limit]


# Without a document, the ranking needs only each unit's relationship counts (roles always point
# at tasks); the documents are counted for the units the limit keeps.
CORPUS_CYPHER = """
MATCH (u:Unit)
WHERE ($jurisdiction IS NULL OR u.jurisdiction = $jurisdiction)
  AND ($unit_type IS NULL OR u.unit_type = $unit_type)
  AND ($include_collective OR NOT u.kind IN $unranked)
WITH u, COUNT { (u)-[:LEADS]->() } AS led, COUNT { (u)-[:ASSISTS]->() } AS assisted
WHERE led + assisted > 0
WITH u, led, assisted, led + assisted AS total
ORDER BY total DESC, led DESC, u.id ASC
LIMIT $limit
RETURN u.id AS unit_id, u.name AS name, u.jurisdiction AS jurisdiction, u.unit_type AS unit_type,
       u.kind AS kind, led, assisted, total,
       COUNT { MATCH (u)-[:LEADS|ASSISTS]->(t:Task) RETURN DISTINCT t.document_id } AS documents
"""


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    _check(params)
    records = read_rows(
        driver,
        CYPHER if params.document is not None else CORPUS_CYPHER,
        database=database,
        document=params.document,
        jurisdiction=params.jurisdiction,
        unit_type=params.unit_type,
        include_collective=params.include_collective,
        unranked=UNRANKED,
        limit=params.limit,
    )
    return sorted((Row(**r) for r in records), key=_order)
