"""task_detail — one task with everything the graph knows about it and where it came from (任务详情)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.model import Label, Rel
from queries._common import in_edges, out_edges
from queries._links import link_score, require_task_neo4j, require_task_networkx

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "task_detail"
TITLE_ZH = "任务详情"
TITLE_EN = "Task detail"
DESCRIPTION = (
    "One task (default: the task with the most relationships) in sections: the task itself with "
    "its text and deadline, its units and roles with the words they came from, targets, "
    "indicators (basis, evidence), cited or produced policies, reforms, links to other tasks "
    "(basis, evidence, score) and sub-tasks. Spans are offsets into the source document."
)
SECTIONS = ("task", "role", "target", "indicator", "citation", "reform", "link", "subtask")
ROLE_ORDER = (Rel.LEADS.value, Rel.ASSISTS.value)
# A link read from the task's side: it depends on the other task, the other depends on it, or similar.
DEPENDS_ON = "depends_on"
DEPENDED_ON_BY = "depended_on_by"
SIMILAR_TO = "similar_to"
LINK_ORDER = (DEPENDS_ON, DEPENDED_ON_BY, SIMILAR_TO)
# A whole document can depend on a task (the plan implements a policy that task drafts).
LINK_ENDS = (Label.TASK, Label.POLICY)


@dataclass(frozen=True, slots=True)
class Params:
    task: str | None = None  # a task id (task:…); default the task with the most relationships


@dataclass(frozen=True, slots=True)
class Row:
    """One line of one section about ``task_id``; fields a section does not use are None.

    - ``task`` (one row): ``key`` the task id, ``name`` its title, ``detail`` its full text,
      ``number``, ``span_*`` the task in the document, ``deadline_*``, ``document_id``,
      ``source_file``.
    - ``role``: ``key`` unit id, ``name`` unit name, ``relation`` LEADS|ASSISTS, ``detail`` the
      annotation as written, ``basis`` the label (牵头单位 …) or scope, ``span_*`` where it is.
    - ``target``: ``key`` its position, ``name`` the words, ``detail`` metric/comparator/value,
      ``relation`` target or achieved, ``basis`` the indicator it measures.
    - ``indicator``: ``key`` indicator id, ``name``, ``basis`` heading|keywords, ``detail`` the
      evidence, ``score`` the confidence.
    - ``citation``: ``key`` policy id, ``name`` its title, ``relation`` CITES|PRODUCES|IMPLEMENTS,
      ``detail`` the words, ``span_*``.
    - ``reform``: ``key`` reform id, ``name``, ``detail`` the words, ``span_*``.
    - ``link``: ``key`` the other task, ``name`` its title, ``relation`` depends_on |
      depended_on_by | similar_to, ``basis``, ``detail`` the evidence, ``score``, ``document_id``
      the other task's document (the other end may be a whole document that depends on the task).
    - ``subtask``: ``key`` sub-task id, ``name``, ``number``, ``deadline_*``, ``span_*``.

    Ordered by section in that order; roles LEADS first; links by relation, score (desc); then
    by key.
    """

    section: str
    task_id: str
    key: str
    name: str
    detail: str | None = None
    relation: str | None = None
    basis: str | None = None
    score: float | None = None
    span_start: int | None = None
    span_end: int | None = None
    number: str | None = None
    document_id: str | None = None
    source_file: str | None = None
    deadline_raw: str | None = None
    deadline_date: str | None = None
    deadline_kind: str | None = None


DEFAULT_TASK_CYPHER = """
MATCH (t:Task)
RETURN t.id AS id ORDER BY COUNT { (t)--() } DESC, id ASC LIMIT 1
"""
TASK_CYPHER = "MATCH (t:Task {id: $task}) RETURN properties(t) AS props"
# Every branch yields the same columns; targets live on the task node and are read in Python.
CYPHER = """
MATCH (u:Unit)-[r:LEADS|ASSISTS]->(:Task {id: $task})
RETURN 'role' AS section, u.id AS key, u.name AS name, r.raw AS detail, type(r) AS relation,
       coalesce(nullif(r.label, ''), r.scope) AS basis, null AS score, r.span_start AS span_start,
       r.span_end AS span_end, null AS document_id, null AS number
