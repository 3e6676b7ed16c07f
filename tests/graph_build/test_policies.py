"""Cited policies: titles, document numbers, what a document implements, what a task produces."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_build.model import Label
from graph_build.pipeline import build_graph, extract_text
from graph_build.policies import find_titles, normalise_title
from tests.conftest import RAW


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph([RAW], overrides_path=None).graph


def policy(graph: nx.MultiDiGraph, title: str) -> str:
    (node,) = [n for n, d in graph.nodes(data=True) if d["label"] == Label.POLICY and d["name"] == title]
    return node


def relations(graph: nx.MultiDiGraph, node: str) -> set[tuple[str, str]]:
    return {(s.split(":")[0], k) for s, _, k in graph.in_edges(node, keys=True)}


def test_plan_implements_the_city_plan_and_its_first_task_drafts_it(graph: nx.MultiDiGraph) -> None:
    node = policy(graph, "鄂州市持续深化一流营商环境建设2022年行动方案")
    assert relations(graph, node) == {("doc", "IMPLEMENTS"), ("task", "PRODUCES")}


def test_traditional_citation_gets_its_document_number(graph: nx.MultiDiGraph) -> None:
    node = policy(graph, "锦州市优化营商环境行动方案")
    assert graph.nodes[node]["doc_numbers"] == ["锦委发﹝2020﹞13号"]
    assert ("doc", "IMPLEMENTS") in relations(graph, node)


def test_nested_title_is_one_policy(graph: nx.MultiDiGraph) -> None:
    node = policy(graph, "中共鄂州市委办公室关于印发《鄂州市作风建设“三问三治三提升”行动方案》的通知")
    assert graph.nodes[node]["doc_numbers"] == ["鄂州办发〔2022〕2号"]


def test_a_document_citing_its_own_draft_does_not_cite_itself(graph: nx.MultiDiGraph) -> None:
    names = {d["name"] for _, d in graph.nodes(data=True) if d["label"] == Label.POLICY}
    assert not any("征求意见稿" in n or n == "方案" for n in names)


def test_one_policy_node_however_many_documents_cite_it() -> None:
    first = "甲市2022年工作方案\n为贯彻落实《优化营商环境条例》,制定本方案。\n一、任务\n(一)推进。(牵头单位:甲市审批局)"  # noqa: E501
    second = (
        "乙市2022年工作方案\n根据《优化營商環境條例》,制定本方案。\n一、任务\n(一)推进。(牵头单位:乙市审批局)"
    )
    from graph_build.store_networkx import graph_from_extractions

    graph = graph_from_extractions([extract_text(first, "a.txt"), extract_text(second, "b.txt")])
    node = policy(graph, "优化营商环境条例")
    assert [k for _, _, k in graph.in_edges(node, keys=True)] == ["IMPLEMENTS", "IMPLEMENTS"]


def test_title_normalisation() -> None:
    assert normalise_title("关于印发〈某某方案〉的通知") == "关于印发《某某方案》的通知"
    assert normalise_title("某市行动方案(征求意见稿)") == "某市行动方案"
    assert [m.title for m in find_titles("现将该《方案(征求意见稿)》公布")] == []
