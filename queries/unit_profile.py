"""unit_profile — one unit at a glance: its tasks, indicators, deadlines and partners (单位画像)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Label, Rel
from queries._common import (
    UNRANKED,
    busiest_unit_neo4j,
    busiest_unit_networkx,
    out_edges,
    ranked,
    roles_of_unit,
    roles_on_task,
)

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "unit_profile"
TITLE_ZH = "单位画像"
TITLE_EN = "Unit profile"
DESCRIPTION = (
    "One unit (default: the busiest) in four sections: its tasks by role (牵头/配合) with their "
    "indicators, the indicators it serves, its deadlines by month, and the units it shares tasks "
    "with. Filter: document; collective and redacted partners only when asked."
)
SECTIONS = ("task", "indicator", "deadline", "partner")
UNDATED = "undated"
MAX_ITEMS = 20


@dataclass(frozen=True, slots=True)
class Params:
    unit: str | None = None  # a unit id (unit:…); default the busiest unit of the whole graph
    document: str | None = None  # a document id (doc:…): only its tasks count
    include_collective: bool = False  # collective and redacted units among the partners


@dataclass(frozen=True, slots=True)
class Row:
    """One line of one section of the profile of ``unit_id``; a page shows one table per section.

    - ``task``: ``key`` task id, ``name`` title, ``role`` LEADS|ASSISTS, ``document_id``,
      ``deadline_date`` (or None), ``count`` indicators, ``items`` their names (sorted). A unit
      both leading and assisting a task has two task rows.
    - ``indicator``: ``key`` indicator id, ``name`` its Chinese name, ``count`` the unit's tasks
      that target it, ``items`` those task ids.
    - ``deadline``: ``key`` = ``name`` = the month ``YYYY-MM`` (or ``undated``), ``count`` tasks
      due then, ``items`` their ids.
    - ``partner``: ``key`` another unit's id, ``name`` its name, ``count`` tasks both are on (any
      role), ``items`` those task ids.

    ``items`` of the last three sections are sorted ids, at most 20; fields a section does not
    use are None. Ordered by section (task, indicator, deadline, partner); then tasks by role
    (LEADS first) and id; indicators and partners by count (desc) and key; months by month,
    ``undated`` last.
    """

    section: str
    unit_id: str
    key: str
    name: str
    count: int
    items: tuple[str, ...]
    role: str | None = None
    document_id: str | None = None
    deadline_date: str | None = None


UNIT_CYPHER = "MATCH (u:Unit {id: $unit}) RETURN u.id AS id"

# Every branch yields the columns of Row (but unit_id); lists are sorted and capped in Python.
CYPHER = """
MATCH (:Unit {id: $unit})-[r:LEADS|ASSISTS]->(t:Task)
WHERE $document IS NULL OR t.document_id = $document
OPTIONAL MATCH (t)-[:TARGETS]->(i:Indicator)
WITH t, type(r) AS role, collect(i.name) AS indicators
RETURN 'task' AS section, t.id AS key, t.title AS name, size(indicators) AS count, indicators AS items,
       role, t.document_id AS document_id, t.deadline_date AS deadline_date
UNION ALL
MATCH (:Unit {id: $unit})-[:LEADS|ASSISTS]->(t:Task)-[:TARGETS]->(i:Indicator)
WHERE $document IS NULL OR t.document_id = $document
WITH i, collect(DISTINCT t.id) AS tasks
RETURN 'indicator' AS section, i.id AS key, i.name AS name, size(tasks) AS count, tasks AS items,
       null AS role, null AS document_id, null AS deadline_date
UNION ALL
MATCH (:Unit {id: $unit})-[:LEADS|ASSISTS]->(t:Task)
WHERE $document IS NULL OR t.document_id = $document
WITH coalesce(substring(t.deadline_date, 0, 7), $undated) AS month, collect(DISTINCT t.id) AS tasks
RETURN 'deadline' AS section, month AS key, month AS name, size(tasks) AS count, tasks AS items,
       null AS role, null AS document_id, null AS deadline_date
