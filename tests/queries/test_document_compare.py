"""document_compare on the seeds graph and on the small linked graph."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, Neo4j, get_query
from queries.document_compare import Params, Row
from tests.queries.linked_graph import TITLES

QUERY = get_query("document_compare")
SHIZUISHAN = "doc:b364ab0630a6"  # (略) 2023年营商环境提升行动工作方案, 76 tasks
SONGSHAN = "doc:d108c0a37799"  # 松山新区营商环境建设提升年工作方案, 37 tasks
EZHOU = "doc:a39044ea9969"  # 市发改委2022年优化营商环境工作方案, 29 tasks
WUHAN = "doc:86679cf61def"  # 武汉市 report, 16 measures
KIND_ORDER = ["shared_indicator", "shared_reform", "similar_pair", "only_left", "only_right"]


def _shared(rows: list[Row]) -> dict[str, tuple[str | None, str | None]]:
    return {r.key: (r.left_value, r.right_value) for r in rows if r.kind.startswith("shared")}


def test_default_compares_the_two_largest_plans(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph))
    kinds = Counter(r.kind for r in rows)
    assert (kinds["shared_indicator"], kinds["shared_reform"]) == (10, 10)
    # Every task is either in a similar pair or unique to its side.
    paired_left = {r.key.split(" ↔ ")[0] for r in rows if r.kind == "similar_pair"}
    paired_right = {r.key.split(" ↔ ")[1] for r in rows if r.kind == "similar_pair"}
    assert kinds["only_left"] + len(paired_left) == 76
    assert kinds["only_right"] + len(paired_right) == 37
    # 7.深化“一件事一次办”改革 (石嘴山) and 5.深化“一件事一次辦”改革 (松山新区) are the same reform.
    assert "task:b364ab0630a6:2.2.1 ↔ task:d108c0a37799:3.1.5" in {r.key for r in rows}
    assert seeds_graph.nodes[SHIZUISHAN]["task_count"] == 76
    assert seeds_graph.nodes[SONGSHAN]["task_count"] == 37
    shared = _shared(rows)
    assert shared["indicator:government_services"] == ("16", "8")
    assert shared["indicator:registering_property"] == ("3", "1")  # 财产登记, 不动产登记…
    # “好差评”: 石嘴山 2.2.13 (问效评估); 松山新区 3.1.8 (管理辦法) and 3.1.12 (12345 熱線).
    assert shared["reform:好差评"] == ("1", "2")
    assert "indicator:getting_electricity" not in shared  # 松山新区 has no 获得电力 task
    only_right = {r.key for r in rows if r.kind == "only_right"}
    assert not only_right & paired_right
    assert Row("only_right", "task:d108c0a37799:3.1.1", None, "持續向鄉鎮(街道)、村(社區)賦權", None) in rows
    order = [(r.kind, r.key) for r in rows]
    assert order == sorted(order, key=lambda kind_key: (KIND_ORDER.index(kind_key[0]), kind_key[1]))


def test_sides_swap_and_one_side_given_picks_the_largest_other(seeds_graph: nx.MultiDiGraph) -> None:
    swapped = QUERY.run(Embedded(seeds_graph), Params(left=SONGSHAN))
    assert _shared(swapped)["indicator:registering_property"] == ("1", "3")
    assert (
        Counter(r.kind for r in swapped)["only_left"]
        == Counter(r.kind for r in rows_default(seeds_graph))["only_right"]
    )
    assert swapped == QUERY.run(Embedded(seeds_graph), Params(left=SONGSHAN, right=SHIZUISHAN))


def rows_default(graph: nx.MultiDiGraph) -> list[Row]:
    return QUERY.run(Embedded(graph))


def test_other_documents_share_other_things(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"left": EZHOU, "right": WUHAN}))
    shared = _shared(rows)
    # 鄂州: 办电, 转供电, 用电报装 (2.3–2.5); 武汉: 实施电力报装革命.
    assert shared["indicator:getting_electricity"] == ("3", "1")
    assert shared["reform:新官不理旧账"] == ("1", "1")  # both write 新官不理旧帐
    assert len(shared) == 9
    paired_right = {r.key.split(" ↔ ")[1] for r in rows if r.kind == "similar_pair"}
    assert Counter(r.kind for r in rows)["only_right"] + len(paired_right) == 16


def test_wrong_documents_are_refused(seeds_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryParamError, match="same document"):
        QUERY.run(Embedded(seeds_graph), Params(left=EZHOU, right=EZHOU))
    with pytest.raises(QueryParamError, match="no document 'doc:nope'"):
        QUERY.run(Embedded(seeds_graph), Params(right="doc:nope"))
    with pytest.raises(QueryParamError, match="unknown parameter 'document'"):
        QUERY.parse_params({"document": EZHOU})


@pytest.mark.neo4j
@pytest.mark.parametrize("params", [Params(left=SONGSHAN), Params(left=EZHOU, right=WUHAN)], ids=str)
def test_neo4j_gives_the_same_rows_on_the_seeds(
    params: Params, seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    # Runs before the linked-graph tests of this module (see tests/queries/conftest.py).
    assert QUERY.run(neo4j_seeds, params) == QUERY.run(Embedded(seeds_graph), params)


LINKED_DEFAULT = [
    Row("shared_indicator", "indicator:getting_electricity", "2", "1", None),
    Row("shared_reform", "reform:一网通办", "1", "2", None),
    Row("similar_pair", "task:aaa:1 ↔ task:bbb:1", TITLES["task:aaa:1"], TITLES["task:bbb:1"], 0.8889),
    Row("similar_pair", "task:aaa:2 ↔ task:bbb:3", "推行政务服务容缺受理", "推进企业开办一网通办", 0.65),
    Row("only_left", "task:aaa:2.1", "压缩用电报装时间", None, None),
    Row("only_left", "task:aaa:3", "优化纳税服务", None, None),
    Row("only_right", "task:bbb:2", None, "提升获得电力便利度", None),
]


def test_linked_default_pairs_the_largest_with_the_smaller_id_on_a_tie(linked_graph: nx.MultiDiGraph) -> None:
    # doc:aaa has four tasks; doc:bbb and doc:ccc three each, and doc:bbb has the smaller id.
    assert QUERY.run(Embedded(linked_graph)) == LINKED_DEFAULT


def test_linked_pairs_are_oriented_left_to_right(linked_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(linked_graph), Params(left="doc:bbb", right="doc:aaa"))
    assert [(r.key, r.score) for r in rows if r.kind == "similar_pair"] == [
        ("task:bbb:1 ↔ task:aaa:1", 0.8889),
        ("task:bbb:3 ↔ task:aaa:2", 0.65),
    ]
    assert _shared(rows) == {"indicator:getting_electricity": ("1", "2"), "reform:一网通办": ("2", "1")}
    # Only right given: left is the largest other document, doc:bbb on the tie with doc:ccc.
    assert QUERY.run(Embedded(linked_graph), Params(right="doc:aaa")) == rows


def test_linked_links_to_a_third_document_do_not_count(linked_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(linked_graph), Params(left="doc:aaa", right="doc:ccc"))
    assert [(r.kind, r.key, r.score) for r in rows] == [
        ("shared_indicator", "indicator:paying_taxes", None),
        ("shared_reform", "reform:容缺受理", None),
        ("similar_pair", "task:aaa:1 ↔ task:ccc:1", 0.7),
        ("only_left", "task:aaa:2", None),  # similar to bbb:3 only, not to a task of 丙
        ("only_left", "task:aaa:2.1", None),
        ("only_left", "task:aaa:3", None),
        ("only_right", "task:ccc:2", None),  # similar to bbb:1 only
        ("only_right", "task:ccc:3", None),
    ]


LINKED_PARAMS = [
    Params(),
    Params(left="doc:bbb", right="doc:aaa"),
    Params(left="doc:aaa", right="doc:ccc"),
    Params(left="doc:ccc", right="doc:bbb"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize("params", LINKED_PARAMS, ids=str)
def test_neo4j_gives_the_same_rows_on_the_linked_graph(
    params: Params, linked_graph: nx.MultiDiGraph, neo4j_linked: Neo4j
) -> None:
    embedded = QUERY.run(Embedded(linked_graph), params)
    assert embedded
    assert QUERY.run(neo4j_linked, params) == embedded


@pytest.mark.neo4j
def test_neo4j_refuses_wrong_documents_the_same_way(neo4j_linked: Neo4j) -> None:
    with pytest.raises(QueryParamError, match="no document 'doc:nope'"):
        QUERY.run(neo4j_linked, Params(left="doc:nope"))
