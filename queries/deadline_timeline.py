"""deadline_timeline — tasks by the month they are due (时限进度), with overdue and anomalous deadlines.

A task's month is the ``YYYY-MM`` of its ``deadline_date``; a task without a date is ``ongoing``
when its deadline is 长期坚持-style and ``none`` otherwise (no deadline, or one that did not parse).
A task is overdue when its date lies before ``as_of``; its deadline is an anomaly when the date's
year lies before the plan year of its document (``year`` of the document node).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import DeadlineKind, Label
from queries._common import nodes_with_label

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "deadline_timeline"
TITLE_ZH = "时限进度"
TITLE_EN = "Deadline timeline"
DESCRIPTION = (
    "Tasks by due month (YYYY-MM, then 'ongoing' and 'none'), with how many are overdue on as_of "
    "(default: 31 December of the latest document year) and how many deadlines fall before the plan "
    "year of their document. Filter: document."
)

ONGOING = "ongoing"
NONE = "none"
# Deadline kinds that make a task without a date "ongoing" rather than "none".
ONGOING_KINDS = [DeadlineKind.ONGOING.value, DeadlineKind.DUE_AND_ONGOING.value]


@dataclass(frozen=True, slots=True)
class Params:
    as_of: str | None = None  # an ISO date; None: <latest document year>-12-31
    document: str | None = None  # a document id (doc:…)


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by month ascending, with 'ongoing' and then 'none' last (months are unique)."""

    month: str
    tasks: int
    overdue: int
    anomalies: int
    anomaly_ids: tuple[str, ...]


LATEST_YEAR_CYPHER = """
MATCH (d:Policy)
WHERE d.is_source AND d.year IS NOT NULL
RETURN max(d.year) AS year
"""

# Tasks are reached from their documents (one index seek per document, not one per task).
CYPHER = """
MATCH (d:Policy)
WHERE d.is_source AND ($document IS NULL OR d.id = $document)
MATCH (t:Task {document_id: d.id})
WITH t,
     CASE
       WHEN t.deadline_date IS NOT NULL THEN substring(t.deadline_date, 0, 7)
       WHEN t.deadline_kind IN $ongoing_kinds THEN $ongoing
       ELSE $none
     END AS month,
     t.deadline_date IS NOT NULL AND $as_of IS NOT NULL AND t.deadline_date < $as_of AS overdue,
     t.deadline_date IS NOT NULL AND d.year IS NOT NULL
       AND toInteger(substring(t.deadline_date, 0, 4)) < d.year AS anomaly
RETURN month,
       count(t) AS tasks,
       sum(CASE WHEN overdue THEN 1 ELSE 0 END) AS overdue,
       collect(CASE WHEN anomaly THEN t.id END) AS anomaly_ids
"""


def _order(row: Row) -> tuple[int, str]:
    return ({ONGOING: 1, NONE: 2}.get(row.month, 0), row.month)


def _as_of(value: str | None, latest_year: int | None) -> str | None:
    """The ISO date overdue is measured against: ``value`` checked, else ``<latest_year>-12-31``.

    Raises
    ------
    QueryParamError
        ``value`` is not an ISO date.
    """
    if value is None:
        return f"{latest_year:04d}-12-31" if latest_year is not None else None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise QueryParamError(f"{NAME}: as_of={value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _row(month: str, tasks: int, overdue: int, anomaly_ids: list[str]) -> Row:
    ids = tuple(sorted(anomaly_ids))
    return Row(month, tasks, overdue, len(ids), ids)


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    years = {
        node: data.get("year") for node, data in nodes_with_label(G, Label.POLICY) if data.get("is_source")
    }
    known = [year for year in years.values() if year is not None]
    as_of = _as_of(params.as_of, max(known) if known else None)
    counts: dict[str, list[Any]] = defaultdict(lambda: [0, 0, []])
    for task, data in nodes_with_label(G, Label.TASK):
        if params.document is not None and data.get("document_id") != params.document:
            continue
        date = data.get("deadline_date")
        if date is not None:
            month = date[:7]
        else:
            month = ONGOING if data.get("deadline_kind") in ONGOING_KINDS else NONE
        entry = counts[month]
        entry[0] += 1
        entry[1] += date is not None and as_of is not None and date < as_of
        year = years.get(data.get("document_id", ""))
        if date is not None and year is not None and int(date[:4]) < year:
            entry[2].append(task)
    return sorted((_row(month, *entry) for month, entry in counts.items()), key=_order)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    latest = read_rows(driver, LATEST_YEAR_CYPHER, database=database)
    as_of = _as_of(params.as_of, latest[0]["year"] if latest else None)
    records = read_rows(
        driver,
        CYPHER,
        database=database,
        document=params.document,
        as_of=as_of,
        ongoing_kinds=ONGOING_KINDS,
        ongoing=ONGOING,
        none=NONE,
    )
    return sorted((_row(r["month"], r["tasks"], r["overdue"], r["anomaly_ids"]) for r in records), key=_order)
