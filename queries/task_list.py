"""task_list — tasks filtered by document, indicator, unit and deadline range (任务清单)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Label, Rel
from queries._common import nodes_with_label, out_edges, roles_on_task

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "task_list"
TITLE_ZH = "任务清单"
TITLE_EN = "Task list"
DESCRIPTION = (
    "Tasks with their lead units, indicators and deadline, in document order. Filters: document, "
    "indicator (indicator:…), unit (unit:…, any role), due_from/due_to (YYYY-MM-DD; undated tasks "
    "drop out when either is given), no_indicator (tasks mapped to no indicator), limit."
)


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None
    indicator: str | None = None
    unit: str | None = None
    due_from: str | None = None  # YYYY-MM-DD
    due_to: str | None = None  # YYYY-MM-DD
    no_indicator: bool = False  # only tasks mapped to no indicator (plan tasks; report measures too)
    limit: int = 1000


@dataclass(frozen=True, slots=True)
class Row:
    """One task; ``leads`` and ``indicators`` are names, sorted. Ordered by document_id, position
    in the document (span_start), then task_id."""

    task_id: str
    number: str
    title: str
    document_id: str
    kind: str
    deadline_raw: str | None
    deadline_date: str | None
    leads: tuple[str, ...]
    indicators: tuple[str, ...]
    span_start: int


# Ordered and cut to the limit before the leads and indicators of each task are collected.
CYPHER = """
MATCH (t:Task)
WHERE ($document IS NULL OR t.document_id = $document)
  AND ($due_from IS NULL OR t.deadline_date >= $due_from)
  AND ($due_to IS NULL OR t.deadline_date <= $due_to)
  AND ($indicator IS NULL OR EXISTS { (t)-[:TARGETS]->(:Indicator {id: $indicator}) })
  AND ($unit IS NULL OR EXISTS { (:Unit {id: $unit})-[:LEADS|ASSISTS]->(t) })
  AND (NOT $no_indicator OR NOT EXISTS { (t)-[:TARGETS]->(:Indicator) })
WITH t ORDER BY t.document_id, t.span_start, t.id LIMIT $limit
RETURN t.id AS task_id, coalesce(t.number, '') AS number, coalesce(t.title, '') AS title,
       t.document_id AS document_id, t.kind AS kind, t.deadline_raw AS deadline_raw,
       t.deadline_date AS deadline_date, t.span_start AS span_start,
       COLLECT { MATCH (u:Unit)-[:LEADS]->(t) RETURN u.name } AS leads,
       COLLECT { MATCH (t)-[:TARGETS]->(i:Indicator) RETURN i.name } AS indicators
"""


def _order(row: Row) -> tuple[Any, ...]:
    return (row.document_id, row.span_start, row.task_id)


def _check(params: Params) -> None:
    import datetime as dt

    if params.limit < 0:
        raise QueryParamError(f"{NAME}: limit must be 0 or more, not {params.limit}")
    for name in ("due_from", "due_to"):
        value = getattr(params, name)
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                raise QueryParamError(f"{NAME}: {name} must be YYYY-MM-DD, not {value!r}") from exc


def _row(record: dict[str, Any]) -> Row:
    return Row(
        task_id=record["task_id"],
        number=record["number"],
        title=record["title"],
        document_id=record["document_id"],
        kind=record["kind"],
        deadline_raw=record["deadline_raw"],
        deadline_date=record["deadline_date"],
        leads=tuple(sorted(record["leads"])),
        indicators=tuple(sorted(record["indicators"])),
        span_start=record["span_start"],
    )


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    _check(params)
    candidates = []
    for task, data in nodes_with_label(G, Label.TASK):
        if params.document is not None and data["document_id"] != params.document:
            continue
        due = data.get("deadline_date")
        if params.due_from is not None and (due is None or due < params.due_from):
            continue
        if params.due_to is not None and (due is None or due > params.due_to):
            continue
        candidates.append(((data["document_id"], data["span_start"], task), task, data))
    candidates.sort(key=lambda candidate: candidate[0])
    # Roles and indicators are read only for the tasks walked until the limit is reached.
    rows: list[Row] = []
    for _, task, data in candidates:
        if len(rows) >= params.limit:
            break
        indicators = [i for i, k, _ in out_edges(G, task) if k == Rel.TARGETS]
        if params.indicator is not None and params.indicator not in indicators:
            continue
        if params.no_indicator and indicators:
            continue
        roles = list(roles_on_task(G, task))
        if params.unit is not None and params.unit not in {u for u, _ in roles}:
            continue
        rows.append(
            _row(
                {
                    "task_id": task,
                    "number": data.get("number") or "",
                    "title": data.get("title") or "",
                    "document_id": data["document_id"],
                    "kind": data["kind"],
                    "deadline_raw": data.get("deadline_raw"),
                    "deadline_date": data.get("deadline_date"),
                    "span_start": data["span_start"],
                    "leads": [G.nodes[u]["name"] for u, k in roles if k == Rel.LEADS],
                    "indicators": [G.nodes[i]["name"] for i in indicators],
                }
            )
        )
    return sorted(rows, key=_order)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    _check(params)
    records = read_rows(
        driver,
        CYPHER,
        database=database,
        document=params.document,
        indicator=params.indicator,
        unit=params.unit,
        due_from=params.due_from,
        due_to=params.due_to,
        no_indicator=params.no_indicator,
        limit=params.limit,
    )
    return sorted((_row(r) for r in records), key=_order)
