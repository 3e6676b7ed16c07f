"""indicator_coverage on the seeds graph and on a small hand-built graph."""

from __future__ import annotations

import networkx as nx
import pytest

from queries import Embedded, Neo4j, get_query

QUERY = get_query("indicator_coverage")
SONGSHAN = "doc:d108c0a37799"


def _run(G: nx.MultiDiGraph, **params: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(params))


def test_all_indicators_busiest_first(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph)
    assert len(rows) == 18 and not any(r.uncovered for r in rows)
    first = rows[0]
    assert (first.indicator_id, first.name, first.tasks, first.documents) == (
        "indicator:government_services",
        "政务服务",
        32,
        5,
    )
    assert first.top_lead_names[:2] == ("市审批局", "区科创营商局")
    assert [(-r.tasks, r.indicator_id) for r in rows] == sorted((-r.tasks, r.indicator_id) for r in rows)
    assert rows[-1].indicator_id == "indicator:protecting_minority_investors" and rows[-1].tasks == 1
    assert all(len(r.top_lead_ids) <= 5 and len(r.top_lead_ids) == len(r.top_lead_names) for r in rows)
    # same name in two cities: the ids tell them apart
    trade = next(r for r in rows if r.indicator_id == "indicator:trading_across_borders")
    assert trade.top_lead_names.count("市商务局") == 2
    assert trade.top_lead_ids[0] == "unit:石嘴山市:市商务局"


def test_redacted_leads_only_when_asked(seeds_graph: nx.MultiDiGraph) -> None:
    def contracts(rows: list):
        return next(r for r in rows if r.indicator_id == "indicator:enforcing_contracts")

    plain = contracts(_run(seeds_graph))
    assert (plain.tasks, plain.lead_units, plain.top_lead_names) == (11, 2, ("区政法委", "局社稳办"))
    wide = contracts(_run(seeds_graph, include_collective="true"))
    assert wide.lead_units == 3 and wide.top_lead_ids[0] == "unit:石嘴山市:市(略)"


def test_a_document_leaves_gaps(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _run(seeds_graph, document=SONGSHAN)
    assert len(rows) == 18
    assert [r.indicator_id for r in rows if r.uncovered] == [
        "indicator:bidding_tendering",
        "indicator:getting_electricity",
        "indicator:government_procurement",
        "indicator:labor_market_regulation",
        "indicator:paying_taxes",
        "indicator:protecting_minority_investors",
        "indicator:resolving_insolvency",
        "indicator:trading_across_borders",
    ]
    assert rows[0].indicator_id == "indicator:government_services" and rows[0].tasks == 8
    assert all(r.documents == (0 if r.uncovered else 1) for r in rows)
    assert all(r.lead_units == 0 and r.top_lead_ids == () for r in rows if r.uncovered)


def test_top_leads_capped_and_ties_by_id() -> None:
    G = nx.MultiDiGraph()
    G.add_node("indicator:paying_taxes", label="Indicator", name="纳税", en="Paying Taxes")
    G.add_node("indicator:getting_credit", label="Indicator", name="获得信贷", en="Getting Credit")
    for n in range(3):
        G.add_node(f"task:t{n}", label="Task", title=str(n), document_id=f"doc:{n % 2}")
        G.add_edge(f"task:t{n}", "indicator:paying_taxes", key="TARGETS", type="TARGETS")
    for name in "gfedcba":
        G.add_node(f"unit:甲:{name}", label="Unit", name=name, jurisdiction="甲", kind="department")
        G.add_edge(f"unit:甲:{name}", "task:t0", key="LEADS", type="LEADS")
    G.add_edge("unit:甲:g", "task:t1", key="LEADS", type="LEADS")
    G.add_edge("unit:甲:f", "task:t1", key="ASSISTS", type="ASSISTS")
    taxes, credit = _run(G)
    assert (taxes.tasks, taxes.documents, taxes.lead_units) == (3, 2, 7)
    assert taxes.top_lead_names == ("g", "a", "b", "c", "d")
    assert (credit.tasks, credit.uncovered, credit.top_lead_ids) == (0, True, ())


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "params",
    [
        {"document": SONGSHAN},
        {"include_collective": "true"},
        {"document": "doc:86679cf61def", "include_collective": "true"},
    ],
)
def test_parity_with_parameters(
    params: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    parsed = QUERY.parse_params(params)
    assert QUERY.run(neo4j_seeds, parsed) == QUERY.run(Embedded(seeds_graph), parsed)
