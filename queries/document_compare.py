"""document_compare — what two documents share and what is theirs alone (文档对比).

Five kinds of rows, in this order:

- ``shared_indicator``: an indicator (营商环境指标) targeted by tasks of both documents; the values
  are how many tasks of each target it;
- ``shared_reform``: a named reform (改革举措) advanced by tasks of both; values are task counts;
- ``similar_pair``: a ``SIMILAR_TO`` link between a task of the left and a task of the right
  document (read in both directions); key ``"<left task> ↔ <right task>"``, values the titles;
- ``only_left`` / ``only_right``: a task with no ``SIMILAR_TO`` link to any task of the other
  document; the value on its side is its title.

Default documents: the two source documents with the most tasks (ties by id), the larger left.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.model import Label, Rel
from queries._common import nodes_with_label, out_edges
from queries._links import link_score, similar_links

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "document_compare"
TITLE_ZH = "文档对比"
TITLE_EN = "Document comparison"
DESCRIPTION = (
    "Two documents side by side: indicators and reforms both address (with task counts), similar "
    "task pairs (SIMILAR_TO), and the tasks of each with no similar task in the other. "
    "Default: the two documents with the most tasks."
)

KINDS = ("shared_indicator", "shared_reform", "similar_pair", "only_left", "only_right")
_SHARED = {Rel.TARGETS.value: "shared_indicator", Rel.ADVANCES.value: "shared_reform"}
PAIR_SEPARATOR = " ↔ "


@dataclass(frozen=True, slots=True)
class Params:
    left: str | None = None  # a document id (doc:…); default: the document with the most tasks
    right: str | None = None  # default: the document with the most tasks other than left


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by kind (shared_indicator, shared_reform, similar_pair, only_left, only_right),
    then key (an indicator, reform or task id; ``left ↔ right`` task ids for a pair)."""

    kind: str
    key: str
    left_value: str | None
    right_value: str | None
    score: float | None


# Source documents by number of tasks (desc), ties by id.
DOCUMENTS_CYPHER = """
CALL {
  MATCH (t:Task) RETURN t.document_id AS id, count(*) AS tasks
  UNION ALL
  MATCH (d:Policy) WHERE d.is_source RETURN d.id AS id, 0 AS tasks
}
WITH id, sum(tasks) AS tasks
RETURN id ORDER BY tasks DESC, id ASC
LIMIT 3
"""
SOURCE_EXISTS_CYPHER = "MATCH (d:Policy {id: $id}) WHERE d.is_source RETURN d.id AS id"

SHARED_CYPHER = """
MATCH (t:Task)-[r:TARGETS|ADVANCES]->(x)
WHERE t.document_id IN [$left, $right]
WITH type(r) AS rel, x.id AS key,
     sum(CASE t.document_id WHEN $left THEN 1 ELSE 0 END) AS left_tasks,
     sum(CASE t.document_id WHEN $right THEN 1 ELSE 0 END) AS right_tasks
WHERE left_tasks > 0 AND right_tasks > 0
RETURN rel, key, left_tasks, right_tasks
ORDER BY rel, key
"""

PAIRS_CYPHER = """
MATCH (a:Task {document_id: $left})-[s:SIMILAR_TO]-(b:Task {document_id: $right})
RETURN a.id AS left_id, a.title AS left_title, b.id AS right_id, b.title AS right_title,
       s.score AS score
ORDER BY left_id, right_id
"""

ONLY_CYPHER = """
MATCH (t:Task)
WHERE t.document_id IN [$left, $right]
WITH t, CASE t.document_id WHEN $left THEN $right ELSE $left END AS other
WHERE NOT EXISTS { MATCH (t)-[:SIMILAR_TO]-(o:Task) WHERE o.document_id = other }
RETURN t.id AS id, t.title AS title, t.document_id = $left AS on_left
ORDER BY id
"""


