"""Documents added to a saved graph, appended to a journal instead of rewriting the whole file.

A 10,000-document graph file is about 480 MB of node-link JSON, and writing it again for every
added document took over 20 s. Instead, what adding a document changed is appended to
``<graph file>.journal`` as one line: the nodes it removed, the document and its tasks with every
edge at them, and the other nodes whose properties changed (units gaining an alias or a partner,
cited policies gaining a number). :func:`graph_build.store_networkx.load_graph` replays the lines
onto the snapshot.

Each line names the snapshot it follows by the snapshot's *epoch*, a digest of its bytes (so a
rebuild of the same corpus still writes the same file). A full save writes a new snapshot and then
deletes the journal; lines of another epoch (a save killed between the two steps) are skipped, and
so is a torn last line (a kill in the middle of an append), so a reader always sees whole changes,
in order.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graph_build.analytics import units_around
from graph_build.errors import GraphFileError
from graph_build.graph_cache import forget
from graph_build.model import Label

# For a graph in memory: the epoch of the snapshot it was read from or written to, and a stamp of
# those files (snapshot modification time in ns, snapshot size, journal size), so a graph held by
# a long-running process is not journalled onto files written since. Kept beside the graph, not in
# it, so it never reaches a saved or exported file.
_origins: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[str, list[int] | None]] = (
    weakref.WeakKeyDictionary()
)
SUFFIX = ".journal"
# Replaying a change costs about what it adds; past this many, the next add rewrites the file.
MAX_CHANGES = 50

Edge = tuple[str, str, str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Change:
    """What putting one document into a graph changed, enough to do it again on a copy."""

    document_id: str
    removed: tuple[str, ...]  # nodes gone: old tasks, units and policies nobody uses any more
    rewired: tuple[str, ...]  # the document and its tasks: every edge at them is in ``edges``
    nodes: tuple[tuple[str, dict[str, Any]], ...]  # node → all its properties after the change
    edges: tuple[Edge, ...]
    warnings: tuple[dict[str, Any], ...]  # the document's warnings

    def to_json(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "removed": list(self.removed),
            "rewired": list(self.rewired),
            "nodes": [[node, data] for node, data in self.nodes],
            "edges": [list(edge) for edge in self.edges],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(
            document_id=data["document_id"],
            removed=tuple(data["removed"]),
            rewired=tuple(data["rewired"]),
            nodes=tuple((node, attrs) for node, attrs in data["nodes"]),
            edges=tuple((u, v, k, attrs) for u, v, k, attrs in data["edges"]),
            warnings=tuple(data["warnings"]),
        )


def _owned(graph: nx.MultiDiGraph, doc_id: str) -> set[str]:
    if doc_id not in graph:
        return set()
    return {doc_id} | {
        node
        for node, data in graph.nodes(data=True)
        if data.get("label") == Label.TASK and data.get("document_id") == doc_id
    }


def _around(graph: nx.MultiDiGraph, owned: set[str], doc_id: str) -> set[str]:
    return {n for node in owned for n in nx.all_neighbors(graph, node)} | units_around(graph, doc_id)


@dataclass(slots=True)
class Before:
    """The part of a graph a document's change can touch, taken before the change."""

    doc_id: str
    nodes: frozenset[str]
    owned: set[str]
    around: dict[str, dict[str, Any]]


def before_change(graph: nx.MultiDiGraph, doc_id: str) -> Before:
    owned = _owned(graph, doc_id)
    around = _around(graph, owned, doc_id) - owned
    return Before(doc_id, frozenset(graph), owned, {n: copy.deepcopy(graph.nodes[n]) for n in around})


def change_since(graph: nx.MultiDiGraph, before: Before) -> Change:
    """The :class:`Change` that turns the graph ``before`` was taken of into ``graph``."""
    doc_id = before.doc_id
    owned = _owned(graph, doc_id)
    around = (_around(graph, owned, doc_id) | before.around.keys()) - owned
    removed = sorted(n for n in before.owned | before.around.keys() if n not in graph)
    new = {n for n in around if n in graph and n not in before.nodes}
    changed = sorted(n for n in around if n in graph and (n in new or before.around.get(n) != graph.nodes[n]))
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for node in sorted(owned | new):
        for u, v, k, data in [
            *graph.out_edges(node, keys=True, data=True),
            *graph.in_edges(node, keys=True, data=True),
        ]:
            edges[u, v, k] = data
    warnings = [w for w in graph.graph.get("warnings", []) if w.get("document_id") == doc_id]
    return Change(
        document_id=doc_id,
        removed=tuple(removed),
        rewired=tuple(sorted(owned)),
        nodes=tuple((n, copy.deepcopy(graph.nodes[n])) for n in [*sorted(owned), *changed]),
        edges=tuple((u, v, k, copy.deepcopy(data)) for (u, v, k), data in sorted(edges.items())),
        warnings=tuple(copy.deepcopy(warnings)),
    )


