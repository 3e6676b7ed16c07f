"""A build killed at any moment leaves the previous graph intact and loadable."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx

from graph_build.store_networkx import load_graph
from tests.conftest import RAW, ROOT

VARIANTS = ROOT / "tests" / "fixtures" / "variants"
KILL_AFTER_S = (0.2, 0.6, 1.0, 1.6, 2.4, 3.5)


def _build(raw: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "graph_build.cli", "build", str(raw), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _grow(raw: Path) -> None:
    """Enough distinct documents that a build takes seconds: the variants, and each seed again
    under five other titles."""
    for path in sorted(VARIANTS.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    for seed in sorted(RAW.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        first_line = text.splitlines()[0]
        for copy in range(5):
            (raw / f"copy{copy}_{seed.name}").write_text(
                text.replace(first_line, f"{first_line}(第{copy + 2}稿)", 1), encoding="utf-8"
            )


def test_a_killed_build_leaves_the_previous_graph(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for seed in sorted(RAW.glob("*.txt")):
        shutil.copy(seed, raw / seed.name)
    out = tmp_path / "graph.json"
    assert _build(raw, out).wait(timeout=300) == 0
    previous = out.read_bytes()
    _grow(raw)
    killed = 0
    for delay in KILL_AFTER_S:
        process = _build(raw, out)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=300)
        graph = load_graph(out)  # never half-written, whenever the kill came
        if out.read_bytes() != previous:
            assert process.returncode == 0  # only a build that finished replaces the graph
            previous = out.read_bytes()
        assert isinstance(graph, nx.MultiDiGraph)
    assert killed >= 3, "the build finished too fast to be killed: grow the corpus"
    assert _build(raw, out).wait(timeout=300) == 0
    final = load_graph(out)
    documents = sum(1 for _, d in final.nodes(data=True) if d.get("is_source"))
    assert documents > 5
