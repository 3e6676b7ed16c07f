"""indicator_coverage — how well the 18 national indicators are served by tasks (指标覆盖).

Every indicator of the national evaluation (评价指标) is listed, the uncovered ones with zeros, so
gaps show: a document (or the whole collection) that has no task targeting an indicator leaves it
uncovered.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.analytics import is_annotated
from graph_build.model import Label, Rel
from queries._common import UNRANKED, in_edges, nodes_with_label, ranked, roles_on_task

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "indicator_coverage"
TITLE_ZH = "指标覆盖"
TITLE_EN = "Indicator coverage"
DESCRIPTION = (
    "Each of the 18 national indicators with the number of tasks and documents targeting it and "
    "its main lead units (牵头单位); uncovered indicators are kept with zeros and marked. Filter: "
    "document; collective and redacted leads only when asked."
)
TOP_LEADS = 5


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None  # a document id (doc:…): only its tasks count
    include_collective: bool = False  # collective and redacted units among the leads


@dataclass(frozen=True, slots=True)
class Row:
    """One indicator. ``tasks`` targeting it, ``documents`` those tasks come from, ``lead_units``
    distinct units leading them; ``top_lead_ids``/``top_lead_names`` the (at most 5) units
    leading most of them, ordered by that count (desc) then unit id, names in the same order as
    the ids; ``uncovered`` when no task targets it.

    Ordered by tasks (desc), then indicator_id.
    """

    indicator_id: str
    name: str
    en: str
    tasks: int
    documents: int
    lead_units: int
    top_lead_ids: tuple[str, ...]
    top_lead_names: tuple[str, ...]
    uncovered: bool


CYPHER = """
MATCH (i:Indicator)
OPTIONAL MATCH (t:Task)-[:TARGETS]->(i)
WHERE $document IS NULL OR t.document_id = $document
WITH i, count(DISTINCT t) AS tasks, count(DISTINCT t.document_id) AS documents
OPTIONAL MATCH (u:Unit)-[:LEADS]->(t:Task)-[:TARGETS]->(i)
WHERE ($document IS NULL OR t.document_id = $document)
  AND ($include_collective OR NOT u.kind IN $unranked)
WITH i, tasks, documents, u, count(DISTINCT t) AS led
WITH i, tasks, documents,
     collect(CASE WHEN u IS NULL THEN null ELSE {id: u.id, name: u.name, led: led} END) AS leads
RETURN i.id AS indicator_id, i.name AS name, i.en AS en, tasks, documents, leads
ORDER BY tasks DESC, indicator_id ASC
"""


def _order(row: Row) -> tuple[int, str]:
    return (-row.tasks, row.indicator_id)


def _row(indicator: str, name: str, en: str, tasks: int, documents: int, leads: list[Any]) -> Row:
    """``leads``: ``{"id", "name", "led"}`` per lead unit."""
    top = sorted(leads, key=lambda lead: (-lead["led"], lead["id"]))[:TOP_LEADS]
    return Row(
        indicator_id=indicator,
        name=name,
        en=en,
        tasks=tasks,
        documents=documents,
        lead_units=len(leads),
        top_lead_ids=tuple(lead["id"] for lead in top),
        top_lead_names=tuple(lead["name"] for lead in top),
        uncovered=tasks == 0,
    )


STORED_CYPHER = """
MATCH (i:Indicator)
RETURN i.id AS indicator_id, i.name AS name, i.en AS en, i.coverage_json AS coverage
"""


def _stored(params: Params) -> bool:
    """The corpus-wide question with ranked leads is answered from the coverage stored on each
    indicator when the graph was built (:mod:`graph_build.analytics`)."""
    return params.document is None and not params.include_collective


def _stored_row(indicator: str, name: str, en: str, coverage: dict[str, Any]) -> Row:
    top = coverage["top_leads"]
    return Row(
        indicator_id=indicator,
        name=name,
        en=en,
        tasks=coverage["tasks"],
        documents=coverage["documents"],
        lead_units=coverage["lead_units"],
        top_lead_ids=tuple(unit for unit, _, _ in top),
        top_lead_names=tuple(unit_name for _, unit_name, _ in top),
        uncovered=coverage["tasks"] == 0,
    )


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    if _stored(params) and is_annotated(G):
        rows = [
            _stored_row(indicator, data["name"], data["en"], data["coverage"])
            for indicator, data in nodes_with_label(G, Label.INDICATOR)
        ]
        return sorted(rows, key=_order)
    rows = []
    for indicator, data in nodes_with_label(G, Label.INDICATOR):
        tasks = [
            task
            for task, key, _ in in_edges(G, indicator)
            if key == Rel.TARGETS
            and (params.document is None or G.nodes[task]["document_id"] == params.document)
        ]
        led: Counter[str] = Counter(
            unit
            for task in tasks
            for unit, role in roles_on_task(G, task)
            if role == Rel.LEADS and ranked(G.nodes[unit]["kind"], params.include_collective)
        )
        leads = [{"id": unit, "name": G.nodes[unit]["name"], "led": n} for unit, n in led.items()]
        documents = len({G.nodes[task]["document_id"] for task in tasks})
        rows.append(_row(indicator, data["name"], data["en"], len(tasks), documents, leads))
    return sorted(rows, key=_order)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    if _stored(params):
        stored = read_rows(driver, STORED_CYPHER, database=database)
        rows = [_stored_row(r["indicator_id"], r["name"], r["en"], json.loads(r["coverage"])) for r in stored]
        return sorted(rows, key=_order)
    records = read_rows(
        driver,
        CYPHER,
        database=database,
        document=params.document,
        include_collective=params.include_collective,
        unranked=UNRANKED,
    )
    rows = [
        _row(r["indicator_id"], r["name"], r["en"], r["tasks"], r["documents"], r["leads"]) for r in records
    ]
    return sorted(rows, key=_order)
