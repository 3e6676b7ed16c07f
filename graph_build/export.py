"""Exports of the graph for other tools: GraphML (Gephi, yEd), node-link JSON, a Cypher script.

Each is a pure function from the graph to bytes, so the CLI writes them to files and the explorer
offers them as downloads.
"""

from __future__ import annotations

import io
import json
import math
from enum import StrEnum
from typing import Any

import networkx as nx

from graph_build.model import Label
from graph_build.store_neo4j import (
    SHARED_TASKS_SCRIPT,
    edge_rows,
    edge_statement,
    node_rows,
    node_statement,
    schema_statements,
)


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    JSON = "json"
    CYPHER = "cypher"


SUFFIXES = {ExportFormat.GRAPHML: ".graphml", ExportFormat.JSON: ".json", ExportFormat.CYPHER: ".cypher"}


def export_graph(graph: nx.MultiDiGraph, fmt: ExportFormat) -> bytes:
    """The graph in ``fmt``, UTF-8 encoded."""
    if fmt is ExportFormat.GRAPHML:
        return to_graphml(graph)
    if fmt is ExportFormat.JSON:
        return to_node_link_json(graph)
    return to_cypher_script(graph)


def _graphml_value(value: Any) -> Any:
    """GraphML holds scalars only: lists and dicts become JSON text; None is left out."""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML with every attribute a scalar (lists and dicts as JSON text), for Gephi and yEd.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("unit:甲市:市审批局", label="Unit", name="市审批局", aliases=[{"spelling": "审批局"}])
    >>> back = nx.read_graphml(io.BytesIO(to_graphml(G)))
    >>> back.nodes["unit:甲市:市审批局"]["aliases"]
    '[{"spelling": "审批局"}]'
    """
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _graphml_value(v) for k, v in data.items() if v is not None})
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(
            source, target, key=key, **{k: _graphml_value(v) for k, v in data.items() if v is not None}
        )
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def to_node_link_json(graph: nx.MultiDiGraph) -> bytes:
    """networkx node-link JSON (top-level ``nodes`` and ``edges``), as ``reformkg build`` writes."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value (strings escaped, so document text stays text).

    Examples
    --------
    >>> cypher_literal("市'审批'局\\n")
    "'市\\\\'审批\\\\'局\\\\n'"
    >>> cypher_literal([1, 2.5, True])
    '[1, 2.5, true]'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    text = str(value)
    for old, new in (("\\", "\\\\"), ("'", "\\'"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(old, new)
    return f"'{text}'"


def _map_literal(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in sorted(props.items())) + "}"


def to_cypher_script(graph: nx.MultiDiGraph) -> bytes:
    """A script for ``cypher-shell -f``: the schema, then one ``UNWIND [...] AS row MERGE …`` per
    label and relationship type (the loader's own statements with the rows inlined), then the
    SHARES_TASKS relationships the loader derives; running it twice changes nothing."""
    lines = ["// reformkg graph export: run with `cypher-shell -f graph.cypher`", ""]
    lines += [statement + ";" for statement in schema_statements()]
    lines.append("")
    for label in Label:
        rows = node_rows(graph, label)
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            literal = ",\n  ".join(
                _map_literal({"id": r["id"]})[:-1] + f", `props`: {_map_literal(r['props'])}}}" for r in batch
            )
            lines.append(
                node_statement(label.value).replace("UNWIND $rows", f"UNWIND [\n  {literal}\n]") + ";"
            )
    for key, rows in edge_rows(graph).items():
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            literal = ",\n  ".join(
                _map_literal({"source": r["source"], "target": r["target"]})[:-1]
                + f", `props`: {_map_literal(r['props'])}}}"
                for r in batch
            )
            lines.append(edge_statement(key).replace("UNWIND $rows", f"UNWIND [\n  {literal}\n]") + ";")
    lines += ["", "// derived, as the loader derives them: units sharing tasks", SHARED_TASKS_SCRIPT + ";"]
    return ("\n".join(lines) + "\n").encode("utf-8")
