"""search on the seeds graph, its index query, and parity of the full-text path with a scan."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from graph_build.store_neo4j import read_rows
from queries import Embedded, Neo4j, get_query
from queries.search import (
    FULLTEXT_CYPHER,
    SCAN_CYPHER,
    TASK_INDEX,
    _phrase,
    fold_replacements,
    lucene_query,
    search_tokens,
)

QUERY = get_query("search")
SONGSHAN = "doc:d108c0a37799"  # 松山新区营商环境建设提升年工作方案 (seed 002, traditional script)


def _run(G: nx.MultiDiGraph, **pairs: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(pairs))


def test_default_query_finds_yiwangtongban_in_texts(seeds_graph: nx.MultiDiGraph) -> None:
    # “一网通办” is in the text of one task of seed 001 and three of seed 004, in no title; the two
    # 一網通辦 of seed 002 are in its goals, not in a task.
    rows = _run(seeds_graph)
    assert [(r.task_id, r.score, r.matched) for r in rows] == [
        ("task:86679cf61def:2.2.m1", 1, ("一网通办",)),
        ("task:b364ab0630a6:2.1.2", 1, ("一网通办",)),
        ("task:b364ab0630a6:2.2.7", 1, ("一网通办",)),
        ("task:b364ab0630a6:2.7.1", 1, ("一网通办",)),
    ]
    assert rows[2].title == "推行公安服务“一窗通办”"


def test_title_counts_twice_and_traditional_query_is_folded(seeds_graph: nx.MultiDiGraph) -> None:
    # 健全企业破产“府院联动”协调机制 (seed 000) and 配合新建法院深化府院联动机制 in 办理破产 (seed 003).
    rows = _run(seeds_graph, q="府院聯動")
    assert [(r.task_id, r.title, r.score) for r in rows] == [
        ("task:a39044ea9969:2.13", "健全企业破产“府院联动”协调机制", 3),
        ("task:b1543a2761ac:1.7", "办理破产", 1),
    ]
    assert [(r.title, r.score) for r in _run(seeds_graph, q="获得电力")] == [
        ("获得电力打造南昌智慧配电网", 3)
    ]


def test_traditional_texts_are_found_by_simplified_words(seeds_graph: nx.MultiDiGraph) -> None:
    # Seed 002 writes 營商環境; its tasks match 营商环境 as well as 營商環境.
    simplified = _run(seeds_graph, q="营商环境", limit="200")
    assert simplified == _run(seeds_graph, q="營商環境", limit="200")
    assert [r.matched for r in simplified][:1] == [("环境", "营商")]
    assert any(r.document_id == SONGSHAN for r in simplified)
    assert [r.score for r in simplified] == sorted((r.score for r in simplified), reverse=True)


def test_limit_and_a_query_without_words(seeds_graph: nx.MultiDiGraph) -> None:
    assert len(_run(seeds_graph, q="电子证照")) == 8
    assert [r.task_id for r in _run(seeds_graph, q="电子证照", limit="2")] == [
        "task:86679cf61def:2.2.m2",
        "task:b364ab0630a6:2.2.5",
    ]
    # One character is no word: the query itself is searched for.
    assert search_tokens("办") == ["办"]
    assert len(_run(seeds_graph, q="办", limit="500")) == 94
    with pytest.raises(QueryParamError, match="empty"):
        _run(seeds_graph, q="  ")
    with pytest.raises(QueryParamError, match="limit"):
        _run(seeds_graph, limit="0")


def test_index_query_spells_every_run_and_escapes() -> None:
    assert lucene_query(["府院联动"]) == '(("府院联动" OR "府院联動" OR "府院聯动" OR "府院聯動"))'
    assert lucene_query(["互联网+监管"]) == (
        '(("互联網" OR "互联网" OR "互聯網" OR "互聯网") AND ("监管" OR "監管"))'
    )
    assert lucene_query(["一网通办", "5G"]) is None  # 5G has no run of Chinese characters
    assert lucene_query(["办"]) is None
    assert _phrase('a"b\\c:d') == '"a\\"b\\\\c\\:d"'


def test_fold_replacements_keep_one_pass_semantics() -> None:
    # 薴 folds to 苧 and 苧 to 苎: 苧 → 苎 must come first, or 薴 would become 苎.
    assert fold_replacements(["苎苧"]) == [["苧", "苎"], ["薴", "苧"]]
    assert ["５", "5"] in fold_replacements(["5G"])


PARITY_QUERIES = [
    "一网通办",
    "电子证照",
    "获得电力",
    "府院聯動",
    "營商環境",
    "5G网络",
    "12345热线",
    "办",
    "“互联网+监管”",
]


@pytest.mark.neo4j
@pytest.mark.parametrize("q", PARITY_QUERIES)
def test_same_rows_on_neo4j(q: str, seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j) -> None:
    params = QUERY.parse_params({"q": q, "limit": "500"})
    assert QUERY.run(neo4j_seeds, params) == QUERY.run(Embedded(seeds_graph), params)


@pytest.mark.neo4j
@pytest.mark.parametrize("q", ["一网通办", "府院聯動", "营商环境", "不动产登记", "水电气"])
def test_index_candidates_miss_nothing_a_scan_finds(q: str, neo4j_seeds: Neo4j) -> None:
    tokens = search_tokens(q)
    lucene = lucene_query(tokens)
    assert lucene is not None
    common = {"tokens": tokens, "fold": fold_replacements(tokens), "limit": 1000}
    indexed = read_rows(
        neo4j_seeds.driver,
        FULLTEXT_CYPHER,
        database=neo4j_seeds.database,
        index=TASK_INDEX,
        lucene=lucene,
        **common,
    )
    scanned = read_rows(neo4j_seeds.driver, SCAN_CYPHER, database=neo4j_seeds.database, **common)
    assert scanned and indexed == scanned