def _order(row: Row) -> tuple[int, str, str, str, bool, float]:
    # Kind and key decide; the rest only orders a pair whose link was (wrongly) stored twice.
    values = (row.left_value or "", row.right_value or "")
    return (KINDS.index(row.kind), row.key, *values, row.score is None, row.score or 0.0)


def choose_documents(ranked: list[str], params: Params) -> tuple[str, str] | None:
    """``(left, right)`` from the documents ranked by tasks; None when fewer than two exist.

    Raises
    ------
    QueryParamError
        A given id is not a source document, or both sides name the same one.
    """
    for given in (params.left, params.right):
        if given is not None and given not in ranked:
            raise QueryParamError(f"{NAME}: no document {given!r} in the graph")
    if params.left is not None and params.left == params.right:
        raise QueryParamError(f"{NAME}: left and right are the same document {params.left!r}")
    left = params.left or next((d for d in ranked if d != params.right), None)
    right = params.right or next((d for d in ranked if d != left), None)
    return (left, right) if left and right else None


def _rows(shared: list[dict[str, Any]], pairs: list[dict[str, Any]], only: list[dict[str, Any]]) -> list[Row]:
    rows = [
        Row(_SHARED[r["rel"]], r["key"], str(r["left_tasks"]), str(r["right_tasks"]), None) for r in shared
    ]
    rows += [
        Row(
            "similar_pair",
            r["left_id"] + PAIR_SEPARATOR + r["right_id"],
            r["left_title"],
            r["right_title"],
            link_score(r["score"]),
        )
        for r in pairs
    ]
    rows += [
        Row("only_left", r["id"], r["title"], None, None)
        if r["on_left"]
        else Row("only_right", r["id"], None, r["title"], None)
        for r in only
    ]
    return sorted(rows, key=_order)


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    tasks = Counter(d["document_id"] for _, d in nodes_with_label(G, Label.TASK))
    documents = [n for n, d in nodes_with_label(G, Label.POLICY) if d.get("is_source")]
    chosen = choose_documents(sorted(documents, key=lambda d: (-tasks[d], d)), params)
    if chosen is None:
        return []
    left, right = chosen
    side = {left: 0, right: 1}
    counts: dict[tuple[str, str], list[int]] = {}
    pairs, only = [], []
    for task, data in nodes_with_label(G, Label.TASK):
        if data["document_id"] not in side:
            continue
        for target, key, _ in out_edges(G, task):
            if key in _SHARED:
                counts.setdefault((key, target), [0, 0])[side[data["document_id"]]] += 1
        other = right if data["document_id"] == left else left
        linked = [(o, d) for o, d in similar_links(G, task) if G.nodes[o]["document_id"] == other]
        if not linked:
            only.append({"id": task, "title": data["title"], "on_left": data["document_id"] == left})
        if data["document_id"] == left:
            for o, link in linked:
                pairs.append(
                    {
                        "left_id": task,
                        "left_title": data["title"],
                        "right_id": o,
                        "right_title": G.nodes[o]["title"],
                        "score": link.get("score"),
                    }
                )
    shared = [
        {"rel": rel, "key": key, "left_tasks": n[0], "right_tasks": n[1]}
        for (rel, key), n in counts.items()
        if n[0] and n[1]
    ]
    return _rows(shared, pairs, only)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    # The three largest documents are enough to pick the defaults beside a given one; given ids
    # are checked on their own.
    ranked = [r["id"] for r in read_rows(driver, DOCUMENTS_CYPHER, database=database)]
    for given in (params.left, params.right):
        known = given is None or given in ranked
        if not known and read_rows(driver, SOURCE_EXISTS_CYPHER, database=database, id=given):
            ranked.append(given)
    chosen = choose_documents(ranked, params)
    if chosen is None:
        return []
    left, right = chosen
    shared = read_rows(driver, SHARED_CYPHER, database=database, left=left, right=right)
    pairs = read_rows(driver, PAIRS_CYPHER, database=database, left=left, right=right)
    only = read_rows(driver, ONLY_CYPHER, database=database, left=left, right=right)
    return _rows(shared, pairs, only)
