"""reform_overview: how widely each named reform is carried."""

from __future__ import annotations

import networkx as nx

from queries import Embedded, get_query

QUERY = get_query("reform_overview")


def test_reforms_in_every_seed_plan_come_first(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph))
    assert rows[0].documents == 5
    assert {r.name for r in rows if r.documents == 5} == {"综合窗口", "全程网办"}
    assert [r.documents for r in rows] == sorted((r.documents for r in rows), reverse=True)


def test_counts_follow_the_advances_edges(seeds_graph: nx.MultiDiGraph) -> None:
    row = next(r for r in QUERY.run(Embedded(seeds_graph)) if r.reform_id == "reform:电子证照")
    tasks = {t for t, _, k in seeds_graph.in_edges("reform:电子证照", keys=True) if k == "ADVANCES"}
    assert row.tasks == len(tasks)
    assert row.jurisdictions == ("武汉市", "湾里管理局", "石嘴山市")


def test_document_and_minimum_filters(seeds_graph: nx.MultiDiGraph) -> None:
    one = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"document": "doc:a39044ea9969"}))
    assert one and all(r.documents == 1 and r.jurisdictions == ("鄂州市",) for r in one)
    wide = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"min_documents": "4"}))
    assert {r.name for r in wide} >= {"综合窗口", "告知承诺制", "双随机一公开"}
