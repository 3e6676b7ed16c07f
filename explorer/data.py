"""Where the explorer's answers come from: the chosen backend, cached the way Streamlit splits it.

The embedded graph is read once per process and shared by every session; the Neo4j driver is a
resource (``st.cache_resource``). Query results are data (``st.cache_data``) keyed by the backend
and a ``graph_version`` (a stamp of the graph file and its journal), so a rebuild or an added
document invalidates them. A document uploaded here goes into the shared graph in place (see
:func:`graph_build.pipeline.add_document`), so a 10,000-document graph is not read again after an
upload. Every answer comes from the query catalogue.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import streamlit as st

from graph_build.errors import ReformKGError
from graph_build.journal import origin_epoch, snapshot_stamp
from graph_build.store_neo4j import Neo4jSettings, connect, resolve_settings
from graph_build.store_networkx import DEFAULT_GRAPH_PATH, load_graph
from queries import Embedded, Neo4j, as_dict, get_query

GRAPH_ENV = "REFORMKG_GRAPH"


def graph_path() -> Path:
    return Path(os.environ.get(GRAPH_ENV, str(DEFAULT_GRAPH_PATH)))


def graph_version(path: Path) -> str:
    stamp = snapshot_stamp(path)
    return "-".join(str(part) for part in stamp) if stamp else "none"


_graphs: dict[str, nx.MultiDiGraph] = {}
# Taken to read the graph, to change it (an upload) and to ask it questions, so no session walks
# the graph while another session's upload is changing it.
graph_lock = threading.RLock()


def _graph(path: str) -> nx.MultiDiGraph:
    """The graph the files at ``path`` hold: the one in memory while nobody else has written them
    (this process's own uploads keep it current), else read again."""
    with graph_lock:
        graph = _graphs.get(path)
        if graph is None or origin_epoch(graph, Path(path)) is None:
            graph = _graphs[path] = load_graph(Path(path))
        return graph


@st.cache_resource(show_spinner=False)
def _driver(uri: str, user: str, password: str, database: str) -> Any:
    return connect(Neo4jSettings(uri, user, password, database))


def neo4j_settings() -> Neo4jSettings | None:
    """Neo4j settings from the environment or ``.streamlit/secrets.toml``, if any."""
    try:
        return resolve_settings()
    except ReformKGError:
        return None


@dataclass(frozen=True, slots=True)
class Source:
    """The backend that answers, and a version that changes when its data does."""

    backend: Embedded | Neo4j
    name: str
    version: str


def current_source() -> Source:
    """The backend chosen in the sidebar (session state ``backend``), falling back to embedded."""
    if st.session_state.get("backend") == "neo4j":
        settings = neo4j_settings()
        if settings is not None:
            try:
                driver = _driver(settings.uri, settings.user, settings.password, settings.database)
                return Source(Neo4j(driver, settings.database), "Neo4j", f"neo4j:{settings.uri}")
            except ReformKGError as exc:
                st.session_state["backend_error"] = str(exc)
    path = graph_path()
    graph = _graph(str(path))
    return Source(Embedded(graph), "networkx", f"file:{path}:{graph_version(path)}")


@st.cache_data(show_spinner=False, max_entries=512)
def _rows(
    _source: Source, version: str, name: str, params: tuple[tuple[str, str], ...]
) -> list[dict[str, Any]]:
    query = get_query(name)
    parsed = query.parse_params(dict(params))
    if isinstance(_source.backend, Embedded):
        with graph_lock:
            return [as_dict(row) for row in query.run(_source.backend, parsed)]
    return [as_dict(row) for row in query.run(_source.backend, parsed)]


def rows(name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of the named query as plain dicts (cached per backend, graph version and parameters).

    ``None`` parameters are left to the query's defaults.
    """
    source = current_source()
    pairs = tuple(sorted((k, str(v)) for k, v in params.items() if v is not None))
    return _rows(source, source.version, name, pairs)


def embedded_graph() -> nx.MultiDiGraph | None:
    """The embedded graph (for uploads that extend it), or None when there is no graph file yet."""
    path = graph_path()
    if not path.exists():
        return None
    return _graph(str(path))


def document_names() -> dict[str, str]:
    """Document id → a name that fits a table cell or a select box: the title, led by the
    jurisdiction when the title does not say it (石嘴山市 · (略) 2023年…), cut at 24 characters."""
    names = {}
    for document in rows("document_list"):
        title = document["title"] or document["source_file"]
        place = document["jurisdiction"]
        name = title if not place or place in title else f"{place} · {title}"
        names[document["id"]] = name if len(name) <= 24 else name[:23] + "…"
    return names
