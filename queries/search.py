"""search — full-text search of tasks (全文检索), scored by the words of the query they contain.

The query is folded (width, traditional → simplified) and cut into words with the domain jieba
dictionary; a word matches a field when the folded field contains it. Score: 2 per word in the
title plus 1 per word in the text. Neo4j takes its candidates from the ``task_text`` full-text
index (cjk analyzer) and scores them with the same rule in Cypher; a word the index cannot be
trusted to find (no run of at least two Chinese characters, for example ``5G``) makes it scan all
tasks instead, so both backends always return the same rows.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.errors import QueryParamError
from graph_build.graph_cache import cached
from graph_build.model import Label
from graph_build.normalize import fold_text
from graph_build.resources import t2s_table
from graph_build.tokens import tokenize
from queries._common import nodes_with_label

if TYPE_CHECKING:
    from neo4j import Driver

NAME = "search"
TITLE_ZH = "全文检索"
TITLE_EN = "Search"
DESCRIPTION = (
    "Tasks containing the words of q (jieba with the domain dictionary; traditional characters and "
    "full-width forms folded on both sides), scored 2 per word in the title + 1 per word in the text."
)
TASK_INDEX = "task_text"
MAX_VARIANTS = 16  # spellings of one run of Chinese characters put into the index query
MAX_PHRASES = 200  # beyond this the index query could exceed Lucene's clause limit: scan instead
# Characters the cjk analyzer surely indexes as bigrams (CJK ideographs of Unicode 8 and before).
_INDEXED_HAN = re.compile("[\u3400-\u4db5\u4e00-\u9fd5\U00020000-\U0002a6d6]")
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


@dataclass(frozen=True, slots=True)
class Params:
    q: str = "一网通办"
    limit: int = 20


@dataclass(frozen=True, slots=True)
class Row:
    """Ordered by score (desc), then task_id; ``matched`` lists the words found, sorted."""

    task_id: str
    title: str
    document_id: str
    score: int
    matched: tuple[str, ...]


_SCORE = """
WITH t,
     reduce(s = coalesce(t.title, ''), p IN $fold | replace(s, p[0], p[1])) AS title,
     reduce(s = coalesce(t.text, ''), p IN $fold | replace(s, p[0], p[1])) AS text
WITH t, [w IN $tokens WHERE title CONTAINS w] AS in_title, [w IN $tokens WHERE text CONTAINS w] AS in_text
WITH t, 2 * size(in_title) + size(in_text) AS score,
     [w IN $tokens WHERE w IN in_title OR w IN in_text] AS matched
WHERE score > 0
RETURN t.id AS task_id, coalesce(t.title, '') AS title, coalesce(t.document_id, '') AS document_id,
       score, matched
