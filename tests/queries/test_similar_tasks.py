"""similar_tasks on the seeds graph (no links yet) and on the small linked graph."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, Neo4j, get_query
from queries.similar_tasks import Params, default_task_networkx

QUERY = get_query("similar_tasks")


def _pairs(rows: list) -> list[tuple[str, str, float]]:
    return [(r.task_id, r.neighbour_id, r.score) for r in rows]


def test_seed_neighbours_across_documents(seeds_graph: nx.MultiDiGraph) -> None:
    assert default_task_networkx(seeds_graph) is not None
    assert QUERY.run(Embedded(seeds_graph))
    # 鄂州 (十三)健全企业破产“府院联动”协调机制 ↔ 湾里 (七)办理破产.
    rows = QUERY.run(Embedded(seeds_graph), Params(task="task:a39044ea9969:2.13"))
    neighbour = next(r for r in rows if r.neighbour_id == "task:b1543a2761ac:1.7")
    assert "府院联动" in neighbour.evidence and neighbour.basis == "similarity"
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)


def test_parameters_are_parsed_and_checked(seeds_graph: nx.MultiDiGraph) -> None:
    params = QUERY.parse_params({"task": "task:aaa:1", "min_score": "0.8", "limit": "5"})
    assert params == Params(task="task:aaa:1", min_score=0.8, limit=5)
    with pytest.raises(QueryParamError, match="min_score"):
        QUERY.parse_params({"min_score": "high"})
    with pytest.raises(QueryParamError, match="limit"):
        QUERY.run(Embedded(seeds_graph), Params(limit=-1))
    with pytest.raises(QueryParamError, match="no task 'task:nope'"):
        QUERY.run(Embedded(seeds_graph), Params(task="task:nope"))


def test_default_task_has_the_most_links_ties_by_id(linked_graph: nx.MultiDiGraph) -> None:
    # task:aaa:1 and task:bbb:1 both have two links; the smaller id wins.
    assert default_task_networkx(linked_graph) == "task:aaa:1"
    rows = QUERY.run(Embedded(linked_graph))
    assert _pairs(rows) == [("task:aaa:1", "task:bbb:1", 0.8889), ("task:aaa:1", "task:ccc:1", 0.7)]
    first = rows[0]
    assert (first.neighbour_title, first.neighbour_document_id) == ("落实工程建设项目审批改革任务", "doc:bbb")
    assert (first.basis, first.evidence) == (
        "title_overlap",
        "深化工程建设项目审批制度改革 ≈ 落实工程建设项目审批改革任务",
    )


def test_links_are_read_in_both_directions(linked_graph: nx.MultiDiGraph) -> None:
    # bbb:1 is the target of aaa:1 – bbb:1 and the source of bbb:1 – ccc:2; equal scores, so by id.
    rows = QUERY.run(Embedded(linked_graph), Params(task="task:bbb:1"))
    assert _pairs(rows) == [("task:bbb:1", "task:aaa:1", 0.8889), ("task:bbb:1", "task:ccc:2", 0.8889)]
    assert [r.neighbour_document_id for r in rows] == ["doc:aaa", "doc:ccc"]


def test_min_score_and_limit_narrow(linked_graph: nx.MultiDiGraph) -> None:
    G = Embedded(linked_graph)
    top = [("task:aaa:1", "task:bbb:1", 0.8889)]
    assert _pairs(QUERY.run(G, Params(task="task:aaa:1", min_score=0.8))) == top
    assert _pairs(QUERY.run(G, Params(task="task:aaa:1", min_score=0.88888))) == top  # inclusive
    assert _pairs(QUERY.run(G, Params(limit=1))) == top
    assert QUERY.run(G, Params(task="task:aaa:1", min_score=0.95)) == []
    assert QUERY.run(G, Params(task="task:ccc:3")) == []


LINKED_PARAMS = [
    Params(),
    Params(task="task:bbb:1"),
    Params(task="task:ccc:1"),
    Params(task="task:aaa:1", min_score=0.8),
    Params(limit=1),
    Params(task="task:ccc:3"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize("params", LINKED_PARAMS, ids=str)
def test_neo4j_gives_the_same_rows_on_the_linked_graph(
    params: Params, linked_graph: nx.MultiDiGraph, neo4j_linked: Neo4j
) -> None:
    embedded = QUERY.run(Embedded(linked_graph), params)
    assert QUERY.run(neo4j_linked, params) == embedded
    if params.task != "task:ccc:3":
        assert embedded


@pytest.mark.neo4j
def test_neo4j_refuses_an_unknown_task_the_same_way(neo4j_linked: Neo4j) -> None:
    with pytest.raises(QueryParamError, match="no task 'task:nope'"):
        QUERY.run(neo4j_linked, Params(task="task:nope"))
