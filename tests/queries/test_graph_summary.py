"""graph_summary on the seeds graph: the counts the overview page shows."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, get_query

QUERY = get_query("graph_summary")
SHIZUISHAN = "doc:b364ab0630a6"


def _counts(G: nx.MultiDiGraph, **params: str) -> dict[tuple[str, str], int]:
    return {(r.kind, r.key): r.count for r in QUERY.run(Embedded(G), QUERY.parse_params(params))}


def test_whole_graph_counts_agree_with_the_graph(seeds_graph: nx.MultiDiGraph) -> None:
    counts = _counts(seeds_graph)
    tasks = [n for n, d in seeds_graph.nodes(data=True) if d["label"] == "Task"]
    assert counts["label", "Document"] == 5
    assert counts["documents", "plan"] == 4 and counts["documents", "report"] == 1
    assert counts["label", "Task"] == len(tasks)
    assert counts["task_kind", "subtask"] == 3  # seed 004 item 78: (1)(2)(3) with their own units
    assert counts["task_kind", "measure"] == 16  # the Wuhan report's measures
    assert counts["label", "Indicator"] == 18  # every national indicator, covered or not
    assert (
        sum(n for (kind, _), n in counts.items() if kind == "relationship") == seeds_graph.number_of_edges()
    )


def test_vague_counts_are_those_of_unassigned_or_vague(seeds_graph: nx.MultiDiGraph) -> None:
    counts = _counts(seeds_graph)
    flagged = get_query("unassigned_or_vague").run(Embedded(seeds_graph))
    for reason in ("no_lead", "collective_only", "redacted_only", "many_coleads"):
        assert counts.get(("vague", reason), 0) == sum(1 for r in flagged if r.reason == reason)
    assert counts["vague", "redacted_only"] == 9  # seed 004's leads written as (略)
    assert ("vague", "no_lead") not in counts  # the Wuhan report's measures name no units by nature


def test_one_document_counts_only_its_tasks_and_their_edges(seeds_graph: nx.MultiDiGraph) -> None:
    counts = _counts(seeds_graph, document=SHIZUISHAN)
    assert counts["label", "Document"] == 1
    assert counts["label", "Task"] == 76
    assert counts["documents", "plan"] == 1
    assert ("documents", "report") not in counts
    own_tasks = {n for n, d in seeds_graph.nodes(data=True) if d.get("document_id") == SHIZUISHAN}
    leads = [(u, v) for u, v, k in seeds_graph.edges(keys=True) if k == "LEADS" and v in own_tasks]
    assert counts["relationship", "LEADS"] == len(leads)
    assert counts["label", "Unit"] == len(
        {u for u, _ in leads}
        | {u for u, v, k in seeds_graph.edges(keys=True) if k == "ASSISTS" and v in own_tasks}
    )


def test_unknown_document_is_named(seeds_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryParamError, match="doc:nope"):
        _counts(seeds_graph, document="doc:nope")
