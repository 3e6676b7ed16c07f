"""Whole-corpus figures computed when the graph is made, and stored on its nodes.

Besides unit communities (below): each indicator's coverage (tasks, documents and lead units) and
each reform's reach (tasks, documents, jurisdictions), which otherwise mean joining 100,000s of
relationships per question (0.7 to 1.2 s on Neo4j at 10,000 documents). Adding a document
updates the figures of what it touches.

Louvain communities need the whole unit network. Asked per question they cost seconds at 10,000
documents on either backend (the unit network is pulled into Python; Neo4j Community has no GDS),
so the build computes them once and stores ``community`` and ``partners`` on every Unit node. Both
backends read the stored values, so they agree by construction; questions scoped to one document
still compute theirs on the spot (one document's network is small).

The co-assignment network links two units when they hold (lead or assist) a task together; the
weight is the number of such tasks. Collective and redacted holders (所属各单位, (略)) are left
out: they would join every community.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from graph_build.graph_cache import forget
from graph_build.model import UNRANKED_KINDS, Label, Rel

SEED = 42
ANNOTATED = "analytics"  # graph attribute: units carry communities, indicators their coverage
ROLE_TYPES = (Rel.LEADS.value, Rel.ASSISTS.value)
_UNRANKED = frozenset(kind.value for kind in UNRANKED_KINDS)


def ranked_units_of_task(graph: nx.MultiDiGraph, task: str, include_collective: bool = False) -> list[str]:
    """The units holding ``task`` (any role), sorted, collective holders left out unless asked."""
    units = {
        unit
        for unit, keyed in graph._pred[task].items()
        if any(key in ROLE_TYPES for key in keyed)
        and (include_collective or graph.nodes[unit].get("kind") not in _UNRANKED)
    }
    return sorted(units)


def co_assignment_rows(
    graph: nx.MultiDiGraph, *, document: str | None = None, include_collective: bool = False
) -> list[dict[str, Any]]:
    """``source < target`` rows of the co-assignment network with names and weights (the shape
    the Cypher projection returns, so both backends feed :func:`projection` the same rows)."""
    shared: Counter[tuple[str, str]] = Counter()
    for task, data in graph.nodes(data=True):
        if data.get("label") != Label.TASK:
            continue
        if document is not None and data.get("document_id") != document:
            continue
        shared.update(combinations(ranked_units_of_task(graph, task, include_collective), 2))
    nodes = graph.nodes
    return [
        {
            "source": a,
            "source_name": nodes[a]["name"],
            "source_jurisdiction": nodes[a]["jurisdiction"],
            "target": b,
            "target_name": nodes[b]["name"],
            "target_jurisdiction": nodes[b]["jurisdiction"],
            "weight": weight,
        }
        for (a, b), weight in shared.items()
    ]


def projection(rows: Iterable[dict[str, Any]]) -> nx.Graph:
    """The weighted unit graph of ``source < target`` rows, nodes and edges added in sorted order.

    Louvain visits nodes and neighbours in insertion order, so this order is what makes the
    communities the same whichever backend the rows came from.
    """
    nodes: dict[str, tuple[str, str]] = {}
    edges: dict[tuple[str, str], int] = {}
    for row in rows:
        nodes[row["source"]] = (row["source_name"], row["source_jurisdiction"])
        nodes[row["target"]] = (row["target_name"], row["target_jurisdiction"])
        a, b = sorted((row["source"], row["target"]))  # Python's order, whatever Cypher's was
        edges[a, b] = row["weight"]
    P = nx.Graph()
    for node in sorted(nodes):
        P.add_node(node, name=nodes[node][0], jurisdiction=nodes[node][1])
    for (a, b), weight in sorted(edges.items()):
        P.add_edge(a, b, weight=weight)
    return P


def community_numbers(P: nx.Graph) -> dict[str, int]:
    """Louvain communities (seed 42) of ``P``, numbered from 1 by size (desc), then smallest id."""
    found = nx.community.louvain_communities(P, weight="weight", seed=SEED)
    ordered = sorted((sorted(c) for c in found), key=lambda members: (-len(members), members[0]))
    return {unit: number for number, members in enumerate(ordered, start=1) for unit in members}


def annotate(graph: nx.MultiDiGraph) -> None:
    """Store every whole-corpus figure: unit communities, indicator coverage, reform reach."""
    annotate_communities(graph)
    annotate_coverage(graph)
    annotate_reach(graph)
    graph.graph[ANNOTATED] = True


def annotate_communities(graph: nx.MultiDiGraph) -> None:
    """Store ``community`` (None without a partner) and ``partners`` on every Unit node."""
    forget(graph)
    P = projection(co_assignment_rows(graph))
    numbers = community_numbers(P)
    for unit, data in graph.nodes(data=True):
        if data.get("label") == Label.UNIT:
            data["community"] = numbers.get(unit)
            data["partners"] = P.degree(unit) if unit in P else 0


def is_annotated(graph: nx.MultiDiGraph) -> bool:
    """Whether ``graph`` carries the stored figures (graphs made by hand or by an old build don't)."""
    return bool(graph.graph.get(ANNOTATED))


def place_units(graph: nx.MultiDiGraph, units: Iterable[str]) -> None:
    """Update ``partners`` of ``units`` after one document changed, and give a unit without a
    community the one most of its partners' shared tasks belong to (a new number if none has one).

    Louvain is not rerun: one document barely moves the corpus' communities, and rerunning would
    cost seconds per upload. ``reformkg build`` recomputes them all.
    """
    forget(graph)
    units = sorted(u for u in set(units) if u in graph and graph.nodes[u].get("label") == Label.UNIT)
    if not units:
        return
    highest = max(
        (d.get("community") or 0 for _, d in graph.nodes(data=True) if d.get("label") == Label.UNIT)
    )
    for unit in units:
        data = graph.nodes[unit]
        if data.get("kind") in _UNRANKED:
            data["community"], data["partners"] = None, 0
            continue
        # a unit keeps its community once given, even without partners for now (rows need them)
        weights: Counter[str] = Counter()
        for task, keyed in graph._succ[unit].items():
            if any(key in ROLE_TYPES for key in keyed):
                weights.update(u for u in ranked_units_of_task(graph, task) if u != unit)
        data["partners"] = len(weights)
        if weights and data.get("community") is None:
            votes: Counter[int] = Counter()
            for partner, weight in weights.items():
                if (number := graph.nodes[partner].get("community")) is not None:
                    votes[number] += weight
            if votes:
                data["community"] = min(votes, key=lambda n: (-votes[n], n))
            else:
                highest += 1
                data["community"] = highest


def units_around(graph: nx.MultiDiGraph, doc_id: str) -> set[str]:
    """Every unit with a role on a task of ``doc_id``, and every unit sharing a task with one:
    the units whose community figures a change to that document can move."""
    units: set[str] = set()
    for task, data in graph.nodes(data=True):
        if data.get("label") == Label.TASK and data.get("document_id") == doc_id:
            units.update(ranked_units_of_task(graph, task, include_collective=True))
    partners = {
        other
        for unit in units
        for task, keyed in graph._succ[unit].items()
        if any(key in ROLE_TYPES for key in keyed)
        for other in ranked_units_of_task(graph, task, include_collective=True)
    }
    return units | partners


TOP_LEADS = 5


def indicator_coverage(graph: nx.MultiDiGraph, indicator: str) -> dict[str, Any]:
    """How the corpus covers ``indicator``: tasks targeting it, their documents, the ranked units
    leading them (how many, and the five leading most, as ``[id, name, tasks led]``)."""
    tasks = [task for task, keyed in graph._pred[indicator].items() if Rel.TARGETS.value in keyed]
    led: Counter[str] = Counter()
    for task in tasks:
        for unit, keyed in graph._pred[task].items():
            if Rel.LEADS.value in keyed and graph.nodes[unit].get("kind") not in _UNRANKED:
                led[unit] += 1
    top = sorted(led.items(), key=lambda item: (-item[1], item[0]))[:TOP_LEADS]
    return {
        "tasks": len(tasks),
        "documents": len({graph.nodes[task].get("document_id") for task in tasks}),
        "lead_units": len(led),
        "top_leads": [[unit, graph.nodes[unit]["name"], count] for unit, count in top],
    }


def annotate_coverage(graph: nx.MultiDiGraph, indicators: Iterable[str] | None = None) -> None:
    """Store ``coverage`` (see :func:`indicator_coverage`) on ``indicators`` (default: all)."""
    forget(graph)
    if indicators is None:
        indicators = [n for n, d in graph.nodes(data=True) if d.get("label") == Label.INDICATOR]
    for indicator in indicators:
        if indicator in graph and graph.nodes[indicator].get("label") == Label.INDICATOR:
            graph.nodes[indicator]["coverage"] = indicator_coverage(graph, indicator)


def reform_reach(graph: nx.MultiDiGraph, reform: str) -> dict[str, Any]:
    """How far ``reform`` reaches: tasks advancing it, their documents, and those documents'
    jurisdictions (sorted)."""
    tasks = [task for task, keyed in graph._pred[reform].items() if Rel.ADVANCES.value in keyed]
    documents = {graph.nodes[task].get("document_id") for task in tasks}
    places = sorted({graph.nodes[d].get("jurisdiction", "") for d in documents if d in graph})
    return {"tasks": len(tasks), "documents": len(documents), "jurisdictions": places}


def annotate_reach(graph: nx.MultiDiGraph, reforms: Iterable[str] | None = None) -> None:
    """Store ``reach`` (see :func:`reform_reach`) on ``reforms`` (default: all)."""
    forget(graph)
    if reforms is None:
        reforms = [n for n, d in graph.nodes(data=True) if d.get("label") == Label.REFORM]
    for reform in reforms:
        if reform in graph and graph.nodes[reform].get("label") == Label.REFORM:
            graph.nodes[reform]["reach"] = reform_reach(graph, reform)


def targets_of_document(graph: nx.MultiDiGraph, doc_id: str, rel: Rel) -> set[str]:
    """The nodes tasks of ``doc_id`` point at with ``rel`` (indicators for TARGETS, reforms for
    ADVANCES)."""
    return {
        target
        for task, data in graph.nodes(data=True)
        if data.get("label") == Label.TASK and data.get("document_id") == doc_id
        for target, keyed in graph._succ[task].items()
        if rel.value in keyed
    }
