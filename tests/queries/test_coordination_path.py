"""coordination_path on the seeds graph and on a hand-built graph."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queries import Embedded, Neo4j, get_query
from queries._common import roles_of_unit, roles_on_task
from queries.coordination_path import shortest_chain

QUERY = get_query("coordination_path")
SHENPI = "unit:石嘴山市:市审批局"
SHANGWU = "unit:石嘴山市:市商务局"


def _steps(rows: list) -> list[tuple[str, str]]:
    return [(r.label, r.name) for r in rows]


def test_default_chain_from_the_busiest_unit(seeds_graph: nx.MultiDiGraph) -> None:
    # Seed 004: 深化“一业一照一码”改革 (责任单位:市审批局;配合单位:市公安局…) and 促进物流业发展
    # (责任单位:市商务局;配合单位:…公安局…): 市商务局 shares no task with 市审批局.
    rows = QUERY.run(Embedded(seeds_graph))
    assert [r.position for r in rows] == [0, 1, 2, 3, 4]
    assert [r.node_id for r in rows] == [
        SHENPI,
        "task:b364ab0630a6:2.1.1",
        "unit:石嘴山市:市公安局",
        "task:b364ab0630a6:2.10.2",
        SHANGWU,
    ]
    assert _steps(rows)[1:4] == [
        ("Task", "深化“一业一照一码”改革"),
        ("Unit", "市公安局"),
        ("Task", "促进物流业发展"),
    ]


def test_default_target_is_the_busiest_unit_sharing_no_task(seeds_graph: nx.MultiDiGraph) -> None:
    # 石嘴山市 units sharing no task with 市审批局: 市星瀚集团 and 市商务局 (4 roles each; the id
    # breaks the tie), then 市司法局 (3) …
    load = get_query("unit_load").run(
        Embedded(seeds_graph), get_query("unit_load").parse_params({"jurisdiction": "石嘴山市"})
    )
    partners = {
        unit for task, _ in roles_of_unit(seeds_graph, SHENPI) for unit, _ in roles_on_task(seeds_graph, task)
    }
    apart = sorted((-r.total, r.unit_id) for r in load if r.unit_id not in partners)
    assert apart[0] == (-4, SHANGWU)
    assert QUERY.run(Embedded(seeds_graph))[-1].node_id == SHANGWU


def test_units_on_one_task_and_a_unit_with_itself(seeds_graph: nx.MultiDiGraph) -> None:
    # Seed 000: 完善科技创新制度体系 (责任科室:工业科 … 市牵头单位:市科技局).
    rows = QUERY.run(
        Embedded(seeds_graph),
        QUERY.parse_params({"source": "unit:鄂州市:工业科", "target": "unit:鄂州市:市科技局"}),
    )
    assert _steps(rows) == [("Unit", "工业科"), ("Task", "完善科技创新制度体系"), ("Unit", "市科技局")]
    rows = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"source": SHENPI, "target": SHENPI}))
    assert [r.node_id for r in rows] == [SHENPI]


def test_no_chain_between_documents_and_unknown_units(seeds_graph: nx.MultiDiGraph) -> None:
    separate = {"source": "unit:鄂州市:市发改委", "target": "unit:松山新区:区财政局"}
    assert QUERY.run(Embedded(seeds_graph), QUERY.parse_params(separate)) == []
    assert QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"source": "unit:无:无"})) == []


def test_collective_holders_only_when_asked(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"include_collective": "yes"}))
    # 各县区政府 assists both tasks and its id sorts before 市公安局's.
    assert [r.node_id for r in rows][1:4] == [
        "task:b364ab0630a6:2.1.1",
        "unit:石嘴山市:各县区政府",
        "task:b364ab0630a6:2.10.1",
    ]
    assert "unit:石嘴山市:各县区政府" not in {r.node_id for r in QUERY.run(Embedded(seeds_graph))}


def _graph(roles: list[tuple[str, str, str]], kinds: dict[str, str] | None = None) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for unit, task, role in roles:
        kind = (kinds or {}).get(unit, "department")
        G.add_node(unit, label="Unit", name=unit[-1], jurisdiction="甲市", kind=kind, unit_type="")
        G.add_node(task, label="Task", title=f"任务{task[-1]}", document_id="doc:a")
        G.add_edge(unit, task, key=role, type=role)
    return G


def test_smallest_ids_among_shortest_chains_and_default_without_a_stranger() -> None:
    G = _graph(
        [
            ("unit:甲市:a", "task:a:2", "LEADS"),
            ("unit:甲市:a", "task:a:1", "LEADS"),
            ("unit:甲市:a", "task:a:3", "LEADS"),
            ("unit:甲市:c", "task:a:2", "ASSISTS"),
            ("unit:甲市:b", "task:a:1", "ASSISTS"),
            ("unit:甲市:c", "task:a:1", "LEADS"),
            ("unit:甲市:b", "task:a:3", "ASSISTS"),
        ]
    )
    # Busiest: a (3 roles). Every unit shares a task with a, so the target is the second busiest:
    # b and c have 2 roles each, c leads one.
    rows = QUERY.run(Embedded(G))
    assert [r.node_id for r in rows] == ["unit:甲市:a", "task:a:1", "unit:甲市:c"]
    assert [r.name for r in rows] == ["a", "任务1", "c"]


def test_shortest_chain_prefers_fewer_steps_over_smaller_ids() -> None:
    P = nx.Graph(
        [("u:a", "t:1"), ("t:1", "u:b"), ("u:b", "t:2"), ("t:2", "u:z"), ("u:a", "t:9"), ("t:9", "u:z")]
    )
    assert shortest_chain(P, "u:a", "u:z") == ["u:a", "t:9", "u:z"]
    assert shortest_chain(P, "u:a", "u:missing") == []


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "pairs",
    [
        {"include_collective": "true"},
        {"source": "unit:鄂州市:工业科", "target": "unit:鄂州市:市科技局"},
        {"source": "unit:湾里管理局:局财政办"},
    ],
)
def test_same_rows_on_neo4j_with_parameters(
    pairs: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    params = QUERY.parse_params(pairs)
    embedded = QUERY.run(Embedded(seeds_graph), params)
    assert embedded
    assert QUERY.run(neo4j_seeds, params) == embedded


@settings(max_examples=300, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 9)), min_size=1, max_size=30),
    ends=st.tuples(st.integers(0, 7), st.integers(0, 7)),
)
def test_the_search_gives_the_smallest_of_all_shortest_chains(
    edges: list[tuple[int, int]], ends: tuple[int, int]
) -> None:
    # The bidirectional search against networkx's enumeration of every shortest path.
    P = nx.Graph([(f"u:{u}", f"t:{t}") for u, t in edges])
    source, target = (f"u:{end}" for end in ends)
    if source not in P or target not in P or not nx.has_path(P, source, target):
        assert shortest_chain(P, source, target) == ([source] if source == target and source in P else [])
        return
    assert shortest_chain(P, source, target) == min(nx.all_shortest_paths(P, source, target))