UNION ALL
MATCH (:Task {id: $task})-[r:TARGETS]->(i:Indicator)
RETURN 'indicator' AS section, i.id AS key, i.name AS name, r.evidence AS detail, null AS relation,
       r.basis AS basis, r.confidence AS score, null AS span_start, null AS span_end,
       null AS document_id, null AS number
UNION ALL
MATCH (:Task {id: $task})-[r:CITES|PRODUCES|IMPLEMENTS]->(p:Policy)
RETURN 'citation' AS section, p.id AS key, coalesce(p.title, p.name) AS name, r.evidence AS detail,
       type(r) AS relation, null AS basis, null AS score, r.span_start AS span_start,
       r.span_end AS span_end, null AS document_id, null AS number
UNION ALL
MATCH (:Task {id: $task})-[r:ADVANCES]->(f:Reform)
RETURN 'reform' AS section, f.id AS key, f.name AS name, r.evidence AS detail, null AS relation,
       null AS basis, null AS score, r.span_start AS span_start, r.span_end AS span_end,
       null AS document_id, null AS number
UNION ALL
MATCH (t:Task {id: $task})-[r:DEPENDS_ON|SIMILAR_TO]-(o:Task|Policy)
WHERE o <> t
RETURN 'link' AS section, o.id AS key, o.title AS name, r.evidence AS detail,
       CASE WHEN type(r) = 'SIMILAR_TO' THEN $similar_to
            WHEN startNode(r) = t THEN $depends_on ELSE $depended_on_by END AS relation,
       r.basis AS basis, r.score AS score, null AS span_start, null AS span_end,
       coalesce(o.document_id, o.id) AS document_id, null AS number
UNION ALL
MATCH (s:Task)-[:PART_OF]->(:Task {id: $task})
RETURN 'subtask' AS section, s.id AS key, s.title AS name, s.deadline_raw AS detail,
       null AS relation, null AS basis, null AS score, s.span_start AS span_start,
       s.span_end AS span_end, s.document_id AS document_id, s.number AS number
