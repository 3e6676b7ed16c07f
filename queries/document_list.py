"""document_list — the source documents with their metadata and extraction warnings (文档清单)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.model import Label

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "document_list"
TITLE_ZH = "文档清单"
TITLE_EN = "Documents"
DESCRIPTION = (
    "Every source document: title, issuer, jurisdiction (and its parent), plan year, type (plan or "
    "report), script, file, document numbers, task count and the extraction warnings. Filters: "
    "jurisdiction (the document's own or its parent's), doc_type."
)


@dataclass(frozen=True, slots=True)
class Params:
    jurisdiction: str | None = None  # matches the document's jurisdiction or its parent jurisdiction
    doc_type: str | None = None  # plan or report


@dataclass(frozen=True, slots=True)
class Row:
    """One source document; ``warnings`` are ``"code: message"`` in extraction order. Ordered by
    jurisdiction, year (newest first), title, then id; unknown years last."""

    id: str
    title: str
    issuer: str
    jurisdiction: str
    parent_jurisdiction: str | None
    year: int | None
    doc_type: str
    script: str
    source_file: str
    task_count: int
    warning_count: int
    doc_numbers: tuple[str, ...]
    warnings: tuple[str, ...]


CYPHER = """
MATCH (d:Policy {is_source: true})
WHERE ($jurisdiction IS NULL OR d.jurisdiction = $jurisdiction OR d.parent_jurisdiction = $jurisdiction)
  AND ($doc_type IS NULL OR d.doc_type = $doc_type)
RETURN d.id AS id, d.title AS title, d.issuer AS issuer, d.jurisdiction AS jurisdiction,
       d.parent_jurisdiction AS parent_jurisdiction, d.year AS year, d.doc_type AS doc_type,
       d.script AS script, d.source_file AS source_file, d.task_count AS task_count,
       d.warning_count AS warning_count, coalesce(d.doc_numbers, []) AS doc_numbers,
       coalesce(d.warnings, []) AS warnings
"""


def _order(row: Row) -> tuple[Any, ...]:
    return (row.jurisdiction, row.year is None, -(row.year or 0), row.title, row.id)


def _row(id_: str, data: dict[str, Any]) -> Row:
    return Row(
        id=id_,
        title=data.get("title") or "",
        issuer=data.get("issuer") or "",
        jurisdiction=data.get("jurisdiction") or "",
        parent_jurisdiction=data.get("parent_jurisdiction"),
        year=data.get("year"),
        doc_type=data.get("doc_type") or "",
        script=data.get("script") or "",
        source_file=data.get("source_file") or "",
        task_count=data.get("task_count") or 0,
        warning_count=data.get("warning_count") or 0,
        doc_numbers=tuple(data.get("doc_numbers") or ()),
        warnings=tuple(data.get("warnings") or ()),
    )


def _wanted(data: dict[str, Any], params: Params) -> bool:
    if params.doc_type is not None and data.get("doc_type") != params.doc_type:
        return False
    return params.jurisdiction is None or params.jurisdiction in (
        data.get("jurisdiction"),
        data.get("parent_jurisdiction"),
    )


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    rows = [
        _row(node, data)
        for node, data in G.nodes(data=True)
        if data.get("label") == Label.POLICY and data.get("is_source") and _wanted(data, params)
    ]
    return sorted(rows, key=_order)


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    records = read_rows(
        driver, CYPHER, database=database, jurisdiction=params.jurisdiction, doc_type=params.doc_type
    )
    return sorted((_row(r["id"], r) for r in records), key=_order)
