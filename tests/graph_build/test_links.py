"""Links: the same reform across documents, real dependencies with their basis, never boilerplate."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graph_build.links import (
    BASIS_PLATFORM,
    BASIS_PRODUCES,
    BASIS_RULE,
    link_tasks,
    tfidf_matrix,
    top_k_neighbours,
)
from graph_build.model import Rel
from graph_build.pipeline import extract_text


def _task(graph: nx.MultiDiGraph, seed: str, path: str) -> str:
    (node,) = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("label") == "Task" and d["source_file"].startswith(seed) and d["path"] == path
    ]
    return node


def _linked(graph: nx.MultiDiGraph, a: str, b: str, rel: Rel) -> dict | None:
    for source, target in ((a, b), (b, a)):
        if graph.has_edge(source, target, key=rel.value):
            return graph.edges[source, target, rel.value]
    return None


@pytest.mark.parametrize(
    ("left", "right", "shared"),
    [
        (("002", "3.1.5"), ("004", "2.2.1"), "一件事一次办"),  # 5.深化一件事一次办 / 7.深化一件事一次办
        (("000", "2.3"), ("003", "1.3"), "获得电力"),  # (三)持续提高办电效率 / (三)获得电力
        (("000", "2.12"), ("003", "2.3"), "信用修复"),  # (十二)信用信息共享与应用 / 二(三)企业家权益保护
        (("000", "2.13"), ("003", "1.7"), "府院联动"),  # (十三)府院联动 / (七)办理破产
    ],
)
def test_same_reform_in_two_documents_is_linked_with_evidence(
    seeds_graph: nx.MultiDiGraph, left: tuple, right: tuple, shared: str
) -> None:
    edge = _linked(seeds_graph, _task(seeds_graph, *left), _task(seeds_graph, *right), Rel.SIMILAR_TO)
    assert edge is not None
    assert shared in edge["evidence"]
    assert edge["basis"] == "similarity" and 0 < edge["score"] <= 1


def test_similar_links_are_stored_once_and_only_across_documents(seeds_graph: nx.MultiDiGraph) -> None:
    for source, target, data in seeds_graph.edges(data=True):
        if data["type"] == Rel.SIMILAR_TO:
            assert source < target
            assert seeds_graph.nodes[source]["document_id"] != seeds_graph.nodes[target]["document_id"]
            assert len(data["documents"]) == 2


def test_a_plan_depends_on_the_task_that_drafts_what_it_implements(seeds_graph: nx.MultiDiGraph) -> None:
    first = _task(seeds_graph, "000", "2.1")
    document = seeds_graph.nodes[first]["document_id"]
    edge = seeds_graph.edges[document, first, Rel.DEPENDS_ON.value]
    assert edge["basis"] == BASIS_PRODUCES
    assert "鄂州市持续深化一流营商环境建设2022年行动方案" in edge["evidence"]


def test_certificate_free_services_depend_on_electronic_licences(seeds_graph: nx.MultiDiGraph) -> None:
    dependent, capability = _task(seeds_graph, "004", "2.2.12"), _task(seeds_graph, "004", "2.2.5")  # 18 / 11
    edge = seeds_graph.edges[dependent, capability, Rel.DEPENDS_ON.value]
    assert edge["basis"] == BASIS_RULE
    assert "免证办" in edge["evidence"] and "电子证照" in edge["evidence"]


def test_no_dependency_crosses_to_another_city(seeds_graph: nx.MultiDiGraph) -> None:
    for source, target, data in seeds_graph.edges(data=True):
        if data["type"] == Rel.DEPENDS_ON and data["basis"] == BASIS_RULE:
            assert seeds_graph.nodes[source]["document_id"] == seeds_graph.nodes[target]["document_id"]


CITY = (
    "襄阳市2022年优化营商环境工作方案\n一、重点任务\n"
    "(一)全面推进电子证照归集共享。建设全市电子证照库,推动电子证照归集和共享应用。(牵头单位:市数据局)\n"
    "(二)建设信用信息共享平台。升级信用信息共享平台,归集公共信用信息。(牵头单位:市发改委)\n"
)
DISTRICT = (
    "襄阳市襄城区2022年优化营商环境工作方案\n为贯彻落实《襄阳市2022年优化营商环境工作方案》,制定本方案。\n一、重点任务\n"
    "(一)推行免证办。推进高频事项免证办理,实现“一证通办”。(牵头单位:区政务服务中心)\n"
    "(二)开展信用修复。依托信用信息共享平台,为企业提供信用修复服务。(牵头单位:区发改局)\n"
)
OTHER_CITY = (
    "宜昌市2022年优化营商环境工作方案\n一、重点任务\n"
    "(一)推行免证办。推进高频事项免证办理。(牵头单位:市政务服务中心)\n"
)


@pytest.fixture(scope="module")
def chain() -> tuple[list, dict[str, str]]:
    extractions = [extract_text(text, f"{i}.txt") for i, text in enumerate((CITY, DISTRICT, OTHER_CITY))]
    places = {e.document.id: e.document.jurisdiction for e in extractions}
    return link_tasks(extractions), places


def test_district_task_depends_on_its_city_task_not_another_city(chain: tuple) -> None:
    links, places = chain
    assert sorted(places.values()) == ["宜昌市", "襄城区", "襄阳市"]
    rule_links = [link for link in links if link.basis == BASIS_RULE and "免证办" in link.evidence]
    located = {(places[link.documents[0]], places[link.documents[-1]]) for link in rule_links}
    pairs = {(link.source.rsplit(":", 1)[1], link.target.rsplit(":", 1)[1]) for link in rule_links}
    assert ("1.1", "1.1") in pairs  # 襄城区 (一)推行免证办 → 襄阳市 (一)电子证照归集共享
    assert all("宜昌市" not in pair for pair in located)


def test_the_dependency_says_why(chain: tuple) -> None:
    links, _ = chain
    repair = [link for link in links if link.basis == BASIS_RULE and "信用修复" in link.evidence]
    assert len(repair) == 1
    assert repair[0].source.endswith(":1.2") and repair[0].target.endswith(":1.2")
    assert "信用信息共享平台" in repair[0].evidence and repair[0].rule == "信用修复需要信用平台"


def test_building_on_a_platform_another_task_builds() -> None:
    plan = (
        "某县2022年工作方案\n一、任务\n(一)升级工程建设项目审批管理系统。完成系统升级改造。(牵头单位:县住建局)\n"
        "(二)推进联审联办。依托工程建设项目审批管理系统,实现并联审批。(牵头单位:县审批局)\n"
    )
    links = link_tasks([extract_text(plan, "p.txt")])
    platform = [link for link in links if link.basis == BASIS_PLATFORM]
    assert [(link.source.rsplit(":", 1)[1], link.target.rsplit(":", 1)[1]) for link in platform] == [
        ("1.2", "1.1")
    ]
    assert "工程建设项目审批管理系统" in platform[0].evidence


def test_top_k_never_pairs_a_document_with_itself() -> None:
    matrix, _ = tfidf_matrix([["电子证照", "归集"], ["电子证照", "共享"], ["电子证照", "归集"], ["营业执照"]])
    groups = np.array([0, 0, 1, 2])
    pairs = {(i, j) for i, j, _ in top_k_neighbours(matrix, groups, k=5, floor=0.1, chunk=2)}
    assert (0, 1) not in pairs and (1, 0) not in pairs
    assert (0, 2) in pairs and (2, 0) in pairs
    assert not any(3 in pair for pair in pairs)
