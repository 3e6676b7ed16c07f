"""Unit resolution: the merges and separations planners rely on, with their reasons."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph_build.errors import ResourceFormatError
from graph_build.model import Label, UnitKind
from graph_build.pipeline import build_graph, extract_text
from graph_build.unit_resolution import Place, classify, load_overrides, resolve_name
from tests.conftest import RAW


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph([RAW], overrides_path=None).graph


def units_named(graph: nx.MultiDiGraph, name: str) -> list[str]:
    return sorted(n for n, d in graph.nodes(data=True) if d["label"] == Label.UNIT and d["name"] == name)


def spellings(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return {a["spelling"] for a in graph.nodes[node]["aliases"]}


def test_two_spellings_of_the_district_bureau_are_one_node(graph: nx.MultiDiGraph) -> None:
    node = "unit:松山新区:区科创营商局"
    assert {"區科創營商局", "區科技創新和營商局"} <= spellings(graph, node)
    rules = {a["spelling"]: a["rule"] for a in graph.nodes[node]["aliases"]}
    assert "alias table: 科技创新和营商局 → 科创营商局" in rules["區科技創新和營商局"]
    assert not units_named(graph, "区科技创新和营商局")


def test_two_spellings_of_market_regulation_in_wanli_are_one_node(graph: nx.MultiDiGraph) -> None:
    node = "unit:湾里管理局:湾里市场监管局"
    assert {"湾里市场监管局", "湾里市场监督管理局"} <= spellings(graph, node)
    assert graph.nodes[node]["unit_type"] == "市场监管"


def test_approval_bureau_of_shizuishan_is_one_node_with_all_its_tasks(graph: nx.MultiDiGraph) -> None:
    node = "unit:石嘴山市:市审批局"
    led = [t for _, t, k in graph.out_edges(node, keys=True) if k == "LEADS"]
    assert len(led) == 31
    assert units_named(graph, "市审批局") == ["unit:石嘴山市:市审批局", "unit:鄂州市:市审批局"]


def test_same_department_name_in_two_cities_stays_two_units(graph: nx.MultiDiGraph) -> None:
    assert units_named(graph, "市发改委") == ["unit:石嘴山市:市发改委", "unit:鄂州市:市发改委"]


def test_branch_is_located_in_its_place_and_part_of_the_city_bureau(graph: nx.MultiDiGraph) -> None:
    branch = "unit:湾里管理局:市自然资源局湾里分局"
    assert graph.nodes[branch]["jurisdiction"] == "湾里管理局"
    parents = [
        (t, d["relation"]) for _, t, k, d in graph.out_edges(branch, keys=True, data=True) if k == "PART_OF"
    ]
    assert parents == [("unit:南昌市:市自然资源局", "branch")]


def test_duty_divisions_are_part_of_the_issuer(graph: nx.MultiDiGraph) -> None:
    division = "unit:鄂州市:体改科"
    assert graph.nodes[division]["kind"] == UnitKind.DIVISION
    parents = [t for _, t, k in graph.out_edges(division, keys=True) if k == "PART_OF"]
    assert parents == ["unit:鄂州市:市发改委"]
    office = "unit:湾里管理局:局经发办"
    assert [t for _, t, k in graph.out_edges(office, keys=True) if k == "PART_OF"] == [
        "unit:湾里管理局:湾里管理局"
    ]


@pytest.mark.parametrize(
    ("node", "kind", "unit_type"),
    [
        ("unit:湾里管理局:湾里供电公司", UnitKind.COMPANY, "公用事业"),
        ("unit:石嘴山市:市星瀚集团", UnitKind.COMPANY, "国有企业"),
        ("unit:石嘴山市:石嘴山银保监分局", UnitKind.FINANCIAL, "金融监管"),
        ("unit:鄂州市:市法院", UnitKind.JUDICIAL, "法院"),
        ("unit:石嘴山市:高新区管委会", UnitKind.PARK, "园区管委会"),
        ("unit:石嘴山市:各县区政府", UnitKind.COLLECTIVE, "集体"),
        ("unit:石嘴山市:市(略)", UnitKind.REDACTED, "已删节"),
    ],
)
def test_unit_kinds_and_types(graph: nx.MultiDiGraph, node: str, kind: UnitKind, unit_type: str) -> None:
    assert (graph.nodes[node]["kind"], graph.nodes[node]["unit_type"]) == (kind, unit_type)


def test_no_unit_name_is_a_fragment(graph: nx.MultiDiGraph) -> None:
    for _, data in graph.nodes(data=True):
        if data["label"] != Label.UNIT:
            continue
        name = data["name"]
        assert len(name) >= 2
        assert not name.endswith(("等", "等单位", "等部门")) and name not in {"各", "单位", "(略)单位"}


@pytest.mark.parametrize(
    ("written", "place", "name", "jurisdiction"),
    [
        ("市发展和改革委员会", Place("襄阳市", "湖北省"), "市发改委", "襄阳市"),
        ("市行政审批服务局", Place("襄阳市", "湖北省"), "市审批局", "襄阳市"),
        ("市人力资源和社会保障局", Place("江北区", "重庆市"), "市人社局", "重庆市"),
        ("区住房和城乡建设局", Place("江北区", "重庆市"), "区住建局", "江北区"),
        ("市住建局", Place("松山新区", "锦州市"), "市住建局", "锦州市"),
        ("市公安局湾里分局", Place("湾里管理局", "南昌市"), "市公安局湾里分局", "湾里管理局"),
    ],
)
def test_resolve_name(written: str, place: Place, name: str, jurisdiction: str) -> None:
    resolution = resolve_name(written, place)
    assert (resolution.name, resolution.jurisdiction) == (name, jurisdiction)


def test_classify_falls_back_to_other() -> None:
    assert classify("某某研究会", UnitKind.DEPARTMENT) == ("其他", UnitKind.DEPARTMENT)


def test_user_override_wins_and_is_explained(tmp_path: Path) -> None:
    csv = tmp_path / "unit_aliases.csv"
    csv.write_text("alias,canonical,jurisdiction\n市数据局,市大数据局,襄阳市\n", encoding="utf-8")
    text = "襄阳市2022年工作方案\n一、任务\n(一)推进数据共享。(牵头单位:市数据局)\n"
    extraction = extract_text(text, "x.txt", overrides=load_overrides(csv))
    role = extraction.tasks[0].lead_roles[0]
    assert (role.name, role.written, role.unit_id) == ("市大数据局", "市数据局", "unit:襄阳市:市大数据局")
    rules = [a.rule for u in extraction.units for a in u.aliases if a.spelling == "市数据局"]
    assert rules and rules[0].startswith("user override: 市数据局 → 市大数据局")


def test_malformed_override_file_names_the_line(tmp_path: Path) -> None:
    csv = tmp_path / "unit_aliases.csv"
    csv.write_text("alias,canonical\n市数据局\n", encoding="utf-8")
    with pytest.raises(ResourceFormatError, match=r"unit_aliases\.csv: line 2: expected alias,canonical"):
        load_overrides(csv)
