"""Every catalogue query returns exactly the same rows on the embedded graph and on Neo4j."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from queries import CATALOGUE, Embedded, NamedQuery, Neo4j, as_dict


def _json(rows: list) -> str:
    return json.dumps([as_dict(r) for r in rows], ensure_ascii=False, sort_keys=True)


@pytest.mark.neo4j
@pytest.mark.parametrize("query", CATALOGUE, ids=[q.name for q in CATALOGUE])
def test_both_backends_give_the_same_rows(
    query: NamedQuery, seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    embedded = query.run(Embedded(seeds_graph))
    remote = query.run(neo4j_seeds)
    assert remote == embedded
    assert _json(remote) == _json(embedded)


def test_every_query_is_documented_and_typed() -> None:
    names = [q.name for q in CATALOGUE]
    assert len(names) == len(set(names))
    for query in CATALOGUE:
        assert query.title_zh and query.title_en and query.description
        assert query.row_type.__doc__ and "order" in query.row_type.__doc__.lower()


def _variants(G: nx.MultiDiGraph) -> list[tuple[str, dict[str, str]]]:
    """Non-default parameters of the queries whose Cypher takes a shortcut for them, with ids read
    from the seeds graph."""
    from queries import get_query

    targets = get_query("target_list").run(Embedded(G))
    indicator = next(r.indicator_id for r in targets if r.indicator_id)
    document = targets[0].document_id
    return [
        ("target_list", {"indicator": indicator}),
        ("target_list", {"achieved": "true"}),
        ("target_list", {"achieved": "false", "limit": "7"}),
        ("target_list", {"document": document, "limit": "3"}),
        ("unit_communities", {"limit": "5"}),
        ("unit_communities", {"document": document}),
        ("unit_communities", {"include_collective": "true", "limit": "40"}),
        ("task_links", {"type": "SIMILAR_TO", "limit": "4"}),
        ("task_links", {"min_score": "0.5", "cross_document_only": "true"}),
        ("task_list", {"limit": "5"}),
        ("responsibility_overlap", {"limit": "3", "min_shared": "1"}),
        ("unit_load", {"limit": "3"}),
        ("unit_load", {"include_collective": "true", "limit": "200"}),
        ("document_compare", {"left": document}),
        ("unassigned_or_vague", {"max_coleads": "1"}),
        ("unassigned_or_vague", {"include_measures": "true"}),
        ("graph_summary", {"document": document}),
        ("reform_overview", {"min_documents": "2", "limit": "3"}),
        ("reform_overview", {"document": document}),
        ("indicator_coverage", {"include_collective": "true"}),
        ("indicator_coverage", {"document": document}),
    ]


@pytest.mark.neo4j
def test_both_backends_agree_on_shortcut_parameters(seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j) -> None:
    from queries import get_query

    for name, pairs in _variants(seeds_graph):
        query = get_query(name)
        params = query.parse_params(pairs)
        embedded = query.run(Embedded(seeds_graph), params)
        assert embedded, (name, pairs)
        assert _json(query.run(neo4j_seeds, params)) == _json(embedded), (name, pairs)
