"""task_detail: one task with its provenance, on the seeds graph and the hand-built linked graph."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.errors import QueryParamError
from queries import Embedded, get_query
from tests.conftest import RAW

QUERY = get_query("task_detail")
ELECTRICITY = "task:a39044ea9969:2.3"  # 鄂州 (三) 持续提高办电效率


def _detail(G: nx.MultiDiGraph, task: str) -> list:
    return QUERY.run(Embedded(G), QUERY.parse_params({"task": task}))


def _source_text(name: str) -> str:
    from graph_build.decode import decode_document

    return decode_document(RAW / name).text


def test_task_head_carries_text_span_and_deadline(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _detail(seeds_graph, ELECTRICITY)
    head = rows[0]
    assert (head.section, head.name, head.number) == ("task", "持续提高办电效率", "(三)")
    assert (head.deadline_raw, head.deadline_date) == ("2022年4月底,长期推进", "2022-04-30")
    text = _source_text(head.source_file)
    assert text[head.span_start : head.span_end].startswith("(三)持续提高办电效率")


def test_every_role_points_at_the_words_it_came_from(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _detail(seeds_graph, ELECTRICITY)
    head = rows[0]
    text = _source_text(head.source_file)
    roles = [r for r in rows if r.section == "role"]
    assert roles and roles[0].relation == "LEADS"
    assert [r.relation for r in roles] == sorted((r.relation for r in roles), key=["LEADS", "ASSISTS"].index)
    for role in roles:
        assert head.span_start <= role.span_start < role.span_end <= head.span_end
        assert text[role.span_start : role.span_end] == role.detail


def test_targets_and_indicators_are_listed(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _detail(seeds_graph, ELECTRICITY)
    targets = [r for r in rows if r.section == "target"]
    assert [t.name for t in targets][:2] == ["200千瓦及以下", "1250千伏安及以下"]
    assert targets[0].basis == "getting_electricity"
    assert "indicator:getting_electricity" in {r.key for r in rows if r.section == "indicator"}


def test_links_read_from_both_ends_with_basis(seeds_graph: nx.MultiDiGraph) -> None:
    needs_platform = {r.key: r for r in _detail(seeds_graph, "task:a39044ea9969:2.11") if r.section == "link"}
    assert needs_platform["task:a39044ea9969:2.12"].relation == "depends_on"
    assert needs_platform["task:a39044ea9969:2.12"].basis == "prerequisite_rule"
    platform = {r.key: r for r in _detail(seeds_graph, "task:a39044ea9969:2.12") if r.section == "link"}
    assert platform["task:a39044ea9969:2.11"].relation == "depended_on_by"
    drafted = {r.key: r for r in _detail(seeds_graph, "task:a39044ea9969:2.1") if r.section == "link"}
    assert drafted["doc:a39044ea9969"].relation == "depended_on_by"  # the plan implements what (一) drafts


def test_sub_items_are_listed_under_their_task(seeds_graph: nx.MultiDiGraph) -> None:
    rows = _detail(seeds_graph, "task:b364ab0630a6:2.14.6")
    assert [r.key for r in rows if r.section == "subtask"] == [
        "task:b364ab0630a6:2.14.6.1",
        "task:b364ab0630a6:2.14.6.2",
        "task:b364ab0630a6:2.14.6.3",
    ]


def test_sections_come_in_a_fixed_order(linked_graph: nx.MultiDiGraph) -> None:
    from queries.task_detail import SECTIONS

    for task in [n for n, d in linked_graph.nodes(data=True) if d.get("label") == "Task"]:
        sections = [r.section for r in _detail(linked_graph, task)]
        assert sections[0] == "task"
        assert sections == sorted(sections, key=SECTIONS.index)


def test_unknown_task_is_named(seeds_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryParamError, match="task:nope"):
        _detail(seeds_graph, "task:nope")


def test_default_is_the_most_connected_task(seeds_graph: nx.MultiDiGraph) -> None:
    graph = seeds_graph
    rows = QUERY.run(Embedded(graph))
    tasks = [n for n, d in graph.nodes(data=True) if d["label"] == "Task"]
    assert graph.degree(rows[0].task_id) == max(graph.degree(t) for t in tasks)
