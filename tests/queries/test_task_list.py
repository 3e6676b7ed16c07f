"""task_list: tasks by document, indicator, unit and deadline range."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, get_query

QUERY = get_query("task_list")
EZHOU = "doc:a39044ea9969"


def _tasks(G: nx.MultiDiGraph, **params: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params(params))


def test_one_document_in_document_order(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _tasks(seeds_graph, document=EZHOU)
    assert len(rows) == 29
    assert [r.number for r in rows[:3]] == ["(一)", "(二)", "(三)"]
    assert rows[2].title == "持续提高办电效率" and "获得电力" in rows[2].indicators


def test_unit_and_deadline_range(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _tasks(seeds_graph, unit="unit:鄂州市:市发改委", due_from="2022-01-01", due_to="2022-06-30")
    assert [(r.number, r.deadline_date) for r in rows] == [
        ("(二)", "2022-04-30"),
        ("(三)", "2022-04-30"),
        ("(五)", "2022-03-31"),
    ]
    assert all("市发改委" in r.leads for r in rows)


def test_indicator_filter(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _tasks(seeds_graph, indicator="indicator:getting_electricity")
    assert rows and all("获得电力" in r.indicators for r in rows)
    assert len({r.document_id for r in rows}) >= 3


def test_bad_date_is_named(seeds_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryParamError, match="due_from"):
        _tasks(seeds_graph, due_from="2022年")


def test_unmapped_tasks(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _tasks(seeds_graph, no_indicator="true")
    assert rows and all(r.indicators == () for r in rows)
    mapped = {r.task_id for r in _tasks(seeds_graph) if r.indicators}
    assert not mapped & {r.task_id for r in rows}