"""


def _order(row: Row) -> tuple[Any, ...]:
    section = SECTIONS.index(row.section)
    if row.section == "role":
        middle: tuple[Any, ...] = (ROLE_ORDER.index(row.relation or Rel.LEADS.value), 0.0)
    elif row.section == "link":
        middle = (LINK_ORDER.index(row.relation or SIMILAR_TO), -(row.score or 0.0))
    elif row.section == "target":
        middle = (int(row.key), 0.0)
    else:
        middle = (0, 0.0)
    return (section, *middle, row.key)


def _task_row(task: str, data: dict[str, Any]) -> Row:
    return Row(
        section="task",
        task_id=task,
        key=task,
        name=data.get("title") or "",
        detail=data.get("text"),
        span_start=data.get("span_start"),
        span_end=data.get("span_end"),
        number=data.get("number"),
        document_id=data.get("document_id"),
        source_file=data.get("source_file"),
        deadline_raw=data.get("deadline_raw"),
        deadline_date=data.get("deadline_date"),
        deadline_kind=data.get("deadline_kind"),
    )


def _target_rows(task: str, targets: list[dict[str, Any]]) -> list[Row]:
    rows = []
    for index, target in enumerate(targets):
        value = target.get("value")
        amount = "" if value is None else f"{value:g}"
        rows.append(
            Row(
                section="target",
                task_id=task,
                key=str(index),
                name=target.get("raw") or "",
                detail=f"{target.get('metric') or ''} {target.get('comparator') or ''} "
                f"{amount}{target.get('unit') or ''}".strip(),
                relation="achieved" if target.get("achieved") else "target",
                basis=target.get("indicator") or None,
            )
        )
    return rows


def _row(task: str, record: dict[str, Any]) -> Row:
    score = record["score"]
    return Row(
        section=record["section"],
        task_id=task,
        key=record["key"],
        name=record["name"] or "",
        detail=record["detail"],
        relation=record["relation"],
        basis=record["basis"] or None,
        score=None if score is None else link_score(score),
        span_start=record["span_start"],
        span_end=record["span_end"],
        number=record["number"],
        document_id=record["document_id"],
        deadline_raw=record["detail"] if record["section"] == "subtask" else None,
    )


def _default_task_networkx(G: nx.MultiDiGraph) -> str | None:
    tasks = [(-G.degree(n), n) for n, d in G.nodes(data=True) if d.get("label") == Label.TASK]
    return min(tasks)[1] if tasks else None


def _record(section: str, key: str, name: str, **rest: Any) -> dict[str, Any]:
    base = dict.fromkeys(
        ("detail", "relation", "basis", "score", "span_start", "span_end", "document_id", "number")
    )
    return {**base, "section": section, "key": key, "name": name, **rest}


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    task = params.task if params.task is not None else _default_task_networkx(G)
    if task is None:
        return []
    require_task_networkx(G, NAME, task)
    records = []
    for unit, key, data in in_edges(G, task):
        if key in ROLE_ORDER:
            records.append(
                _record(
                    "role",
                    unit,
                    G.nodes[unit]["name"],
                    detail=data.get("raw"),
                    relation=key,
                    basis=data.get("label") or data.get("scope"),
                    span_start=data.get("span_start"),
                    span_end=data.get("span_end"),
                )
            )
        elif key == Rel.PART_OF and G.nodes[unit].get("label") == Label.TASK:
            sub = G.nodes[unit]
            records.append(
                _record(
                    "subtask",
                    unit,
                    sub.get("title"),
                    detail=sub.get("deadline_raw"),
                    span_start=sub.get("span_start"),
                    span_end=sub.get("span_end"),
                    document_id=sub.get("document_id"),
                    number=sub.get("number"),
                )
            )
        elif key == Rel.DEPENDS_ON and unit != task and G.nodes[unit].get("label") in LINK_ENDS:
            records.append(_link_record(G, unit, data, DEPENDED_ON_BY))
    for other, key, data in out_edges(G, task):
        target = G.nodes[other]
        if key == Rel.TARGETS:
            records.append(
                _record(
                    "indicator",
                    other,
                    target["name"],
                    detail=data.get("evidence"),
                    basis=data.get("basis"),
                    score=data.get("confidence"),
                )
            )
        elif key in (Rel.CITES, Rel.PRODUCES, Rel.IMPLEMENTS):
            records.append(
                _record(
                    "citation",
                    other,
                    target.get("title") or target.get("name"),
                    detail=data.get("evidence"),
                    relation=key,
                    span_start=data.get("span_start"),
                    span_end=data.get("span_end"),
                )
            )
        elif key == Rel.ADVANCES:
            records.append(
                _record(
                    "reform",
                    other,
                    target["name"],
                    detail=data.get("evidence"),
                    span_start=data.get("span_start"),
                    span_end=data.get("span_end"),
                )
            )
        elif key == Rel.DEPENDS_ON and other != task and target.get("label") in LINK_ENDS:
            records.append(_link_record(G, other, data, DEPENDS_ON))
    for other, data in _similar(G, task):
        records.append(_link_record(G, other, data, SIMILAR_TO))
    data = G.nodes[task]
    rows = [_task_row(task, data), *_target_rows(task, data.get("targets") or [])]
    rows += [_row(task, r) for r in records]
    return sorted(rows, key=_order)


def _similar(G: nx.MultiDiGraph, task: str) -> list[tuple[str, dict[str, Any]]]:
    from queries._links import similar_links

    return similar_links(G, task)


def _link_record(G: nx.MultiDiGraph, other: str, data: dict[str, Any], relation: str) -> dict[str, Any]:
    return _record(
        "link",
        other,
        G.nodes[other].get("title"),
        detail=data.get("evidence"),
        relation=relation,
        basis=data.get("basis"),
        score=data.get("score"),
        document_id=G.nodes[other].get("document_id") or other,
    )


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import JSON_SUFFIX, read_rows

    task = params.task
    if task is None:
        found = read_rows(driver, DEFAULT_TASK_CYPHER, database=database)
        if not found:
            return []
        task = found[0]["id"]
    require_task_neo4j(driver, NAME, task, database=database)
    props = read_rows(driver, TASK_CYPHER, database=database, task=task)[0]["props"]
    targets = json.loads(props.get("targets" + JSON_SUFFIX) or "[]")
    records = read_rows(
        driver,
        CYPHER,
        database=database,
        task=task,
        depends_on=DEPENDS_ON,
        depended_on_by=DEPENDED_ON_BY,
        similar_to=SIMILAR_TO,
    )
    rows = [_task_row(task, props), *_target_rows(task, targets)]
    rows += [_row(task, r) for r in records]
    return sorted(rows, key=_order)
