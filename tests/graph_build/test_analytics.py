"""The whole-corpus figures stored at build time equal what the queries compute on the spot, and
an added document leaves them as they would be computed on the changed graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx

from graph_build.analytics import ANNOTATED, indicator_coverage, projection, reform_reach
from graph_build.analytics import co_assignment_rows as rows_of
from graph_build.pipeline import add_document, build_graph
from graph_build.store_networkx import save_graph
from queries import Embedded, get_query
from tests.conftest import RAW, SEED_FILES


def _unannotated(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    copy = G.copy()
    copy.graph.pop(ANNOTATED, None)
    return copy


def test_stored_figures_answer_as_the_computed_ones(seeds_graph: nx.MultiDiGraph) -> None:
    for name in ("indicator_coverage", "unit_communities", "reform_overview"):
        query = get_query(name)
        stored = query.run(Embedded(seeds_graph))
        assert stored, name
        assert stored == query.run(Embedded(_unannotated(seeds_graph))), name


def _assert_figures_current(G: nx.MultiDiGraph) -> None:
    P = projection(rows_of(G))
    for node, data in G.nodes(data=True):
        if data.get("label") == "Indicator":
            assert data["coverage"] == indicator_coverage(G, node), node
        elif data.get("label") == "Reform":
            assert data["reach"] == reform_reach(G, node), node
        elif data.get("label") == "Unit":
            assert data["partners"] == (P.degree(node) if node in P else 0), node
            if data["partners"]:
                assert data["community"] is not None, node


def test_an_added_document_keeps_the_figures_current(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for key, name in SEED_FILES.items():
        if key != "002":
            shutil.copy(RAW / name, raw / name)
    graph_path = tmp_path / "graph.json"
    save_graph(build_graph([raw], overrides_path=None).graph, graph_path)
    added = add_document(
        (RAW / SEED_FILES["002"]).read_bytes(),
        "new.txt",
        raw_dir=raw,
        graph_path=graph_path,
        overrides_path=None,
    )
    _assert_figures_current(added.graph)
    text = (RAW / SEED_FILES["000"]).read_text(encoding="utf-8").replace("市科技局", "市经信局")
    changed = add_document(
        text.encode("utf-8"), "000-v2.txt", raw_dir=raw, graph_path=graph_path, overrides_path=None
    )
    assert changed.replaced == SEED_FILES["000"]
    _assert_figures_current(changed.graph)
