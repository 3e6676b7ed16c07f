"""task_links — every link between tasks with its basis and evidence (任务关联), filterable.

The dependencies page draws these: DEPENDS_ON (a task, or a whole plan, needs another task first)
and SIMILAR_TO (the same reform in two places). A filter by unit or reform keeps the links with
either end carried by that unit or advancing that reform.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.graph_cache import cached
from graph_build.model import Label, Rel
from queries._common import ROLE_TYPES, all_edges
from queries._links import link_score

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "task_links"
TITLE_ZH = "任务关联"
TITLE_EN = "Task links"
DESCRIPTION = (
    "Links between tasks: DEPENDS_ON (from needs to) and SIMILAR_TO, each with basis, evidence "
    "and score. Filters: type, document (either end), unit (either end has it as lead or "
    "assistant), reform (either end advances it), cross_document_only, min_score, limit."
)
LINK_TYPES = (Rel.DEPENDS_ON.value, Rel.SIMILAR_TO.value)


@dataclass(frozen=True, slots=True)
class Params:
    type: str | None = None  # DEPENDS_ON or SIMILAR_TO; None for both
    document: str | None = None  # a document id (doc:…) at either end
    unit: str | None = None  # a unit id (unit:…) with a role on either end
    reform: str | None = None  # a reform id (reform:…) advanced by either end
    cross_document_only: bool = False
    min_score: float = 0.0
    limit: int = 500


@dataclass(frozen=True, slots=True)
class Row:
    """One link; ``from`` depends on ``to`` (SIMILAR_TO is symmetric, stored once). The ``from``
    end of a DEPENDS_ON may be a whole document (a plan implementing what the task drafts).
    Ordered by type (DEPENDS_ON first), score (desc), from_id, then to_id."""

    type: str
    from_id: str
    from_title: str
    from_document_id: str
    to_id: str
    to_title: str
    to_document_id: str
    basis: str | None
    evidence: str | None
    score: float | None
    cross_document: bool


# The filters a call uses are put in the statement, so an unused one costs nothing (Cypher does not
# promise to skip ``$unit IS NULL OR EXISTS {…}``); ordering and the limit happen in the server.
CYPHER_HEAD = """
MATCH (a)-[r:{types}]->(b:Task)
WHERE (a:Task OR a:Policy) AND a <> b AND coalesce(r.score, 0.0) >= $min_score
"""
CYPHER_FILTERS = {
    "unit": "(EXISTS { (:Unit {id: $unit})-[:LEADS|ASSISTS]->(a) } "
    "OR EXISTS { (:Unit {id: $unit})-[:LEADS|ASSISTS]->(b) })",
    "reform": "(EXISTS { (a)-[:ADVANCES]->(:Reform {id: $reform}) } "
    "OR EXISTS { (b)-[:ADVANCES]->(:Reform {id: $reform}) })",
}
CYPHER_TAIL = """
WITH a, r, b, coalesce(a.document_id, a.id) AS a_doc, b.document_id AS b_doc
WHERE ($document IS NULL OR a_doc = $document OR b_doc = $document)
  AND (NOT $cross_document_only OR a_doc <> b_doc)
RETURN type(r) AS type, a.id AS from_id, coalesce(a.title, a.id) AS from_title, a_doc AS from_document_id,
       b.id AS to_id, coalesce(b.title, b.id) AS to_title, b_doc AS to_document_id,
       r.basis AS basis, r.evidence AS evidence, r.score AS score
ORDER BY type, round(coalesce(score, 0.0), 4) DESC, from_id, to_id
LIMIT $limit
"""


# Without unit, reform, document or cross-document filters, the SIMILAR_TO part (650,000 links at
# 10,000 documents) is read through the range index on their score, highest first: one statement
# finds the score of the last link the limit keeps, a second reads every link at or above it (ties
# included), and Python orders them as the rows are ordered.
SIMILAR_THRESHOLD_CYPHER = """
MATCH (a)-[r:SIMILAR_TO]->(b:Task)
WHERE r.score >= $min_score AND (a:Task OR a:Policy) AND a <> b
RETURN r.score AS score ORDER BY r.score DESC LIMIT $limit
"""
SIMILAR_ABOVE_CYPHER = """
MATCH (a)-[r:SIMILAR_TO]->(b:Task)
WHERE r.score >= $threshold AND (a:Task OR a:Policy) AND a <> b
RETURN type(r) AS type, a.id AS from_id, coalesce(a.title, a.id) AS from_title,
       coalesce(a.document_id, a.id) AS from_document_id, b.id AS to_id,
       coalesce(b.title, b.id) AS to_title, b.document_id AS to_document_id,
       r.basis AS basis, r.evidence AS evidence, r.score AS score
