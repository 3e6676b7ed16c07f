"""Shared fixtures: the seed documents and their extractions."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_build.model import Extraction
from graph_build.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SEED_FILES = {
    "000": "000_f185dcf26e0eb861.txt",
    "001": "001_823fa8a203438605.txt",
    "002": "002_9fe3945367a3c861.txt",
    "003": "003_9f16241015fbbe58.txt",
    "004": "004_35546647ca30bd67.txt",
}


@pytest.fixture(scope="session")
def seeds() -> dict[str, Extraction]:
    """Each seed document extracted once per test session, by its three-digit prefix."""
    return {key: extract_document(RAW / name) for key, name in SEED_FILES.items()}


@pytest.fixture(scope="session")
def seeds_graph():
    """The graph of the five seeds, built once (without a user's alias file)."""
    from graph_build.pipeline import build_graph

    return build_graph([RAW], overrides_path=None).graph


@pytest.fixture(scope="session")
def seeds_graph_file(seeds_graph, tmp_path_factory) -> Path:
    """The seeds graph saved as a graph file (as `reformkg build` writes it)."""
    from graph_build.store_networkx import save_graph

    path = tmp_path_factory.mktemp("graph") / "graph.json"
    save_graph(seeds_graph, path)
    return path


@pytest.fixture(scope="session")
def neo4j_settings():
    """The server in NEO4J_URI; without one, Neo4j tests skip — unless REFORMKG_REQUIRE_NEO4J=1."""
    import os

    from graph_build.store_neo4j import resolve_settings

    settings = resolve_settings(secrets=Path("/nonexistent"))
    if settings is None:
        reason = 'no Neo4j server: set NEO4J_URI (for example `eval "$(scripts/neo4j-local.sh start)"`)'
        if os.environ.get("REFORMKG_REQUIRE_NEO4J") == "1":
            pytest.fail(f"REFORMKG_REQUIRE_NEO4J=1 but {reason}")
        pytest.skip(reason)
    return settings


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    from graph_build.store_neo4j import connect

    driver = connect(neo4j_settings)
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def neo4j_seeds(neo4j_driver, neo4j_settings, seeds_graph):
    """The Neo4j backend holding exactly the seeds graph (wiped and loaded once per session)."""
    from graph_build.store_neo4j import load_graph_into
    from queries import Neo4j

    load_graph_into(neo4j_driver, seeds_graph, database=neo4j_settings.database, wipe_first=True)
    return Neo4j(neo4j_driver, neo4j_settings.database)
