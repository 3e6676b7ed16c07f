"""unassigned_or_vague on the seeds graph and on a small hand-built graph."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, Neo4j, get_query

QUERY = get_query("unassigned_or_vague")
WUHAN_REPORT = "doc:86679cf61def"
SHIZUISHAN = "doc:b364ab0630a6"


def _run(G: nx.MultiDiGraph, **params: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(params))


def test_seed_tasks_flagged(seeds_graph: nx.MultiDiGraph) -> None:
    assert Counter(r.reason for r in _run(seeds_graph)) == {"redacted_only": 9, "many_coleads": 6}
    rows = _run(seeds_graph, include_measures="true")
    assert Counter(r.reason for r in rows) == {"no_lead": 16, "redacted_only": 9, "many_coleads": 6}
    assert [r.reason for r in rows] == sorted(
        (r.reason for r in rows), key=("no_lead", "collective_only", "redacted_only", "many_coleads").index
    )
    # the report's measures name no unit at all
    assert {r.document_id for r in rows if r.reason == "no_lead"} == {WUHAN_REPORT}
    assert rows[0].task_id == "task:86679cf61def:1.m1" and rows[0].title == "强化组织领导"
    redacted = [r for r in rows if r.reason == "redacted_only"]
    assert [r.task_id for r in redacted] == [f"task:b364ab0630a6:2.12.{n}" for n in range(1, 10)]
    assert {r.lead_names for r in redacted} == {("市(略)",)}
    many = [(r.task_id, r.leads) for r in rows if r.reason == "many_coleads"]
    assert many == [
        ("task:a39044ea9969:2.23", 5),
        ("task:a39044ea9969:2.5", 4),
        ("task:a39044ea9969:2.7", 7),
        ("task:b364ab0630a6:2.13.4", 5),
        ("task:b364ab0630a6:2.14.5", 5),
        ("task:b364ab0630a6:2.2.11", 7),
    ]


def test_section_leads_count(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph, document=SHIZUISHAN, max_coleads="10")
    # 36.提升财产登记质效 has only its section's lead (市自然资源局牵头): it is not unassigned
    assert "task:b364ab0630a6:2.6.1" not in {r.task_id for r in rows}
    assert {r.reason for r in rows} == {"redacted_only"}
    # 深化公共服务: four own leads and the section's 市发改委
    public = next(r for r in _run(seeds_graph, reason="many_coleads") if r.task_id.endswith(":2.14.5"))
    assert "市发改委" in public.lead_names and public.leads == 5


def test_filters_and_params(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph, reason="many_coleads", max_coleads="4")
    assert "task:a39044ea9969:2.5" not in {r.task_id for r in rows} and len(rows) == 5
    assert _run(seeds_graph, document=WUHAN_REPORT) == []  # a report's measures are not tasks to assign
    wuhan = _run(seeds_graph, document=WUHAN_REPORT, include_measures="true")
    assert {r.document_id for r in wuhan} == {WUHAN_REPORT}
    assert _run(seeds_graph, document="doc:d108c0a37799") == []
    with pytest.raises(QueryParamError, match="reason"):
        QUERY.parse_params({"reason": "nobody"})
    with pytest.raises(QueryParamError, match="max_coleads"):
        QUERY.parse_params({"max_coleads": "0"})


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    units = {"all": "collective", "hidden": "redacted", "dept": "department", "other": "collective"}
    for name, kind in units.items():
        G.add_node(f"unit:甲:{name}", label="Unit", name=name, jurisdiction="甲", kind=kind)
    leads = {
        "t1": ["all"],  # collective_only
        "t2": ["all", "hidden"],  # no legible lead: collective_only
        "t3": ["all", "dept"],  # one department: fine
        "t4": ["all", "other", "hidden"],  # collective_only and, above max_coleads=2, many_coleads
        "t5": [],  # no_lead, although a unit assists
    }
    for task, names in leads.items():
        G.add_node(f"task:{task}", label="Task", title=task, document_id="doc:x")
        for name in names:
            G.add_edge(f"unit:甲:{name}", f"task:{task}", key="LEADS", type="LEADS")
    G.add_edge("unit:甲:dept", "task:t5", key="ASSISTS", type="ASSISTS")
    return G


def test_collective_only_and_two_reasons() -> None:
    rows = _run(_toy(), max_coleads="2")
    assert [(r.reason, r.task_id, r.leads) for r in rows] == [
        ("no_lead", "task:t5", 0),
        ("collective_only", "task:t1", 1),
        ("collective_only", "task:t2", 2),
        ("collective_only", "task:t4", 3),
        ("many_coleads", "task:t4", 3),
    ]
    assert rows[3].lead_names == ("all", "hidden", "other")


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "params",
    [
        {"document": SHIZUISHAN},
        {"reason": "many_coleads", "max_coleads": "2"},
        {"max_coleads": "1"},
        {"include_measures": "true"},
    ],
)
def test_parity_with_parameters(
    params: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    parsed = QUERY.parse_params(params)
    assert QUERY.run(neo4j_seeds, parsed) == QUERY.run(Embedded(seeds_graph), parsed)