def apply_change(graph: nx.MultiDiGraph, change: Change) -> None:
    """Do ``change`` to ``graph`` (a copy of the graph it was recorded on, before it)."""
    forget(graph)
    graph.remove_nodes_from([n for n in change.removed if n in graph])
    graph.remove_nodes_from([n for n in change.rewired if n in graph])
    for node, attrs in change.nodes:
        if node in graph:
            data = graph.nodes[node]
            data.clear()
            data.update(copy.deepcopy(attrs))
        else:
            graph.add_node(node, **copy.deepcopy(attrs))
    for u, v, key, attrs in change.edges:
        graph.add_edge(u, v, key=key, **copy.deepcopy(attrs))
    warnings = [w for w in graph.graph.get("warnings", []) if w.get("document_id") != change.document_id]
    graph.graph["warnings"] = warnings + [dict(w) for w in change.warnings]


def journal_path(graph_path: Path) -> Path:
    return graph_path.with_name(graph_path.name + SUFFIX)


def _lines(graph_path: Path) -> Iterator[tuple[int, dict[str, Any] | None]]:
    path = journal_path(graph_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot read the journal ({exc})") from exc
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except ValueError as exc:
            if number >= len(lines) - 1:  # the last line, cut short by a kill: not written yet
                yield number, None
                return
            raise GraphFileError(f"{path}: line {number} is not a journal entry ({exc})") from exc


def changes_for(graph_path: Path, epoch: str | None) -> list[Change]:
    """The whole changes of ``epoch`` in the journal next to ``graph_path``, in order."""
    if epoch is None:
        return []
    return [
        Change.from_json(entry["change"])
        for _, entry in _lines(graph_path)
        if entry is not None and entry.get("epoch") == epoch
    ]


def count_changes(graph_path: Path, epoch: str | None) -> int:
    return len(changes_for(graph_path, epoch))


def append_change(graph_path: Path, epoch: str, change: Change) -> None:
    """Append ``change`` to the journal and flush it to disk. A torn last line left by a kill is
    cut off first, so the new line starts clean."""
    path = journal_path(graph_path)
    line = json.dumps({"epoch": epoch, "change": change.to_json()}, ensure_ascii=False, sort_keys=True)
    with path.open("a+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size:
            handle.seek(max(0, size - 1))
            if handle.read(1) != b"\n":
                handle.seek(0)
                whole = handle.read()
                handle.truncate(whole.rfind(b"\n") + 1)
        handle.seek(0, os.SEEK_END)
        handle.write(line.encode("utf-8") + b"\n")
        handle.flush()
        os.fsync(handle.fileno())


def drop_journal(graph_path: Path) -> None:
    journal_path(graph_path).unlink(missing_ok=True)


def epoch_of(data: bytes) -> str:
    """The epoch of a snapshot: a digest of its bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_epoch(graph_path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with graph_path.open("rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()


def snapshot_stamp(graph_path: Path) -> list[int] | None:
    """(snapshot modification time in ns, snapshot size, journal size); None without a snapshot."""
    try:
        stat = graph_path.stat()
    except OSError:
        return None
    try:
        journal = journal_path(graph_path).stat().st_size
    except OSError:
        journal = 0
    return [stat.st_mtime_ns, stat.st_size, journal]


def remember_origin(graph: nx.MultiDiGraph, graph_path: Path, epoch: str) -> None:
    """Note that ``graph`` is what the files at ``graph_path`` (snapshot ``epoch``) hold now."""
    _origins[graph] = (epoch, snapshot_stamp(graph_path))


def origin_epoch(graph: nx.MultiDiGraph, graph_path: Path) -> str | None:
    """The epoch of ``graph``'s snapshot if ``graph`` is what the files at ``graph_path`` hold
    now (nobody has written them since it was read or written); otherwise None."""
    epoch, stamp = _origins.get(graph, (None, None))
    return epoch if epoch is not None and stamp == snapshot_stamp(graph_path) else None
