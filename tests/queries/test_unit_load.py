"""unit_load on the seeds graph."""

from __future__ import annotations

import networkx as nx

from queries import Embedded, get_query

QUERY = get_query("unit_load")


def test_busiest_units_first_and_collectives_left_out(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(Embedded(seeds_graph))
    assert rows[0].unit_id == "unit:石嘴山市:市审批局"
    assert (rows[0].led, rows[0].documents) == (31, 1)
    assert all(r.kind not in ("collective", "redacted") for r in rows)
    assert [r.total for r in rows] == sorted((r.total for r in rows), reverse=True)


def test_collectives_on_request(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(
        Embedded(seeds_graph), QUERY.parse_params({"include_collective": "true", "limit": "500"})
    )
    assert "unit:石嘴山市:各县区政府" in {r.unit_id for r in rows}


def test_filters_narrow_the_ranking(seeds_graph: nx.MultiDiGraph) -> None:
    rows = QUERY.run(
        Embedded(seeds_graph), QUERY.parse_params({"jurisdiction": "鄂州市", "unit_type": "发展改革"})
    )
    assert [(r.name, r.led) for r in rows] == [("市发改委", 11)]
