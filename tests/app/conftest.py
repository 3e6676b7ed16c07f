"""AppTest runs of the explorer on the seeds graph (embedded backend, no Neo4j)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app_streamlit.py")


@pytest.fixture
def app_env(seeds_graph_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The explorer reads the seeds graph and sees no Neo4j."""
    monkeypatch.setenv("REFORMKG_GRAPH", str(seeds_graph_file))
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(ROOT)
    return seeds_graph_file