"""


def _unfiltered(params: Params) -> bool:
    return (
        params.document is None
        and params.unit is None
        and params.reform is None
        and not params.cross_document_only
    )


def cypher(params: Params) -> str:
    """The statement for the filters ``params`` uses; a type filter goes into the pattern (it is
    checked against :data:`LINK_TYPES` first), so only links of that type are read."""
    types = params.type if params.type is not None else "|".join(LINK_TYPES)
    used = [clause for name, clause in CYPHER_FILTERS.items() if getattr(params, name) is not None]
    return (
        CYPHER_HEAD.replace("{types}", types) + "".join(f"  AND {clause}\n" for clause in used) + CYPHER_TAIL
    )


def _order(row: Row) -> tuple[Any, ...]:
    return (LINK_TYPES.index(row.type), -(row.score or 0.0), row.from_id, row.to_id)


def _check(params: Params) -> None:
    if params.type is not None and params.type not in LINK_TYPES:
        raise QueryParamError(f"{NAME}: type must be one of {', '.join(LINK_TYPES)}, not {params.type!r}")
    if params.limit < 0:
        raise QueryParamError(f"{NAME}: limit must be 0 or more, not {params.limit}")


def _row(record: dict[str, Any]) -> Row:
    score = record["score"]
    return Row(
        type=record["type"],
        from_id=record["from_id"],
        from_title=record["from_title"] or record["from_id"],
        from_document_id=record["from_document_id"],
        to_id=record["to_id"],
        to_title=record["to_title"] or record["to_id"],
        to_document_id=record["to_document_id"],
        basis=record["basis"],
        evidence=record["evidence"],
        score=None if score is None else link_score(score),
        cross_document=record["from_document_id"] != record["to_document_id"],
    )


def _touches(G: nx.MultiDiGraph, ends: tuple[str, str], params: Params) -> bool:
    if params.unit is not None and not any(
        G.has_edge(params.unit, end, key=role) for end in ends for role in ROLE_TYPES
    ):
        return False
    return params.reform is None or any(G.has_edge(end, params.reform, key=Rel.ADVANCES) for end in ends)


def sorted_links(G: nx.MultiDiGraph) -> list[tuple[tuple[Any, ...], str, str, str, dict[str, Any]]]:
    """Every link of ``G`` between a task (or document) and a task, in the rows' order, with its
    sort key; kept per graph (:mod:`graph_build.graph_cache`), so a call with the default filters
    reads the first ``limit`` instead of sorting all of them."""
    found = []
    nodes = G.nodes
    for a, b, key, data in all_edges(G):
        if key not in LINK_TYPES or a == b:
            continue
        if nodes[a].get("label") not in (Label.TASK, Label.POLICY) or nodes[b].get("label") != Label.TASK:
            continue
        score = data.get("score")
        order = (LINK_TYPES.index(key), -(link_score(score) or 0.0), a, b)
        found.append((order, a, b, key, data))
    found.sort(key=lambda link: link[0])
    return found


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    _check(params)
    rows: list[Row] = []
    for _, a, b, key, data in cached(G, "task_links.sorted", sorted_links):
        if len(rows) >= params.limit:
            break
        if params.type is not None and key != params.type:
            continue
        if (data.get("score") or 0.0) < params.min_score:
            continue
        source, target = G.nodes[a], G.nodes[b]
        a_doc, b_doc = source.get("document_id") or a, target["document_id"]
        if params.document is not None and params.document not in (a_doc, b_doc):
            continue
        if params.cross_document_only and a_doc == b_doc:
            continue
        if not _touches(G, (a, b), params):
            continue
        rows.append(
            _row(
                {
                    "type": key,
                    "from_id": a,
                    "from_title": source.get("title"),
                    "from_document_id": a_doc,
                    "to_id": b,
                    "to_title": target.get("title"),
                    "to_document_id": b_doc,
                    "basis": data.get("basis"),
                    "evidence": data.get("evidence"),
                    "score": data.get("score"),
                }
            )
        )
    return rows


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    _check(params)

    def generic(p: Params) -> list[dict[str, Any]]:
        return read_rows(
            driver,
            cypher(p),
            database=database,
            type=p.type,
            document=p.document,
            unit=p.unit,
            reform=p.reform,
            cross_document_only=p.cross_document_only,
            min_score=p.min_score,
            limit=p.limit,
        )

    if not _unfiltered(params) or params.type == Rel.DEPENDS_ON:
        records = generic(params)
    else:
        records = [] if params.type == Rel.SIMILAR_TO else generic(replace(params, type=Rel.DEPENDS_ON.value))
        remaining = params.limit - len(records)
        if remaining > 0:
            scores = read_rows(
                driver,
                SIMILAR_THRESHOLD_CYPHER,
                database=database,
                min_score=params.min_score,
                limit=remaining,
            )
            if scores:
                records += read_rows(
                    driver, SIMILAR_ABOVE_CYPHER, database=database, threshold=scores[-1]["score"]
                )
    return sorted((_row(r) for r in records), key=_order)[: params.limit]
