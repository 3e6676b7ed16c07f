"""The project's batched loader against the per-row way, on the same graph in the same run.

The per-row way is what most tutorials and py2neo-style code do: one ``MERGE`` statement, in its
own auto-commit transaction, per relationship. Measuring it on every relationship of a large graph
would take hours, so it writes a sample (``--per-row-sample``, default 3,000) after the nodes are
in place; the batched loader writes the whole graph. Both rates are relationships per second.

``python -m benchmarks.neo4j_load [--graph data/graph.json]`` needs NEO4J_URI (``make neo4j-start``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import networkx as nx

PER_ROW_SAMPLE = 3_000


def per_row_relationships(
    driver: Any, graph: nx.MultiDiGraph, *, database: str, sample: int
) -> tuple[int, float]:
    """Write up to ``sample`` relationships one statement each; (written, seconds)."""
    from graph_build.store_neo4j import edge_rows, edge_statement

    rows = [(key, row) for key, group in edge_rows(graph).items() for row in group][:sample]
    started = time.perf_counter()
    for key, row in rows:
        rel, source_label, target_label = key
        statement = (
            f"MATCH (a:{source_label} {{id: $source}}) MATCH (b:{target_label} {{id: $target}}) "
            f"MERGE (a)-[r:{rel}]->(b) SET r = $props"
        )
        # The statement is checked like the loader's, so labels never come from input.
        edge_statement(key)
        driver.execute_query(
            statement, source=row["source"], target=row["target"], props=row["props"], database_=database
        )
    return len(rows), time.perf_counter() - started


def compare(
    driver: Any, graph: nx.MultiDiGraph, *, database: str, sample: int = PER_ROW_SAMPLE
) -> dict[str, float]:
    """``neo4j_batched_rels_per_s``, ``neo4j_per_row_rels_per_s`` and their ratio."""
    from graph_build.store_neo4j import load_graph_into, wipe

    wipe(driver, database=database)
    batched = load_graph_into(driver, graph, database=database)
    batched_rate = batched.relationships / batched.seconds
    with driver.session(database=database) as session:  # CALL … IN TRANSACTIONS needs an implicit one
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
    written, seconds = per_row_relationships(driver, graph, database=database, sample=sample)
    per_row_rate = written / seconds
    load_graph_into(driver, graph, database=database)  # leave the database complete
    return {
        "neo4j_batched_rels_per_s": round(batched_rate, 1),
        "neo4j_per_row_rels_per_s": round(per_row_rate, 1),
        "neo4j_load_ratio": round(batched_rate / per_row_rate, 1),
        "neo4j_relationships": batched.relationships,
        "neo4j_per_row_sample": written,
    }


def main() -> int:
    from graph_build.store_neo4j import connect, resolve_settings
    from graph_build.store_networkx import load_graph

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=Path("data/graph.json"))
    parser.add_argument("--per-row-sample", type=int, default=PER_ROW_SAMPLE)
    args = parser.parse_args()
    settings = resolve_settings()
    if settings is None:
        raise SystemExit("neo4j_load: set NEO4J_URI (make neo4j-start)")
    driver = connect(settings)
    try:
        result = compare(
            driver, load_graph(args.graph), database=settings.database, sample=args.per_row_sample
        )
    finally:
        driver.close()
    for key, value in result.items():
        print(f"{key:<28}{value:>14,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
