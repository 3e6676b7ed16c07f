"""unit_profile on the seeds graph and on a small hand-built graph."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, Neo4j, get_query

QUERY = get_query("unit_profile")


def _run(G: nx.MultiDiGraph, **params: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(params))


def _section(rows: list, section: str) -> list:
    return [r for r in rows if r.section == section]


def test_default_is_the_busiest_unit(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph)
    assert {r.unit_id for r in rows} == {"unit:石嘴山市:市审批局"}
    assert Counter((r.section, r.role) for r in rows) == {
        ("task", "LEADS"): 31,
        ("indicator", None): 7,
        ("deadline", None): 1,
        ("partner", None): 29,
    }
    assert [r.section for r in rows] == sorted(
        (r.section for r in rows), key=("task", "indicator", "deadline", "partner").index
    )
    task = next(r for r in rows if r.key == "task:b364ab0630a6:2.1.2")
    assert (task.name, task.items, task.document_id) == (
        "打造企业开办“一件事”升级版",
        ("开办企业", "政务服务"),
        "doc:b364ab0630a6",
    )
    indicators = _section(rows, "indicator")
    assert [(r.name, r.count) for r in indicators[:3]] == [
        ("政务服务", 15),
        ("办理建筑许可", 8),
        ("开办企业", 6),
    ]
    # the 石嘴山 plan gives no deadlines
    assert [(r.key, r.count) for r in _section(rows, "deadline")] == [("undated", 31)]
    partners = _section(rows, "partner")
    assert (partners[0].name, partners[0].count) == ("市公安局", 6)
    assert "unit:石嘴山市:各县区政府" not in {r.key for r in partners}


def test_months_partners_and_collectives(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph, unit="unit:松山新区:区政法委")
    assert [(r.key, r.count) for r in _section(rows, "deadline")] == [
        ("2021-06", 1),
        ("2021-10", 3),
        ("2021-12", 9),
    ]
    assert [(r.name, r.count) for r in _section(rows, "partner")] == [
        ("区公安分局", 10),
        ("区法庭", 10),
        ("区检察室", 9),
        ("区市场监管局", 3),
        ("区科创营商局", 1),
    ]
    rows = _run(seeds_graph, include_collective="true")
    collective = next(r for r in _section(rows, "partner") if r.key == "unit:石嘴山市:各县区政府")
    assert (collective.count, len(collective.items)) == (26, 20)
    assert list(collective.items) == sorted(collective.items)


def test_document_filter_and_unknown_unit(seeds_graph: nx.MultiDiGraph) -> None:
    unit = "unit:石嘴山市:市发改委"
    assert _run(seeds_graph, unit=unit, document="doc:a39044ea9969") == []
    rows = _run(seeds_graph, unit=unit, document="doc:b364ab0630a6")
    assert {r.document_id for r in _section(rows, "task")} == {"doc:b364ab0630a6"}
    assert "task:b364ab0630a6:2.14.6" in {r.key for r in _section(rows, "task")}  # a section lead
    with pytest.raises(QueryParamError, match="no unit"):
        _run(seeds_graph, unit="unit:石嘴山市:不存在局")
    with pytest.raises(QueryParamError, match="include_collective"):
        QUERY.parse_params({"include_collective": "maybe"})


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("unit:甲:a", label="Unit", name="a", jurisdiction="甲", kind="department")
    G.add_node("unit:甲:b", label="Unit", name="b", jurisdiction="甲", kind="department")
    G.add_node("indicator:paying_taxes", label="Indicator", name="纳税", en="Paying Taxes")
    G.add_node("task:t1", label="Task", title="一", document_id="doc:x", deadline_date="2024-03-31")
    G.add_node("task:t2", label="Task", title="二", document_id="doc:x")
    for unit, task, rel in (("a", "t1", "LEADS"), ("a", "t1", "ASSISTS"), ("a", "t2", "ASSISTS")):
        G.add_edge(f"unit:甲:{unit}", f"task:{task}", key=rel, type=rel)
    G.add_edge("unit:甲:b", "task:t2", key="LEADS", type="LEADS")
    G.add_edge("task:t1", "indicator:paying_taxes", key="TARGETS", type="TARGETS")
    return G


def test_lead_and_assist_on_one_task() -> None:
    rows = _run(_toy(), unit="unit:甲:a")
    assert [(r.section, r.key, r.role, r.count) for r in rows] == [
        ("task", "task:t1", "LEADS", 1),
        ("task", "task:t1", "ASSISTS", 1),
        ("task", "task:t2", "ASSISTS", 0),
        ("indicator", "indicator:paying_taxes", None, 1),
        ("deadline", "2024-03", None, 1),
        ("deadline", "undated", None, 1),
        ("partner", "unit:甲:b", None, 1),
    ]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "params",
    [
        {"unit": "unit:松山新区:区政法委"},
        {"unit": "unit:石嘴山市:市发改委", "document": "doc:b364ab0630a6"},
        {"unit": "unit:石嘴山市:各县区政府", "include_collective": "true"},
        {"unit": "unit:鄂州市:体改科"},
    ],
)
def test_parity_with_parameters(
    params: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    parsed = QUERY.parse_params(params)
    assert QUERY.run(neo4j_seeds, parsed) == QUERY.run(Embedded(seeds_graph), parsed)


@pytest.mark.neo4j
def test_unknown_unit_on_neo4j(neo4j_seeds: Neo4j) -> None:
    with pytest.raises(QueryParamError, match="no unit"):
        QUERY.run(neo4j_seeds, QUERY.parse_params({"unit": "unit:石嘴山市:不存在局"}))
