"""Pieces several queries share: role lookups on the embedded graph and default parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.graph_cache import cached
from graph_build.model import UNRANKED_KINDS, Label, Rel

if TYPE_CHECKING:
    from neo4j import Driver

UNRANKED = sorted(kind.value for kind in UNRANKED_KINDS)
ROLE_TYPES = (Rel.LEADS.value, Rel.ASSISTS.value)


def nodes_with_label(G: nx.MultiDiGraph, label: Label) -> Iterator[tuple[str, dict[str, Any]]]:
    for node, data in G.nodes(data=True):
        if data.get("label") == label:
            yield node, data


# The helpers below read networkx's adjacency dicts (``_succ``/``_pred``) directly: the public edge
# views build a view object per call, which at 100k tasks costs more than the lookups themselves
# (``G.in_edges(task, keys=True)`` is about five times slower than walking ``G._pred[task]``).


def out_edges(G: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(target, key, data)`` of every edge leaving ``node``."""
    for target, keyed in G._succ[node].items():
        for key, data in keyed.items():
            yield target, key, data


def in_edges(G: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(source, key, data)`` of every edge into ``node``."""
    for source, keyed in G._pred[node].items():
        for key, data in keyed.items():
            yield source, key, data


def all_edges(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(source, target, key, data)`` of every edge, as ``G.edges(keys=True, data=True)``."""
    for source, targets in G._succ.items():
        for target, keyed in targets.items():
            for key, data in keyed.items():
                yield source, target, key, data


def _roles(G: nx.MultiDiGraph) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    by_unit: dict[str, list[tuple[str, str]]] = {}
    by_task: dict[str, list[tuple[str, str]]] = {}
    for unit, tasks in G._succ.items():
        for task, keyed in tasks.items():
            for key in keyed:
                if key in ROLE_TYPES:
                    by_unit.setdefault(unit, []).append((task, key))
                    by_task.setdefault(task, []).append((unit, key))
    return by_unit, by_task


def roles_of_unit(G: nx.MultiDiGraph, unit: str) -> list[tuple[str, str]]:
    """``(task id, LEADS|ASSISTS)`` for every role of ``unit`` (read from a per-graph lookup:
    many questions walk every task's roles, which at 100k tasks is most of their time)."""
    return cached(G, "roles", _roles)[0].get(unit, [])


def roles_on_task(G: nx.MultiDiGraph, task: str) -> list[tuple[str, str]]:
    """``(unit id, LEADS|ASSISTS)`` for every unit on ``task``."""
    return cached(G, "roles", _roles)[1].get(task, [])


def ranked(kind: str, include_unranked: bool) -> bool:
    return include_unranked or kind not in UNRANKED


# The busiest unit: most roles, then most leads, then the smallest id; collective and redacted
# holders are not candidates. Both backends pick the same one.
BUSIEST_UNIT_CYPHER = """
MATCH (u:Unit)
WHERE NOT u.kind IN $unranked
WITH u, COUNT { (u)-[:LEADS|ASSISTS]->() } AS roles, COUNT { (u)-[:LEADS]->() } AS led
WHERE roles > 0
RETURN u.id AS id ORDER BY roles DESC, led DESC, id ASC LIMIT 1
"""


def busiest_unit_networkx(G: nx.MultiDiGraph) -> str | None:
    best: tuple[int, int, str] | None = None
    for unit, data in nodes_with_label(G, Label.UNIT):
        if data["kind"] in UNRANKED:
            continue
        keys = [k for _, k in roles_of_unit(G, unit)]
        if not keys:
            continue
        key = (-len(keys), -keys.count(Rel.LEADS.value), unit)
        best = key if best is None or key < best else best
    return best[2] if best else None


def busiest_unit_neo4j(driver: Driver, *, database: str) -> str | None:
    from graph_build.store_neo4j import read_rows

    rows = read_rows(driver, BUSIEST_UNIT_CYPHER, database=database, unranked=UNRANKED)
    return rows[0]["id"] if rows else None


def round4(value: float) -> float:
    """Ratios rounded the same way on both backends, so rows compare exactly."""
    return round(value + 0.0, 4)
