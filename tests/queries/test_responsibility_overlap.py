"""responsibility_overlap on the seeds graph and on a small hand-built graph."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, Neo4j, get_query
from queries._common import round4

QUERY = get_query("responsibility_overlap")
SHIZUISHAN = "doc:b364ab0630a6"


def _run(G: nx.MultiDiGraph, **params: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(params))


def test_pairs_most_shared_first(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph)
    first = rows[0]
    assert (first.unit_a, first.unit_b) == ("unit:湾里管理局:局经发办", "unit:湾里管理局:局财政办")
    assert (first.shared, first.union_tasks, first.jaccard) == (11, 16, 0.6875)
    assert "task:b1543a2761ac:1.12" in first.shared_task_ids
    # equal shared (11): the smaller union, i.e. the higher Jaccard, comes first
    assert (rows[1].unit_a_name, rows[1].unit_b_name, rows[1].union_tasks) == ("体改科", "市优化办", 17)
    assert len(rows) == 50  # the default limit; 187 pairs share two tasks or more
    assert [(-r.shared, r.union_tasks) for r in rows] == sorted((-r.shared, r.union_tasks) for r in rows)
    for row in rows:
        assert row.mode == "pairs" and row.unit_a < row.unit_b and row.shared >= 2
        assert row.jaccard == round4(row.shared / row.union_tasks)
        assert list(row.shared_task_ids) == sorted(row.shared_task_ids)
        for unit in (row.unit_a, row.unit_b):
            assert seeds_graph.nodes[unit]["kind"] not in ("collective", "redacted")


def test_collectives_on_request_and_task_ids_capped(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph, include_collective="true")
    first = rows[0]
    assert (first.unit_a, first.unit_b) == ("unit:石嘴山市:各县区政府", "unit:石嘴山市:市审批局")
    assert (first.shared, first.union_tasks, first.jaccard) == (26, 58, 0.4483)
    assert len(first.shared_task_ids) == 20


def test_min_shared_and_filters_narrow(seeds_graph: nx.MultiDiGraph) -> None:
    assert [r.shared for r in _run(seeds_graph, min_shared="10")] == [11, 11, 10, 10, 10]
    rows = _run(seeds_graph, jurisdiction="松山新区", min_shared="3")
    assert (rows[0].unit_a_name, rows[0].unit_b_name, rows[0].jaccard) == ("区政法委", "区法庭", 0.7692)
    assert all(r.unit_a.startswith("unit:松山新区:") and r.unit_b.startswith("unit:松山新区:") for r in rows)
    rows = _run(seeds_graph, document=SHIZUISHAN, limit="500")
    assert len(rows) == 36
    assert all(t.startswith("task:b364ab0630a6:") for r in rows for t in r.shared_task_ids)
    # the union counts only the document's tasks: 市审批局 has all its 31 tasks there
    assert (rows[0].unit_a_name, rows[0].unit_b_name, rows[0].union_tasks) == ("市公安局", "市审批局", 33)


def test_coleads_mode(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph, mode="coleads", min_leads="5")
    assert [(r.task_id, r.leads) for r in rows] == [
        ("task:a39044ea9969:2.7", 6),
        ("task:b364ab0630a6:2.2.11", 6),
        ("task:a39044ea9969:2.23", 5),
        ("task:b364ab0630a6:2.13.4", 5),
        ("task:b364ab0630a6:2.14.5", 5),
    ]
    assert rows[1].title == "推行许可证照“提醒办”服务"
    assert rows[1].lead_names == (
        "市交通局",
        "市公安局",
        "市农业农村局",
        "市审批局",
        "市应急局",
        "市生态环境局",
    )
    assert all(r.mode == "coleads" and r.unit_a is None and r.jaccard is None for r in rows)
    with_collectives = _run(seeds_graph, mode="coleads", include_collective="yes", limit="2")
    assert "各县区政府" in with_collectives[1].lead_names and with_collectives[1].leads == 7


def test_params_are_checked() -> None:
    assert QUERY.parse_params({"mode": "coleads", "min_leads": "4"}).min_leads == 4
    with pytest.raises(QueryParamError, match="mode"):
        QUERY.parse_params({"mode": "triples"})
    with pytest.raises(QueryParamError, match="min_shared"):
        QUERY.parse_params({"min_shared": "two"})
    with pytest.raises(QueryParamError, match="at least 1"):
        QUERY.parse_params({"min_shared": "0"})
    with pytest.raises(QueryParamError, match="negative"):
        QUERY.parse_params({"limit": "-1"})


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for unit, kind in (("a", "department"), ("b", "department"), ("c", "department"), ("all", "collective")):
        G.add_node(f"unit:甲:{unit}", label="Unit", name=unit, jurisdiction="甲", kind=kind)
    for n in range(1, 6):
        G.add_node(f"task:t{n}", label="Task", title=f"任务{n}", document_id="doc:x")
    roles = {
        "a": {"t1": "LEADS", "t2": "LEADS", "t3": "ASSISTS"},
        "b": {"t1": "ASSISTS", "t2": "LEADS", "t4": "LEADS", "t5": "LEADS"},
        "c": {"t1": "LEADS", "t2": "ASSISTS"},
        "all": {"t1": "LEADS", "t2": "LEADS"},
    }
    for unit, tasks in roles.items():
        for task, rel in tasks.items():
            G.add_edge(f"unit:甲:{unit}", f"task:{task}", key=rel, type=rel)
    G.add_edge("unit:甲:a", "task:t1", key="ASSISTS", type="ASSISTS")  # leads and assists: one task
    return G


def test_union_orders_equal_shared_pairs() -> None:
    rows = _run(_toy())
    # all share t1 and t2; a–c of 3 tasks, b–c of 4, a–b of 5; the collective is left out
    assert [(r.unit_a_name, r.unit_b_name, r.union_tasks, r.jaccard) for r in rows] == [
        ("a", "c", 3, 0.6667),
        ("b", "c", 4, 0.5),
        ("a", "b", 5, 0.4),
    ]
    coleads = _run(_toy(), mode="coleads", include_collective="true")
    assert [(r.task_id, r.lead_names) for r in coleads] == [
        ("task:t1", ("a", "all", "c")),
        ("task:t2", ("a", "all", "b")),
    ]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "params",
    [
        {"mode": "coleads"},
        {"mode": "coleads", "include_collective": "true", "min_leads": "1", "limit": "500"},
        {"document": SHIZUISHAN, "min_shared": "3"},
        {"jurisdiction": "松山新区", "include_collective": "true", "limit": "500"},
    ],
)
def test_parity_with_parameters(
    params: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    parsed = QUERY.parse_params(params)
    assert QUERY.run(neo4j_seeds, parsed) == QUERY.run(Embedded(seeds_graph), parsed)
