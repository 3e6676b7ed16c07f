"""target_list — the quantitative targets the tasks set (量化目标), by indicator and document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Label
from queries._common import nodes_with_label

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "target_list"
TITLE_ZH = "量化目标"
TITLE_EN = "Targets"
DESCRIPTION = (
    "Every quantitative target (压缩至2个工作日, 不超过3个 …) and, in reports, achieved figures, with "
    "the metric, comparator, value and unit read from the words and the indicator it measures. "
    "Filters: indicator (indicator:…), document, achieved, limit."
)


@dataclass(frozen=True, slots=True)
class Params:
    indicator: str | None = None  # indicator:… — targets measuring it
    document: str | None = None
    achieved: bool | None = None  # True: achieved figures of reports; False: targets of plans
    limit: int = 1000


@dataclass(frozen=True, slots=True)
class Row:
    """One target of one task; ``position`` is its place among the task's targets. Ordered by
    indicator_id (targets without one last), document_id, task_id, then position."""

    task_id: str
    task_title: str
    document_id: str
    position: int
    raw: str
    metric: str
    comparator: str
    value: float | None
    unit: str
    achieved: bool
    indicator_id: str | None


# Tasks come back ordered by (indicator, document, task), one per indicator they have targets
# for, and only as many as the limit needs; their targets are read from the JSON in Python.
CYPHER = """
MATCH (t:Task)
WHERE t.target_index IS NOT NULL AND ($document IS NULL OR t.document_id = $document)
UNWIND t.target_index AS entry
WITH t, split(entry, '|') AS parts
WHERE ($indicator IS NULL OR parts[0] = $indicator) AND ($achieved IS NULL OR parts[1] = $achieved)
WITH DISTINCT t, parts[0] AS indicator
RETURN t.id AS task_id, coalesce(t.title, '') AS task_title, t.document_id AS document_id,
       t.targets_json AS targets, indicator
ORDER BY indicator, document_id, task_id
LIMIT $limit
"""


def _order(row: Row) -> tuple[Any, ...]:
    return (row.indicator_id is None, row.indicator_id or "", row.document_id, row.task_id, row.position)


def _rows(task: str, title: str, document: str, targets: list[dict[str, Any]], params: Params) -> list[Row]:
    rows = []
    for position, target in enumerate(targets):
        indicator = f"indicator:{target['indicator']}" if target.get("indicator") else None
        if params.indicator is not None and indicator != params.indicator:
            continue
        if params.achieved is not None and bool(target.get("achieved")) != params.achieved:
            continue
        value = target.get("value")
        rows.append(
            Row(
                task_id=task,
                task_title=title,
                document_id=document,
                position=position,
                raw=target.get("raw") or "",
                metric=target.get("metric") or "",
                comparator=target.get("comparator") or "",
                value=None if value is None else float(value),
                unit=target.get("unit") or "",
                achieved=bool(target.get("achieved")),
                indicator_id=indicator,
            )
        )
    return rows


def _check(params: Params) -> None:
    if params.limit < 0:
        raise QueryParamError(f"{NAME}: limit must be 0 or more, not {params.limit}")


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    _check(params)
    rows = []
    for task, data in nodes_with_label(G, Label.TASK):
        if params.document is not None and data["document_id"] != params.document:
            continue
        targets = data.get("targets") or []
        rows += _rows(task, data.get("title") or "", data["document_id"], targets, params)
    return sorted(rows, key=_order)[: params.limit]


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    _check(params)
    rows = []
    records = read_rows(
        driver,
        CYPHER,
        database=database,
        document=params.document,
        indicator=params.indicator,
        achieved=None if params.achieved is None else str(int(params.achieved)),
        limit=params.limit,
    )
    for record in records:
        wanted = None if record["indicator"] == "~" else record["indicator"]
        targets = json.loads(record["targets"])
        rows += [
            row
            for row in _rows(record["task_id"], record["task_title"], record["document_id"], targets, params)
            if row.indicator_id == wanted
        ]
    return sorted(rows, key=_order)[: params.limit]
