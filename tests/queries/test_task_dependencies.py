"""task_dependencies on the seeds graph (no links yet) and on the small linked graph."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, Neo4j, get_query
from queries.task_dependencies import Params

QUERY = get_query("task_dependencies")


def _chain(rows: list) -> list[tuple[int, str, str]]:
    return [(r.depth, r.from_id, r.to_id) for r in rows]


def test_seed_dependencies_with_their_basis(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph))
    pairs = {(r.from_id, r.to_id): r for r in rows}
    # 18.推进政务服务标准化…拓展“免证办” depends on 11.强化电子证照应用 (石嘴山).
    rule = pairs[("task:b364ab0630a6:2.2.12", "task:b364ab0630a6:2.2.5")]
    assert rule.basis == "prerequisite_rule" and "电子证照" in rule.evidence and rule.depth == 1
    # 鄂州's plan implements the city plan its own first task drafts.
    plan = pairs[("doc:a39044ea9969", "task:a39044ea9969:2.1")]
    assert plan.basis == "produces_policy" and plan.from_document_id == "doc:a39044ea9969"
    # A task with no dependency: known, so no error, and no rows.
    assert QUERY.run(Embedded(seeds_graph), Params(task="task:b364ab0630a6:2.1.1")) == []
    chain = QUERY.run(Embedded(seeds_graph), Params(task="task:b364ab0630a6:2.2.12"))
    assert (chain[0].to_id, chain[0].depth) == ("task:b364ab0630a6:2.2.5", 1)


def test_parameters_are_parsed_and_checked(seeds_graph: nx.MultiDiGraph) -> None:
    params = QUERY.parse_params({"task": "task:aaa:1", "document": "doc:bbb", "max_depth": "2"})
    assert params == Params(task="task:aaa:1", document="doc:bbb", max_depth=2)
    with pytest.raises(QueryParamError, match="max_depth"):
        QUERY.parse_params({"max_depth": "deep"})
    with pytest.raises(QueryParamError, match="at least 1"):
        QUERY.run(Embedded(seeds_graph), Params(max_depth=0))
    with pytest.raises(QueryParamError, match="no task 'task:nope'"):
        QUERY.run(Embedded(seeds_graph), Params(task="task:nope"))


def test_without_a_task_every_link_is_listed_at_depth_one(linked_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(linked_graph))
    assert _chain(rows) == [
        (1, "task:aaa:1", "task:bbb:1"),
        (1, "task:aaa:2", "task:ccc:2"),
        (1, "task:aaa:3", "task:bbb:2"),
        (1, "task:bbb:1", "task:ccc:1"),
        (1, "task:ccc:1", "task:aaa:1"),
        (1, "task:ccc:1", "task:aaa:3"),
    ]
    first = rows[0]
    assert (first.from_title, first.from_document_id) == ("深化工程建设项目审批制度改革", "doc:aaa")
    assert (first.to_title, first.to_document_id) == ("落实工程建设项目审批改革任务", "doc:bbb")
    assert (first.basis, first.score) == ("cites_task", 0.9123)
    assert first.evidence == "深化工程建设项目审批制度改革 ← 落实工程建设项目审批改革任务"


def test_a_chain_is_followed_to_max_depth_through_a_cycle(linked_graph: nx.MultiDiGraph) -> None:
    G = Embedded(linked_graph)
    chain = [
        (1, "task:aaa:1", "task:bbb:1"),
        (2, "task:bbb:1", "task:ccc:1"),
        (3, "task:ccc:1", "task:aaa:1"),  # back to the start: listed once, the walk stops there
        (3, "task:ccc:1", "task:aaa:3"),
    ]
    assert _chain(QUERY.run(G, Params(task="task:aaa:1"))) == chain
    assert _chain(QUERY.run(G, Params(task="task:aaa:1", max_depth=4))) == [
        *chain,
        (4, "task:aaa:3", "task:bbb:2"),
    ]
    assert _chain(QUERY.run(G, Params(task="task:aaa:1", max_depth=1))) == chain[:1]
    # A task that depends on nothing has no chain, even though others depend on it.
    assert QUERY.run(G, Params(task="task:bbb:2")) == []


def test_document_keeps_links_with_either_end_in_it(linked_graph: nx.MultiDiGraph) -> None:
    G = Embedded(linked_graph)
    assert _chain(QUERY.run(G, Params(document="doc:bbb"))) == [
        (1, "task:aaa:1", "task:bbb:1"),
        (1, "task:aaa:3", "task:bbb:2"),
        (1, "task:bbb:1", "task:ccc:1"),
    ]
    # In a chain the depths stay those of the whole chain; the filter only drops rows.
    assert _chain(QUERY.run(G, Params(task="task:aaa:1", document="doc:bbb"))) == [
        (1, "task:aaa:1", "task:bbb:1"),
        (2, "task:bbb:1", "task:ccc:1"),
    ]


LINKED_PARAMS = [
    Params(),
    Params(task="task:aaa:1"),
    Params(task="task:aaa:1", max_depth=4),
    Params(task="task:ccc:1", max_depth=2),
    Params(document="doc:bbb"),
    Params(task="task:aaa:1", document="doc:bbb"),
    Params(task="task:bbb:2"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize("params", LINKED_PARAMS, ids=str)
def test_neo4j_gives_the_same_rows_on_the_linked_graph(
    params: Params, linked_graph: nx.MultiDiGraph, neo4j_linked: Neo4j
) -> None:
    embedded = QUERY.run(Embedded(linked_graph), params)
    assert QUERY.run(neo4j_linked, params) == embedded
    if params.task != "task:bbb:2":
        assert embedded


@pytest.mark.neo4j
def test_neo4j_refuses_an_unknown_task_the_same_way(neo4j_linked: Neo4j) -> None:
    with pytest.raises(QueryParamError, match="no task 'task:nope'"):
        QUERY.run(neo4j_linked, Params(task="task:nope"))
