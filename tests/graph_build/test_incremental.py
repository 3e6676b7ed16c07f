"""Adding one document to a built graph gives the graph a full build gives: the same nodes and
edges, the same dependencies, and nearly the same similarity links (their weights come from the
document's neighbourhood rather than the whole corpus)."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from graph_build.pipeline import add_document, build_graph
from graph_build.store_networkx import save_graph
from tests.conftest import RAW, SEED_FILES

LINKS = ("SIMILAR_TO", "DEPENDS_ON")


def _edges(graph: nx.MultiDiGraph, keep) -> set[tuple[str, str, str]]:
    return {(u, v, k) for u, v, k in graph.edges(keys=True) if keep(k)}


@pytest.mark.parametrize("added", sorted(SEED_FILES))
def test_adding_a_seed_to_the_other_four_matches_a_full_build(
    added: str, tmp_path: Path, seeds_graph
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for key, name in SEED_FILES.items():
        if key != added:
            shutil.copy(RAW / name, raw / name)
    graph_path = tmp_path / "graph.json"
    before = build_graph([raw], overrides_path=None).graph
    save_graph(before, graph_path)

    result = add_document(
        (RAW / SEED_FILES[added]).read_bytes(),
        SEED_FILES[added],
        raw_dir=raw,
        graph_path=graph_path,
        overrides_path=None,
    )
    incremental, full = result.graph, build_graph([RAW], overrides_path=None).graph
    assert set(incremental.nodes) == set(full.nodes)
    assert _edges(incremental, lambda k: k not in LINKS) == _edges(full, lambda k: k not in LINKS)
    assert _edges(incremental, lambda k: k == "DEPENDS_ON") == _edges(full, lambda k: k == "DEPENDS_ON")
    doc = result.extraction.document.id
    own = {n for n, d in full.nodes(data=True) if d.get("document_id") == doc} | {doc}

    def touching(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
        return {e for e in _edges(graph, lambda k: k == "SIMILAR_TO") if e[0] in own or e[1] in own}

    found, expected = touching(incremental), touching(full)
    if expected:
        overlap = len(found & expected)
        assert overlap / len(expected) >= 0.7, (overlap, len(expected))
        assert overlap / max(1, len(found)) >= 0.7, (overlap, len(found))
    # Links among the other documents are left as they were (a full build would reweigh them).
    assert _edges(incremental, lambda k: k == "SIMILAR_TO") - found == _edges(
        before, lambda k: k == "SIMILAR_TO"
    )