ORDER BY score DESC, task_id ASC
LIMIT $limit
"""
FULLTEXT_CYPHER = "CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS t\n" + _SCORE
SCAN_CYPHER = "MATCH (t:Task)\n" + _SCORE


def search_tokens(q: str) -> list[str]:
    """The distinct words of the folded query (at least two characters), or the folded query itself.

    Examples
    --------
    >>> search_tokens("深化“一網通辦”改革")
    ['一网通办', '改革', '深化']
    """
    folded = fold_text(q).strip()
    if not folded:
        raise QueryParamError(f"{NAME}: q is empty")
    return sorted(set(tokenize(folded))) or [folded]


@cache
def _folds() -> dict[str, str]:
    """Every character that :func:`fold_text` changes, with what it becomes."""
    chars = itertools.chain((chr(c) for c in range(0x10000)), (chr(c) for c in t2s_table()))
    return {ch: folded for ch in chars if (folded := fold_text(ch)) != ch}


@cache
def _unfolds() -> dict[str, tuple[str, ...]]:
    """For each folded character, the characters that fold to it (itself included when fixed)."""
    sources: dict[str, set[str]] = {}
    for ch, folded in _folds().items():
        sources.setdefault(folded, set()).add(ch)
    return {folded: tuple(sorted(chs)) for folded, chs in sources.items()}


def _spellings(ch: str) -> tuple[str, ...]:
    own = () if ch in _folds() else (ch,)
    return tuple(sorted((*own, *_unfolds().get(ch, ()))))


def fold_replacements(tokens: list[str]) -> list[list[str]]:
    """``[from, to]`` pairs that, applied in order with ``replace``, make a text contain a token
    exactly when its :func:`fold_text` form does (only characters that can matter are listed; a
    pair comes after the pair replacing its ``to``, so nothing is folded twice)."""
    chars = set("".join(tokens))
    pending = {ch: to for ch, to in _folds().items() if ch in chars or to in chars}
    ordered: list[list[str]] = []
    while pending:
        ready = sorted(ch for ch, to in pending.items() if to not in pending)
        if not ready:
            raise QueryParamError(f"{NAME}: the folding table has a cycle among {sorted(pending)}")
        ordered.extend([ch, pending.pop(ch)] for ch in ready)
    return ordered


def _phrase(text: str) -> str:
    return '"' + _LUCENE_SPECIAL.sub(r"\\\1", text) + '"'


def lucene_query(tokens: list[str]) -> str | None:
    """A query for the cjk index that finds every task containing a token, or None when some token
    could be missed by it (then Neo4j scans). Each run of two or more Chinese characters of a token
    becomes its raw spellings as quoted phrases; the runs of one token are ANDed, tokens ORed."""
    clauses = []
    phrases = 0
    for token in tokens:
        runs = [run for run in re.findall(f"{_INDEXED_HAN.pattern}+", token) if len(run) >= 2]
        if not runs:
            return None
        parts = []
        for run in runs:
            choices = [_spellings(ch) for ch in run]
            if any(not _INDEXED_HAN.fullmatch(ch) for choice in choices for ch in choice):
                return None
            count = 1
            for choice in choices:
                count *= len(choice)
            if count > MAX_VARIANTS:
                return None
            parts.append(" OR ".join(_phrase("".join(v)) for v in itertools.product(*choices)))
            phrases += count
        if all(parts):  # a run no text can hold after folding: the token never matches
            clauses.append(" AND ".join(f"({part})" for part in parts))
    return " OR ".join(f"({clause})" for clause in clauses) if clauses and phrases <= MAX_PHRASES else None


def _check(params: Params) -> list[str]:
    if params.limit < 1:
        raise QueryParamError(f"{NAME}: limit must be at least 1, not {params.limit}")
    return search_tokens(params.q)


def _order(row: Row) -> tuple[int, str]:
    return (-row.score, row.task_id)


def folded_tasks(G: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any], str, str]]:
    """``(task, data, folded title, folded text)`` of every task; folding all of them is most of
    a search's work, so it is done once per graph (:mod:`graph_build.graph_cache`)."""
    return [
        (task, data, fold_text(data.get("title") or ""), fold_text(data.get("text") or ""))
        for task, data in nodes_with_label(G, Label.TASK)
    ]


def run_networkx(G: nx.MultiDiGraph, params: Params) -> list[Row]:
    tokens = _check(params)
    rows = []
    for task, data, title, text in cached(G, "search.folded", folded_tasks):
        in_title = [w for w in tokens if w in title]
        in_text = [w for w in tokens if w in text]
        score = 2 * len(in_title) + len(in_text)
        if score > 0:
            matched = tuple(sorted(set(in_title) | set(in_text)))
            rows.append(Row(task, data.get("title") or "", data.get("document_id") or "", score, matched))
    return sorted(rows, key=_order)[: params.limit]


def run_neo4j(driver: Driver, params: Params, *, database: str) -> list[Row]:
    from graph_build.store_neo4j import read_rows

    tokens = _check(params)
    lucene = lucene_query(tokens)
    records = read_rows(
        driver,
        SCAN_CYPHER if lucene is None else FULLTEXT_CYPHER,
        database=database,
        index=TASK_INDEX,
        lucene=lucene,
        tokens=tokens,
        fold=fold_replacements(tokens),
        limit=params.limit,
    )
    rows = (
        Row(r["task_id"], r["title"], r["document_id"], r["score"], tuple(sorted(r["matched"])))
        for r in records
    )
    return sorted(rows, key=_order)
