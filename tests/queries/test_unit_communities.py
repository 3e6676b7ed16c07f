"""unit_communities on the seeds graph and on a hand-built graph."""

from __future__ import annotations

from itertools import groupby

import networkx as nx
import pytest

from queries import Embedded, Neo4j, get_query
from queries.unit_communities import projection

QUERY = get_query("unit_communities")
EZHOU = "doc:a39044ea9969"  # 市发改委2022年优化营商环境工作方案 (seed 000)


def _groups(rows: list) -> dict[int, list[str]]:
    return {number: [r.name for r in members] for number, members in groupby(rows, key=lambda r: r.community)}


def test_communities_numbered_by_size(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph))
    assert rows == sorted(rows, key=lambda r: (r.community, r.unit_id))
    sizes = [len(names) for names in _groups(rows).values()]
    assert sizes == sorted(sizes, reverse=True)
    assert sorted({r.community for r in rows}) == list(range(1, len(sizes) + 1))
    by_id = {r.unit_id: r for r in rows}
    # 市审批局 shares tasks of seed 004 with 29 other ranked units (checked with Cypher by hand).
    assert by_id["unit:石嘴山市:市审批局"].degree == 29
    assert by_id["unit:石嘴山市:市审批局"].community == 1
    # Units of different documents never share a task: a community never mixes 鄂州市 and 石嘴山市.
    for _, members in groupby(rows, key=lambda r: r.community):
        assert not ({"鄂州市", "石嘴山市"} <= {r.jurisdiction for r in members})


def test_collectives_only_when_asked_and_loners_left_out(seeds_graph: nx.MultiDiGraph) -> None:
    default = {r.unit_id for r in QUERY.run(Embedded(seeds_graph))}
    assert "unit:石嘴山市:各县区政府" not in default
    rows = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"include_collective": "true"}))
    by_id = {r.unit_id: r for r in rows}
    assert by_id["unit:石嘴山市:各县区政府"].degree > by_id["unit:石嘴山市:市审批局"].degree
    assert default < set(by_id)


def test_document_filter(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"document": EZHOU}))
    assert {r.jurisdiction for r in rows} == {"鄂州市"}
    groups = _groups(rows)
    # 工业科 and 市科技局 share 完善科技创新制度体系 and nothing else with anyone: a community of two.
    assert groups[len(groups)] == ["工业科", "市科技局"]
    degrees = {r.name: r.degree for r in rows}
    assert (degrees["工业科"], degrees["市科技局"]) == (1, 1)


def test_two_teams_and_weights_from_shared_tasks() -> None:
    G = nx.MultiDiGraph()
    teams = {
        "a": "task:x:1",
        "b": "task:x:1",
        "c": "task:x:1",
        "d": "task:x:2",
        "e": "task:x:2",
        "f": "task:x:2",
    }
    for unit, task in teams.items():
        G.add_node(f"unit:甲市:{unit}", label="Unit", name=unit, jurisdiction="甲市", kind="department")
        G.add_node(task, label="Task", document_id="doc:x")
        G.add_edge(f"unit:甲市:{unit}", task, key="LEADS", type="LEADS")
    # A bridge: c and d on one more task; c both leads and assists it (one shared task, not two).
    G.add_node("task:x:3", label="Task", document_id="doc:x")
    for unit, role in (("c", "LEADS"), ("c", "ASSISTS"), ("d", "ASSISTS")):
        G.add_edge(f"unit:甲市:{unit}", "task:x:3", key=role, type=role)
    rows = QUERY.run(Embedded(G))
    assert _groups(rows) == {1: ["a", "b", "c"], 2: ["d", "e", "f"]}
    assert {r.name: r.degree for r in rows}["c"] == 3


def test_projection_is_canonical_whatever_the_row_order() -> None:
    rows = [
        {"source": s, "target": t, "weight": w, "source_name": s, "target_name": t,
         "source_jurisdiction": "甲", "target_jurisdiction": "甲"}
        for s, t, w in (("b", "c", 2), ("a", "b", 1), ("c", "a", 5))
    ]  # fmt: skip
    P = projection(rows)
    Q = projection(list(reversed(rows)))
    assert list(P.nodes) == list(Q.nodes) == ["a", "b", "c"]
    assert (
        list(P.edges(data="weight"))
        == list(Q.edges(data="weight"))
        == [
            ("a", "b", 1),
            ("a", "c", 5),
            ("b", "c", 2),
        ]
    )


@pytest.mark.neo4j
@pytest.mark.parametrize("pairs", [{"include_collective": "true"}, {"document": EZHOU}])
def test_same_rows_on_neo4j_with_parameters(
    pairs: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    params = QUERY.parse_params(pairs)
    assert QUERY.run(neo4j_seeds, params) == QUERY.run(Embedded(seeds_graph), params)
