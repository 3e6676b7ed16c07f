"""Fixtures of the query tests: the small linked graph, embedded and in Neo4j."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest

from queries import Neo4j
from tests.queries.linked_graph import build_linked_graph


@pytest.fixture(scope="session")
def linked_graph() -> nx.MultiDiGraph:
    """The hand-built graph with DEPENDS_ON and SIMILAR_TO links (see ``linked_graph.py``)."""
    return build_linked_graph()


@pytest.fixture(scope="module")
def neo4j_linked(neo4j_driver, neo4j_settings, seeds_graph, linked_graph) -> Iterator[Neo4j]:
    """Neo4j holding only the linked graph for the tests of one module; the seeds graph is loaded
    back afterwards, so later tests (and ``neo4j_seeds``, loaded once per session) find it again.

    Within a module, tests that use ``neo4j_seeds`` must run before the first test that uses
    this fixture.
    """
    from graph_build.store_neo4j import load_graph_into

    database = neo4j_settings.database
    load_graph_into(neo4j_driver, linked_graph, database=database, wipe_first=True)
    try:
        yield Neo4j(neo4j_driver, database)
    finally:
        load_graph_into(neo4j_driver, seeds_graph, database=database, wipe_first=True)
