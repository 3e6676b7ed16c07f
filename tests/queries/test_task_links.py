"""task_links: every link with its basis and evidence, and the filters the dependencies page uses."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, get_query

QUERY = get_query("task_links")


def _links(G: nx.MultiDiGraph, **params: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(params))


def test_every_link_of_the_graph_is_a_row_with_evidence(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _links(seeds_graph, limit="100000")
    stored = [(u, v, k) for u, v, k in seeds_graph.edges(keys=True) if k in ("DEPENDS_ON", "SIMILAR_TO")]
    assert sorted((r.from_id, r.to_id, r.type) for r in rows) == sorted(stored)
    assert all(r.basis and r.evidence for r in rows)
    assert [r.type for r in rows] == sorted((r.type for r in rows), key=["DEPENDS_ON", "SIMILAR_TO"].index)


def test_prerequisite_rules_name_their_trigger_words(seeds_graph: nx.MultiDiGraph) -> None:
    rows = {(r.from_id, r.to_id): r for r in _links(seeds_graph, type="DEPENDS_ON")}
    rule = rows["task:b364ab0630a6:2.2.12", "task:b364ab0630a6:2.2.5"]
    assert rule.basis == "prerequisite_rule"
    assert rule.evidence.startswith("免证办需要电子证照")
    assert (rule.from_title, rule.to_title) == ("推进政务服务标准化规范化便利化建设", "强化电子证照应用")


def test_reform_and_unit_filters_keep_links_touching_them(seeds_graph: nx.MultiDiGraph) -> None:
    reform = _links(seeds_graph, reform="reform:电子证照", limit="100000")
    assert reform
    for row in reform:
        assert any(
            seeds_graph.has_edge(end, "reform:电子证照", key="ADVANCES") for end in (row.from_id, row.to_id)
        )
    unit = "unit:石嘴山市:市审批局"
    for row in _links(seeds_graph, unit=unit, limit="100000"):
        assert any(
            seeds_graph.has_edge(unit, end, key=role)
            for end in (row.from_id, row.to_id)
            for role in ("LEADS", "ASSISTS")
        )


def test_cross_document_only_and_score(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _links(seeds_graph, cross_document_only="true", min_score="0.3", limit="100000")
    assert rows and all(r.cross_document and r.from_document_id != r.to_document_id for r in rows)
    assert all(r.score >= 0.3 for r in rows)


def test_bad_type_is_refused(seeds_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryParamError, match="LEADS"):
        _links(seeds_graph, type="LEADS")


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "params",
    [
        {"type": "DEPENDS_ON"},
        {"unit": "unit:石嘴山市:市审批局", "limit": "7"},
        {"reform": "reform:电子证照", "cross_document_only": "true"},
        {"document": "doc:a39044ea9969", "min_score": "0.2", "limit": "5"},
    ],
)
def test_parity_with_filters(params: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds) -> None:
    parsed = QUERY.parse_params(params)
    assert QUERY.run(neo4j_seeds, parsed) == QUERY.run(Embedded(seeds_graph), parsed)
