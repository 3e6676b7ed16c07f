"""The embedded store: node and edge shape, stable ids, atomic save, clear load errors."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graph_build.errors import GraphFileError
from graph_build.model import Label, Rel
from graph_build.pipeline import build_graph
from graph_build.store_networkx import load_graph, save_graph
from tests.conftest import RAW


@pytest.fixture(scope="module")
def seeds_graph() -> nx.MultiDiGraph:
    return build_graph([RAW]).graph


def test_units_lead_and_assist_tasks_which_are_part_of_documents(seeds_graph: nx.MultiDiGraph) -> None:
    types = {d["type"] for _, _, d in seeds_graph.edges(data=True)}
    assert {Rel.LEADS, Rel.ASSISTS, Rel.PART_OF} <= types
    for source, target, data in seeds_graph.edges(data=True):
        source_label = seeds_graph.nodes[source]["label"]
        target_label = seeds_graph.nodes[target]["label"]
        if data["type"] in (Rel.LEADS, Rel.ASSISTS):
            assert (source_label, target_label) == (Label.UNIT, Label.TASK)
            assert data["raw"] and data["span_end"] > data["span_start"]
        elif data["type"] == Rel.PART_OF and source_label == Label.TASK:
            assert target_label in (Label.POLICY, Label.TASK)
        elif data["type"] == Rel.PART_OF:
            assert (source_label, target_label) == (Label.UNIT, Label.UNIT)
            assert data["relation"] in ("division", "branch")


def test_same_unit_name_in_two_cities_is_two_units(seeds_graph: nx.MultiDiGraph) -> None:
    fgw = [n for n, d in seeds_graph.nodes(data=True) if d["label"] == Label.UNIT and d["name"] == "市发改委"]
    assert sorted(fgw) == ["unit:石嘴山市:市发改委", "unit:鄂州市:市发改委"]


def test_propagated_prefix_unit_is_the_same_node(seeds_graph: nx.MultiDiGraph) -> None:
    node = seeds_graph.nodes["unit:石嘴山市:市人社局"]
    rules = {a["spelling"]: a["rule"] for a in node["aliases"]}
    assert rules["人社局"] == "shared prefix 市 carried from the list"
    assert rules["市人社局"] == "same name"


def test_task_nodes_carry_provenance_and_deadline(seeds_graph: nx.MultiDiGraph) -> None:
    tasks = [d for _, d in seeds_graph.nodes(data=True) if d["label"] == Label.TASK]
    assert all(d["source_file"] and d["document_id"] and d["span_end"] > d["span_start"] for d in tasks)
    first = next(d for d in tasks if d["source_file"].startswith("000") and d["number"] == "(一)")
    assert (first["deadline_date"], first["deadline_kind"]) == ("2021-04-30", "due")


def test_rebuild_gives_the_same_ids_and_the_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    save_graph(build_graph([RAW]).graph, first)
    save_graph(build_graph([RAW]).graph, second)
    assert first.read_bytes() == second.read_bytes()


def test_save_and_load_round_trip(tmp_path: Path, seeds_graph: nx.MultiDiGraph) -> None:
    path = tmp_path / "graph.json"
    save_graph(seeds_graph, path)
    loaded = load_graph(path)
    assert loaded.number_of_nodes() == seeds_graph.number_of_nodes()
    assert loaded.number_of_edges() == seeds_graph.number_of_edges()
    assert not list(tmp_path.glob(".graph.json.*"))


def test_failed_save_leaves_the_previous_graph(tmp_path: Path, seeds_graph: nx.MultiDiGraph) -> None:
    path = tmp_path / "graph.json"
    save_graph(seeds_graph, path)
    before = path.read_bytes()
    broken = seeds_graph.copy()
    broken.graph["unserialisable"] = object()
    with pytest.raises(TypeError):
        save_graph(broken, path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".graph.json.*"))


def test_loading_a_missing_or_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="no graph file"):
        load_graph(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with pytest.raises(GraphFileError, match="not a node-link graph"):
        load_graph(bad)
