"""Adding a document appends to the graph file's journal; reading the file replays it exactly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graph_build.journal as journal
from graph_build.errors import GraphFileError
from graph_build.pipeline import add_document, build_graph
from graph_build.store_networkx import load_graph, save_graph
from tests.conftest import RAW, SEED_FILES


def _state(graph: nx.MultiDiGraph) -> Any:
    """Nodes, edges (with their properties) and warnings, as JSON would hold them."""
    nodes = sorted((n, d) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True))
    warnings = sorted(graph.graph.get("warnings", []), key=lambda w: json.dumps(w, sort_keys=True))
    return json.loads(json.dumps([nodes, edges, warnings], sort_keys=True, ensure_ascii=False))


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """The seeds but 004 built into a graph file; 004 is the one to add."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for key, name in SEED_FILES.items():
        if key != "004":
            shutil.copy(RAW / name, raw / name)
    graph_path = tmp_path / "graph.json"
    save_graph(build_graph([raw], overrides_path=None).graph, graph_path)
    return raw, graph_path


def _add(raw: Path, graph_path: Path, data: bytes, name: str, **kwargs: Any) -> Any:
    return add_document(data, name, raw_dir=raw, graph_path=graph_path, overrides_path=None, **kwargs)


def _new_version_of_000() -> bytes:
    text = (RAW / SEED_FILES["000"]).read_text(encoding="utf-8")
    return text.replace("持续提高办电效率", "全面提高办电效率").encode("utf-8")


def test_an_add_appends_and_leaves_the_snapshot_alone(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    snapshot = graph_path.read_bytes()
    added = _add(raw, graph_path, (RAW / SEED_FILES["004"]).read_bytes(), "new.txt")
    assert graph_path.read_bytes() == snapshot
    assert journal.count_changes(graph_path, journal.file_epoch(graph_path)) == 1
    assert _state(load_graph(graph_path)) == _state(added.graph)

    replaced = _add(raw, graph_path, _new_version_of_000(), "000-v2.txt")
    assert replaced.replaced == SEED_FILES["000"]
    assert journal.count_changes(graph_path, journal.file_epoch(graph_path)) == 2
    reread = load_graph(graph_path)
    assert _state(reread) == _state(replaced.graph)
    assert not any("持续提高办电效率" in (d.get("text") or "") for _, d in reread.nodes(data=True))


def test_replaying_a_change_on_a_copy_gives_the_changed_graph(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    before = load_graph(graph_path)
    added = _add(raw, graph_path, (RAW / SEED_FILES["004"]).read_bytes(), "new.txt")
    (change,) = journal.changes_for(graph_path, journal.file_epoch(graph_path))
    journal.apply_change(before, journal.Change.from_json(json.loads(json.dumps(change.to_json()))))
    assert _state(before) == _state(added.graph)


def test_a_torn_last_line_is_not_read_and_the_next_add_cuts_it(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    added = _add(raw, graph_path, (RAW / SEED_FILES["004"]).read_bytes(), "new.txt")
    path = journal.journal_path(graph_path)
    with path.open("ab") as handle:
        handle.write(b'{"epoch": "x", "change": {"document')  # killed mid-append
    assert _state(load_graph(graph_path)) == _state(added.graph)

    replaced = _add(raw, graph_path, _new_version_of_000(), "000-v2.txt")
    assert path.read_bytes().count(b"\n") == 2
    assert _state(load_graph(graph_path)) == _state(replaced.graph)


def test_a_broken_line_in_the_middle_is_named(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    _add(raw, graph_path, (RAW / SEED_FILES["004"]).read_bytes(), "new.txt")
    path = journal.journal_path(graph_path)
    path.write_bytes(b"not json\n" + path.read_bytes())
    with pytest.raises(GraphFileError, match=r"journal: line 1 is not a journal entry"):
        load_graph(graph_path)


def test_lines_of_an_older_snapshot_are_skipped(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    # A save killed after writing its snapshot but before deleting the journal.
    raw, graph_path = corpus
    _add(raw, graph_path, (RAW / SEED_FILES["004"]).read_bytes(), "new.txt")
    kept = tmp_path / "journal.copy"
    shutil.copy(journal.journal_path(graph_path), kept)
    rebuilt = build_graph([raw], overrides_path=None).graph
    save_graph(rebuilt, graph_path)
    assert not journal.journal_path(graph_path).exists()
    shutil.copy(kept, journal.journal_path(graph_path))
    assert _state(load_graph(graph_path)) == _state(rebuilt)


def test_the_file_is_rewritten_after_max_changes(
    corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, graph_path = corpus
    monkeypatch.setattr(journal, "MAX_CHANGES", 1)
    _add(raw, graph_path, (RAW / SEED_FILES["004"]).read_bytes(), "new.txt")
    snapshot = graph_path.read_bytes()
    replaced = _add(raw, graph_path, _new_version_of_000(), "000-v2.txt")
    assert graph_path.read_bytes() != snapshot
    assert not journal.journal_path(graph_path).exists()
    assert _state(load_graph(graph_path)) == _state(replaced.graph)


def test_a_graph_in_memory_is_changed_in_place_unless_the_file_moved_on(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    held = load_graph(graph_path)
    added = _add(raw, graph_path, (RAW / SEED_FILES["004"]).read_bytes(), "new.txt", graph=held)
    assert added.graph is held
    assert _state(load_graph(graph_path)) == _state(held)

    stale = held
    save_graph(build_graph([raw], overrides_path=None).graph, graph_path)  # someone rebuilt it
    replaced = _add(raw, graph_path, _new_version_of_000(), "000-v2.txt", graph=stale)
    assert replaced.graph is not stale
    assert _state(load_graph(graph_path)) == _state(replaced.graph)


def test_the_same_corpus_still_writes_the_same_file(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    raw, graph_path = corpus
    other = tmp_path / "again.json"
    save_graph(build_graph([raw], overrides_path=None).graph, other)
    assert other.read_bytes() == graph_path.read_bytes()
