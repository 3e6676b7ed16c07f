"""deadline_timeline on the seeds graph and on a hand-built graph."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, Neo4j, get_query

QUERY = get_query("deadline_timeline")
EZHOU = "doc:a39044ea9969"  # 市发改委2022年优化营商环境工作方案 (seed 000)


def test_months_in_order_with_ongoing_and_none_last(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph))
    assert [r.month for r in rows] == [
        "2021-04", "2021-05", "2021-06", "2021-08", "2021-10", "2021-12",
        "2022-03", "2022-04", "2022-05", "2022-07", "2022-08", "2022-10", "2022-12",
        "ongoing", "none",
    ]  # fmt: skip
    by_month = {r.month: r for r in rows}
    # seed 002 (松山新区, traditional): 24 × 完成時限:2021年12月底 and one bare "2021年12月底)".
    assert by_month["2021-12"].tasks == 25
    assert by_month["2021-10"].tasks == 8
    # seed 000: 14 × 完成时限:及时推进,长期坚持/推进; seeds 001, 003, 004 give no deadlines.
    assert (by_month["ongoing"].tasks, by_month["none"].tasks) == (14, 116)
    assert sum(r.tasks for r in rows) == 182


def test_default_as_of_is_the_end_of_the_latest_document_year(seeds_graph: nx.MultiDiGraph) -> None:
    # The latest plans are of 2023 (seeds 003, 004): every dated deadline (2021, 2022) is overdue.
    default = QUERY.run(Embedded(seeds_graph))
    assert default == QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"as_of": "2023-12-31"}))
    assert all(r.overdue == r.tasks for r in default if r.month[:1] == "2")
    assert all(r.overdue == 0 for r in default if r.month in ("ongoing", "none"))


def test_overdue_counts_deadlines_strictly_before_as_of(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"as_of": "2021-12-31"}))
    overdue = {r.month: r.overdue for r in rows}
    assert overdue["2021-10"] == 8
    assert overdue["2021-12"] == 0  # due 2021-12-31, not before it
    assert overdue["2022-07"] == 0


def test_deadline_before_the_plan_year_is_an_anomaly(seeds_graph: nx.MultiDiGraph) -> None:
    # Seed 000 is a 2022 plan, yet its first task says 完成时限:2021年4月.
    rows = QUERY.run(Embedded(seeds_graph))
    anomalous = [(r.month, r.anomalies, r.anomaly_ids) for r in rows if r.anomalies]
    assert anomalous == [("2021-04", 1, ("task:a39044ea9969:2.1",))]


def test_document_filter_narrows(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"document": EZHOU}))
    assert {r.month: r.tasks for r in rows} == {
        "2021-04": 1, "2022-03": 1, "2022-04": 2, "2022-05": 1, "2022-07": 4,
        "2022-08": 2, "2022-10": 2, "2022-12": 2, "ongoing": 14,
    }  # fmt: skip
    assert QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"document": "doc:none"})) == []


def test_as_of_must_be_an_iso_date(seeds_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryParamError, match="as_of"):
        QUERY.run(Embedded(seeds_graph), QUERY.parse_params({"as_of": "2021年12月"}))
    assert QUERY.parse_params({"as_of": "none"}).as_of is None


def test_kinds_without_a_date_and_documents_without_a_year() -> None:
    G = nx.MultiDiGraph()
    G.add_node("doc:a", label="Policy", is_source=True, year=None)
    G.add_node("policy:cited", label="Policy", is_source=False)
    tasks = {
        "task:a:1": {"deadline_date": "2020-05-31", "deadline_kind": "due"},
        "task:a:2": {"deadline_kind": "due_and_ongoing"},
        "task:a:3": {"deadline_kind": "unparsed", "deadline_raw": "尽快"},
        "task:a:4": {},
    }
    for task, attrs in tasks.items():
        G.add_node(task, label="Task", document_id="doc:a", **attrs)
    rows = QUERY.run(Embedded(G))
    # No document year: no default as_of (nothing overdue) and no anomaly.
    assert [(r.month, r.tasks, r.overdue, r.anomalies) for r in rows] == [
        ("2020-05", 1, 0, 0),
        ("ongoing", 1, 0, 0),
        ("none", 2, 0, 0),
    ]
    rows = QUERY.run(Embedded(G), QUERY.parse_params({"as_of": "2020-06-01"}))
    assert rows[0].overdue == 1


@pytest.mark.neo4j
@pytest.mark.parametrize("pairs", [{"as_of": "2021-12-31"}, {"document": EZHOU}, {"as_of": "20220701"}])
def test_same_rows_on_neo4j_with_parameters(
    pairs: dict[str, str], seeds_graph: nx.MultiDiGraph, neo4j_seeds: Neo4j
) -> None:
    params = QUERY.parse_params(pairs)
    assert QUERY.run(neo4j_seeds, params) == QUERY.run(Embedded(seeds_graph), params)
