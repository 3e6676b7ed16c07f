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
