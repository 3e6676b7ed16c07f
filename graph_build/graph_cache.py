"""Lookups derived from an embedded graph, built on first use and kept until the graph changes.

At 10,000 documents some embedded questions would otherwise redo the same whole-graph pass on
every call: fold every task's text for a search, sort 650,000 links to show the first 500. The
queries ask :func:`cached` for such a lookup by name; the functions that change a graph
(:mod:`graph_build.store_networkx`, :mod:`graph_build.incremental`, :mod:`graph_build.analytics`)
call :func:`forget`. A graph changed behind their back is caught by its node count, the one
size networkx keeps for free.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx

T = TypeVar("T")

_entries: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, dict[str, Any]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()  # the explorer serves several sessions from one graph


def cached(graph: nx.MultiDiGraph, name: str, build: Callable[[nx.MultiDiGraph], T]) -> T:
    """The lookup ``name`` of ``graph``, made by ``build(graph)`` the first time it is asked for."""
    with _lock:
        stamp, lookups = _entries.get(graph, (-1, {}))
        if stamp != len(graph):
            lookups = {}
            _entries[graph] = (len(graph), lookups)
        if name in lookups:
            return lookups[name]
    value = build(graph)
    with _lock:
        _entries.setdefault(graph, (len(graph), {}))[1][name] = value
    return value


def forget(graph: nx.MultiDiGraph) -> None:
    """Drop every lookup of ``graph`` (call after changing it)."""
    with _lock:
        _entries.pop(graph, None)
