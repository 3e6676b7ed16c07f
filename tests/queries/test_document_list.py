"""document_list on the seeds graph: metadata and warnings per source document."""

from __future__ import annotations

import networkx as nx

from queries import Embedded, get_query

QUERY = get_query("document_list")


def _rows(G: nx.MultiDiGraph, **params: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(params))


def test_every_seed_is_listed_with_its_metadata(seeds_graph: nx.MultiDiGraph) -> None:
    rows = {r.source_file[:3]: r for r in _rows(seeds_graph)}
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    assert (rows["000"].jurisdiction, rows["000"].year, rows["000"].doc_numbers) == (
        "鄂州市",
        2022,
        ("鄂州办发〔2022〕2号",),
    )
    assert (rows["002"].script, rows["002"].parent_jurisdiction) == ("traditional", "锦州市")
    assert rows["001"].doc_type == "report"
    assert rows["004"].year == 2023  # the plan year, not the mistaken 2022 date
    assert rows["004"].task_count == 76


def test_warnings_travel_with_their_document(seeds_graph: nx.MultiDiGraph) -> None:
    rows = {r.source_file[:3]: r for r in _rows(seeds_graph)}
    for row in rows.values():
        assert len(row.warnings) == row.warning_count
    assert any(w.startswith("repeated_text: ") for w in rows["004"].warnings)
    assert rows["002"].warnings == ()


def test_filters_by_parent_jurisdiction_and_type(seeds_graph: nx.MultiDiGraph) -> None:
    in_hubei = _rows(seeds_graph, jurisdiction="湖北省")
    assert sorted(r.jurisdiction for r in in_hubei) == ["武汉市", "鄂州市"]
    assert [r.jurisdiction for r in _rows(seeds_graph, jurisdiction="湖北省", doc_type="plan")] == ["鄂州市"]
    assert _rows(seeds_graph, jurisdiction="上海市") == []
