"""Exports: GraphML for Gephi, node-link JSON, and a Cypher script that rebuilds the graph in Neo4j."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from graph_build.export import ExportFormat, export_graph, to_cypher_script, to_graphml
from graph_build.store_networkx import load_graph

HOSTILE = "含'引号'与\\反斜杠\n换行 <script>alert(1)</script> (略);\n"


def _hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node(
        "task:x:1", label="Task", title=HOSTILE, text=HOSTILE, targets=[{"raw": HOSTILE}], number="(一)"
    )
    G.add_node("unit:甲市:市审批局", label="Unit", name="市审批局", aliases=[{"spelling": "审批局"}])
    G.add_edge("unit:甲市:市审批局", "task:x:1", key="LEADS", type="LEADS", raw=HOSTILE, span_start=3)
    return G


def test_graphml_opens_in_networkx_with_every_node_and_edge(seeds_graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(to_graphml(seeds_graph)), force_multigraph=True)
    assert back.number_of_nodes() == seeds_graph.number_of_nodes()
    assert back.number_of_edges() == seeds_graph.number_of_edges()
    task = next(n for n, d in seeds_graph.nodes(data=True) if d["label"] == "Task")
    assert back.nodes[task]["title"] == seeds_graph.nodes[task]["title"]


def test_json_export_is_the_graph_file_format(seeds_graph: nx.MultiDiGraph, tmp_path) -> None:
    path = tmp_path / "g.json"
    path.write_bytes(export_graph(seeds_graph, ExportFormat.JSON))
    back = load_graph(path)
    assert nx.utils.graphs_equal(back, seeds_graph)


def test_graphml_keeps_hostile_text_verbatim() -> None:
    back = nx.read_graphml(io.BytesIO(to_graphml(_hostile_graph())))
    assert back.nodes["task:x:1"]["title"] == HOSTILE


def _run_script(driver, database: str, script: bytes) -> None:
    # Newlines inside literals are escaped, so a statement ends exactly at ";" + newline.
    for statement in script.decode("utf-8").split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.startswith("//")).strip()
        if body:
            driver.execute_query(body, database_=database)


@pytest.mark.neo4j
def test_cypher_script_rebuilds_the_same_graph_as_the_loader(
    neo4j_driver, neo4j_settings, seeds_graph: nx.MultiDiGraph
) -> None:
    from graph_build.store_neo4j import load_graph_into, wipe

    database = neo4j_settings.database

    def snapshot() -> tuple:
        nodes = neo4j_driver.execute_query(
            "MATCH (n) RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props ORDER BY id",
            database_=database,
        ).records
        rels = neo4j_driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p "
            "ORDER BY a, t, b",
            database_=database,
        ).records
        return [tuple(r.values()) for r in nodes], [tuple(r.values()) for r in rels]

    try:
        load_graph_into(neo4j_driver, seeds_graph, database=database, wipe_first=True)
        loaded = snapshot()
        wipe(neo4j_driver, database=database)
        script = to_cypher_script(seeds_graph)
        _run_script(neo4j_driver, database, script)
        assert snapshot() == loaded
        _run_script(neo4j_driver, database, script)  # idempotent, like the loader
        assert snapshot() == loaded
        wipe(neo4j_driver, database=database)
        _run_script(neo4j_driver, database, to_cypher_script(_hostile_graph()))
        title = neo4j_driver.execute_query(
            "MATCH (t:Task {id: 'task:x:1'}) RETURN t.title AS title", database_=database
        ).records[0]["title"]
        assert title == HOSTILE
    finally:
        load_graph_into(neo4j_driver, seeds_graph, database=database, wipe_first=True)