UNION ALL
MATCH (u:Unit {id: $unit})-[:LEADS|ASSISTS]->(t:Task)<-[:LEADS|ASSISTS]-(p:Unit)
WHERE p <> u AND ($document IS NULL OR t.document_id = $document)
  AND ($include_collective OR NOT p.kind IN $unranked)
WITH p, collect(DISTINCT t.id) AS tasks
RETURN 'partner' AS section, p.id AS key, p.name AS name, size(tasks) AS count, tasks AS items,
       null AS role, null AS document_id, null AS deadline_date
"""


def _order(row: Row) -> tuple[Any, ...]:
    if row.section == "task":
        middle: Any = 0 if row.role == Rel.LEADS else 1
    elif row.section == "deadline":
        middle = row.key == UNDATED
    else:
        middle = -row.count
    return (SECTIONS.index(row.section), middle, row.key)


def _row(unit: str, record: dict[str, Any]) -> Row:
    items = sorted(record["items"])
    if record["section"] != "task":
        items = items[:MAX_ITEMS]
    return Row(
        section=record["section"],
        unit_id=unit,
        key=record["key"],
        name=record["name"],
        count=record["count"],
        items=tuple(items),
        role=record["role"],
        document_id=record["document_id"],
        deadline_date=record["deadline_date"],
    )


def _record(section: str, key: str, name: str, items: list[str] | set[str], **rest: Any) -> dict[str, Any]:
    base = {"role": None, "document_id": None, "deadline_date": None}
    return {**base, "section": section, "key": key, "name": name, "count": len(items), "items": items, **rest}


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    unit = params.unit if params.unit is not None else busiest_unit_networkx(G)
    if unit is None:
        return []
    if G.nodes.get(unit, {}).get("label") != Label.UNIT:
        raise QueryParamError(f"{NAME}: no unit {unit!r} in the graph")
    records = []
    by_indicator: dict[str, set[str]] = defaultdict(set)
    by_month: dict[str, set[str]] = defaultdict(set)
    by_partner: dict[str, set[str]] = defaultdict(set)
    for task, role in roles_of_unit(G, unit):
        data = G.nodes[task]
        if params.document is not None and data["document_id"] != params.document:
            continue
        indicators = [i for i, key, _ in out_edges(G, task) if key == Rel.TARGETS]
        records.append(
            _record(
                "task",
                task,
                data["title"],
                [G.nodes[i]["name"] for i in indicators],
                role=role,
                document_id=data["document_id"],
                deadline_date=data.get("deadline_date"),
            )
        )
        for indicator in indicators:
            by_indicator[indicator].add(task)
        due = data.get("deadline_date")
        by_month[due[:7] if due else UNDATED].add(task)
        for partner, _ in roles_on_task(G, task):
            if partner != unit and ranked(G.nodes[partner]["kind"], params.include_collective):
                by_partner[partner].add(task)
    records += [_record("indicator", i, G.nodes[i]["name"], ts) for i, ts in by_indicator.items()]
    records += [_record("deadline", m, m, ts) for m, ts in by_month.items()]
    records += [_record("partner", p, G.nodes[p]["name"], ts) for p, ts in by_partner.items()]
    return sorted((_row(unit, r) for r in records), key=_order)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    unit = params.unit if params.unit is not None else busiest_unit_neo4j(driver, database=database)
    if unit is None:
        return []
    if not read_rows(driver, UNIT_CYPHER, database=database, unit=unit):
        raise QueryParamError(f"{NAME}: no unit {unit!r} in the graph")
    records = read_rows(
        driver,
        CYPHER,
        database=database,
        unit=unit,
        document=params.document,
        include_collective=params.include_collective,
        unranked=UNRANKED,
        undated=UNDATED,
    )
    return sorted((_row(unit, r) for r in records), key=_order)
