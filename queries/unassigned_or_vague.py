"""unassigned_or_vague — tasks whose lead is missing, unnamed or diffuse (责任不清).

A task needs one accountable lead (牵头单位). Flagged here: tasks with no lead at all, tasks led
only by collective holders (各县区政府, 市直各相关部门 …) or by redacted ones ((略)), and tasks with
so many co-leads that nobody is clearly in charge.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Label, Rel, TaskKind, UnitKind
from queries._common import nodes_with_label, roles_on_task

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "unassigned_or_vague"
TITLE_ZH = "责任不清"
TITLE_EN = "Unassigned or vague responsibility"
DESCRIPTION = (
    "Tasks with no lead unit (牵头单位), with only collective or redacted leads, or with more than "
    "max_coleads leads. Filters: document, reason; measures of progress reports (which name no "
    "units by nature) only with include_measures."
)
# The reason codes, in the order rows are sorted.
REASONS = ("no_lead", "collective_only", "redacted_only", "many_coleads")


@dataclass(frozen=True, slots=True)
class Params:
    document: str | None = None  # a document id (doc:…)
    reason: str | None = None  # only this reason code
    max_coleads: int = 3  # more lead units than this is many_coleads
    include_measures: bool = False  # report measures carry no annotations by nature: left out

    def __post_init__(self) -> None:
        if self.reason is not None and self.reason not in REASONS:
            raise QueryParamError(f"{NAME}: reason must be one of {', '.join(REASONS)}, not {self.reason!r}")
        if self.max_coleads < 1:
            raise QueryParamError(f"{NAME}: max_coleads must be at least 1, not {self.max_coleads}")


@dataclass(frozen=True, slots=True)
class Row:
    """One flagged task and why; a task flagged for two reasons has two rows.

    Leads are the task's LEADS edges, its own and its section's (scope ``section``); a sub-task
    does not inherit its parent's. ``no_lead``: none. ``redacted_only``: every lead is redacted.
    ``collective_only``: every lead is collective or redacted, at least one collective.
    ``many_coleads``: more than ``max_coleads`` leads of any kind. ``leads`` counts them,
    ``lead_names`` sorted.

    Ordered by reason (no_lead, collective_only, redacted_only, many_coleads), document_id,
    then task_id.
    """

    reason: str
    task_id: str
    title: str
    document_id: str
    leads: int
    lead_names: tuple[str, ...]


# Tasks carry their lead counts (lead_count, ranked_lead_count; indexed), so only the unclear ones
# are read and have their leads collected.
CYPHER = """
MATCH (t:Task)
WHERE (t.ranked_lead_count = 0 OR t.lead_count > $max_coleads)
  AND ($document IS NULL OR t.document_id = $document)
  AND ($include_measures OR coalesce(t.kind, '') <> $measure)
OPTIONAL MATCH (u:Unit)-[:LEADS]->(t)
WITH t, collect(u.name) AS lead_names, collect(u.kind) AS kinds
WITH t, lead_names, size(lead_names) AS leads,
     size([k IN kinds WHERE k = $collective]) AS collective,
     size([k IN kinds WHERE k = $redacted]) AS redacted
WHERE leads = 0 OR collective + redacted = leads OR leads > $max_coleads
RETURN t.id AS task_id, t.title AS title, t.document_id AS document_id,
       collective, redacted, lead_names
ORDER BY document_id ASC, task_id ASC
"""


# How many unclear tasks have each (leads, collective, redacted) combination: what a summary needs,
# without a row per task.
COUNT_CYPHER = """
MATCH (t:Task)
WHERE (t.ranked_lead_count = 0 OR t.lead_count > $max_coleads)
  AND ($document IS NULL OR t.document_id = $document)
  AND coalesce(t.kind, '') <> $measure
OPTIONAL MATCH (u:Unit)-[:LEADS]->(t)
WITH t, count(u) AS leads,
     sum(CASE u.kind WHEN $collective THEN 1 ELSE 0 END) AS collective,
     sum(CASE u.kind WHEN $redacted THEN 1 ELSE 0 END) AS redacted
RETURN leads, collective, redacted, count(t) AS tasks
"""


def reason_counts_neo4j(driver: Driver, document: str | None, *, database: str) -> Counter[str]:
    """Tasks per reason with the default parameters (report measures left out), counted in Neo4j."""
    from graph_build.store_neo4j import read_rows

    counts: Counter[str] = Counter()
    defaults = Params()
    for record in read_rows(
        driver,
        COUNT_CYPHER,
        database=database,
        document=document,
        max_coleads=defaults.max_coleads,
        measure=TaskKind.MEASURE.value,
        collective=UnitKind.COLLECTIVE.value,
        redacted=UnitKind.REDACTED.value,
    ):
        for reason in reasons(
            record["leads"], record["collective"], record["redacted"], defaults.max_coleads
        ):
            counts[reason] += record["tasks"]
    return counts


def reasons(leads: int, collective: int, redacted: int, max_coleads: int) -> list[str]:
    """The reason codes of a task with ``leads`` lead units, of which ``collective`` collective
    and ``redacted`` redacted ones.

    Examples
    --------
    >>> reasons(0, 0, 0, 3), reasons(2, 1, 1, 3), reasons(1, 0, 1, 3), reasons(5, 1, 0, 3)
    (['no_lead'], ['collective_only'], ['redacted_only'], ['many_coleads'])
    """
    found = []
    if leads == 0:
        found.append("no_lead")
    elif redacted == leads:
        found.append("redacted_only")
    elif collective and collective + redacted == leads:
        found.append("collective_only")
    if leads > max_coleads:
        found.append("many_coleads")
    return found


def _order(row: Row) -> tuple[int, str, str]:
    return (REASONS.index(row.reason), row.document_id, row.task_id)


def _rows(
    params: Params, task: str, title: str, document: str, names: list[str], collective: int, redacted: int
) -> list[Row]:
    return [
        Row(reason, task, title, document, len(names), tuple(sorted(names)))
        for reason in reasons(len(names), collective, redacted, params.max_coleads)
        if params.reason is None or reason == params.reason
    ]


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    rows = []
    for task, data in nodes_with_label(G, Label.TASK):
        if params.document is not None and data["document_id"] != params.document:
            continue
        if not params.include_measures and data.get("kind") == TaskKind.MEASURE:
            continue
        leads = [unit for unit, role in roles_on_task(G, task) if role == Rel.LEADS]
        kinds = [G.nodes[unit]["kind"] for unit in leads]
        names = [G.nodes[unit]["name"] for unit in leads]
        rows += _rows(
            params,
            task,
            data["title"],
            data["document_id"],
            names,
            kinds.count(UnitKind.COLLECTIVE.value),
            kinds.count(UnitKind.REDACTED.value),
        )
    return sorted(rows, key=_order)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    records = read_rows(
        driver,
        CYPHER,
        database=database,
        document=params.document,
        max_coleads=params.max_coleads,
        include_measures=params.include_measures,
        measure=TaskKind.MEASURE.value,
        collective=UnitKind.COLLECTIVE.value,
        redacted=UnitKind.REDACTED.value,
    )
    rows = []
    for r in records:
        rows += _rows(
            params,
            r["task_id"],
            r["title"],
            r["document_id"],
            r["lead_names"],
            r["collective"],
            r["redacted"],
        )
    return sorted(rows, key=_order)
