"""Adding one document to a built corpus: stored safely, a new version replaces the old one, bad
uploads change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph_build.errors import DocumentDecodeError
from graph_build.pipeline import add_document, build_graph
from graph_build.store_networkx import load_graph, save_graph
from tests.conftest import RAW

EZHOU = "000_f185dcf26e0eb861.txt"
SONGSHAN = "002_9fe3945367a3c861.txt"
WANLI = "003_9f16241015fbbe58.txt"


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Two seeds in a raw folder and their graph file."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (EZHOU, SONGSHAN):
        shutil.copy(RAW / name, raw / name)
    graph_path = tmp_path / "graph.json"
    save_graph(build_graph([raw], overrides_path=None).graph, graph_path)
    return raw, graph_path


def _documents(graph_path: Path) -> dict[str, str]:
    graph = load_graph(graph_path)
    return {d["source_file"]: n for n, d in graph.nodes(data=True) if d.get("is_source")}


def _task_count(graph) -> int:
    return sum(1 for _, d in graph.nodes(data=True) if d.get("label") == "Task")


def test_a_new_document_joins_the_graph(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    added = add_document(
        (RAW / WANLI).read_bytes(), "湾里 方案.txt", raw_dir=raw, graph_path=graph_path, overrides_path=None
    )
    assert added.replaced is None and added.stored_as == raw / "湾里_方案.txt"
    assert sorted(_documents(graph_path)) == sorted([EZHOU, SONGSHAN, "湾里_方案.txt"])
    assert len(added.extraction.tasks) == 24


def test_a_new_version_replaces_the_old_file_and_its_tasks(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    before = load_graph(graph_path)
    old_text = (RAW / EZHOU).read_text(encoding="utf-8")
    new_text = old_text.replace("持续提高办电效率", "持续提高办电效率和用电可靠性")
    assert new_text != old_text
    added = add_document(
        new_text.encode("gb18030"),
        "鄂州方案-修订稿.txt",
        raw_dir=raw,
        graph_path=graph_path,
        overrides_path=None,
    )
    assert added.replaced == EZHOU and added.stored_as == raw / EZHOU
    assert sorted(p.name for p in raw.iterdir()) == sorted([EZHOU, SONGSHAN])
    after = load_graph(graph_path)
    titles = {d["title"] for _, d in after.nodes(data=True) if d.get("label") == "Task"}
    assert "持续提高办电效率和用电可靠性" in titles and "持续提高办电效率" not in titles
    assert _task_count(after) == _task_count(before)


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"\x00\x01\x02\xff" * 200, "scan.txt", "binary"),
        (b"   \n\t\n", "blank.txt", "empty"),
        (b"x" * 2_000, "big.txt", "limit"),
    ],
)
def test_a_bad_upload_changes_nothing(corpus: tuple[Path, Path], data: bytes, name: str, reason: str) -> None:
    raw, graph_path = corpus
    graph_bytes = graph_path.read_bytes()
    files = sorted(p.name for p in raw.iterdir())
    with pytest.raises(DocumentDecodeError, match=reason) as caught:
        add_document(data, name, raw_dir=raw, graph_path=graph_path, max_bytes=1_000, overrides_path=None)
    assert name in str(caught.value)
    assert graph_path.read_bytes() == graph_bytes
    assert sorted(p.name for p in raw.iterdir()) == files


def test_a_file_name_cannot_leave_the_data_folder(corpus: tuple[Path, Path]) -> None:
    raw, graph_path = corpus
    added = add_document(
        (RAW / WANLI).read_bytes(),
        "../../../etc/..\\cron.d/../plan.txt",
        raw_dir=raw,
        graph_path=graph_path,
        overrides_path=None,
    )
    assert added.stored_as.parent == raw
    assert not (raw.parent / "plan.txt").exists()
