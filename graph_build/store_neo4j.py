"""The Neo4j store: settings, schema, pure row builders, batched UNWIND … MERGE, read-only Cypher."""

from __future__ import annotations

import json
import os
import re
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_build.analytics import ANNOTATED, annotate, is_annotated, targets_of_document, units_around
from graph_build.errors import QueryParamError, StoreError
from graph_build.model import UNRANKED_KINDS, Label, Rel

if TYPE_CHECKING:
    from neo4j import Driver

DEFAULT_DATABASE = "neo4j"
DEFAULT_BATCH_SIZE = 1000
DEFAULT_SECRETS = Path(".streamlit/secrets.toml")
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.cypher"
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 10.0
READ_ROW_LIMIT = 1000
# Properties that hold nested values are stored as JSON text under "<name>_json".
JSON_SUFFIX = "_json"


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where the server is. The password is never printed (``repr`` hides it)."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str = DEFAULT_DATABASE


def resolve_settings(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    secrets: Path = DEFAULT_SECRETS,
) -> Neo4jSettings | None:
    """Settings from options, else the environment (``NEO4J_URI``…), else ``.streamlit/secrets.toml``
    (a ``[neo4j]`` table with uri, user, password, database). None when no URI is known."""
    from_file: dict[str, Any] = {}
    if secrets.exists():
        try:
            from_file = tomllib.loads(secrets.read_text(encoding="utf-8")).get("neo4j", {})
        except (tomllib.TOMLDecodeError, OSError) as exc:
            raise StoreError(f"{secrets}: not readable TOML ({exc})") from exc

    def pick(option: str | None, env: str, key: str, default: str | None = None) -> str | None:
        return option or os.environ.get(env) or from_file.get(key) or default

    resolved_uri = pick(uri, "NEO4J_URI", "uri")
    if not resolved_uri:
        return None
    return Neo4jSettings(
        uri=resolved_uri,
        user=pick(user, "NEO4J_USER", "user", "neo4j") or "neo4j",
        password=pick(password, "NEO4J_PASSWORD", "password", "") or "",
        database=pick(database, "NEO4J_DATABASE", "database", DEFAULT_DATABASE) or DEFAULT_DATABASE,
    )


def connect(settings: Neo4jSettings) -> Driver:
    """A verified driver; an unreachable server or a wrong password is one clear StoreError.

    Raises
    ------
    StoreError
        Within about :data:`CONNECT_TIMEOUT_S` seconds when the server cannot be used.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=CONNECT_TIMEOUT_S,
            connection_acquisition_timeout=CONNECT_TIMEOUT_S * 2,
            max_transaction_retry_time=CONNECT_TIMEOUT_S * 2,
            # A graph without links yet makes Neo4j note "relationship type does not exist";
            # that is an answer (no rows), not something to print on every query.
            notifications_min_severity="OFF",
        )
    except (ValueError, Neo4jError) as exc:
        raise StoreError(f"{settings.uri}: not a usable Neo4j URI ({exc})") from exc
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise StoreError(f"{settings.uri}: Neo4j refused user {settings.user!r} (wrong password?)") from exc
    except (ServiceUnavailable, OSError, Neo4jError) as exc:
        driver.close()
        raise StoreError(f"{settings.uri}: Neo4j is not reachable ({type(exc).__name__})") from exc
    return driver


def schema_statements(path: Path = SCHEMA_FILE) -> list[str]:
    """The statements of ``schema.cypher`` (comments dropped, split on semicolons)."""
    text = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//")
    )
    return [s.strip() for s in text.split(";") if s.strip()]


def apply_schema(driver: Driver, *, database: str) -> None:
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(60)", database_=database)


# --- pure row builders ---------------------------------------------------------------------------


def _props(data: dict[str, Any], *, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """Neo4j-storable properties: no nulls, nested values as JSON text, keys in ``drop`` left out
    (a node's ``label`` is its Neo4j label; an edge's ``label`` is the annotation label, kept)."""
    props: dict[str, Any] = {}
    for key, value in data.items():
        if key in drop or value is None:
            continue
        if isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
        ):
            props[key + JSON_SUFFIX] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            props[key] = value
    return props


def node_rows(graph: nx.MultiDiGraph, label: Label) -> list[dict[str, Any]]:
    """``{"id", "props"}`` rows for every node of ``label``, sorted by id.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("unit:甲市:市审批局", label="Unit", name="市审批局", aliases=[{"s": "审批局"}], x=None)
    >>> node_rows(G, Label.UNIT)[0]["props"]
    {'name': '市审批局', 'aliases_json': '[{"s": "审批局"}]', 'id': 'unit:甲市:市审批局'}
    """
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("label") == label:
            rows.append({"id": node, "props": {**_props(data, drop=("label",)), "id": node}})
    return sorted(rows, key=lambda r: r["id"])


EdgeKey = tuple[str, str, str]  # (type, source label, target label)


def edge_rows(graph: nx.MultiDiGraph) -> dict[EdgeKey, list[dict[str, Any]]]:
    """Edges grouped by (type, source label, target label), each as ``{"source","target","props"}``."""
    groups: dict[EdgeKey, list[dict[str, Any]]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        props = _props(data, drop=("type",))
        key = (data["type"], graph.nodes[source]["label"], graph.nodes[target]["label"])
        groups[key].append({"source": source, "target": target, "props": props})
    return {
        key: sorted(rows, key=lambda r: (r["source"], r["target"])) for key, rows in sorted(groups.items())
    }


def batched(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Consecutive batches of at most ``size`` rows.

    Examples
    --------
    >>> [len(b) for b in batched([{}] * 5, 2)]
    [2, 2, 1]
    """
    if size < 1:
        raise QueryParamError(f"batch size must be at least 1, not {size}")
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


_LABELS = {label.value for label in Label}
_TYPES = {rel.value for rel in Rel}


def node_statement(label: str) -> str:
    """``UNWIND … MERGE`` for one label; the label comes from the enum, never from input."""
    if label not in _LABELS:
        raise QueryParamError(f"unknown label {label!r}")
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"


def edge_statement(key: EdgeKey) -> str:
    rel, source_label, target_label = key
    if rel not in _TYPES or source_label not in _LABELS or target_label not in _LABELS:
        raise QueryParamError(f"unknown relationship {key!r}")
    return (
        f"UNWIND $rows AS row MATCH (a:{source_label} {{id: row.source}}) "
        f"MATCH (b:{target_label} {{id: row.target}}) MERGE (a)-[r:{rel}]->(b) SET r = row.props"
    )


# --- loading -------------------------------------------------------------------------------------


@dataclass(slots=True)
class LoadSummary:
    """What a load did."""

    nodes: int = 0
    relationships: int = 0
    batches: int = 0
    replaced_documents: list[str] = field(default_factory=list)
    seconds: float = 0.0
    derived_seconds: float = 0.0  # computing SHARES_TASKS after the load

    @property
    def nodes_per_s(self) -> float:
        return self.nodes / self.seconds if self.seconds else 0.0

    @property
    def relationships_per_s(self) -> float:
        return self.relationships / self.seconds if self.seconds else 0.0


_STALE_DOCUMENTS = """
UNWIND $docs AS doc
MATCH (d:Policy {id: doc.id})
WHERE d.content_hash IS NOT NULL AND d.content_hash <> doc.hash
RETURN d.id AS id ORDER BY id
"""
_DELETE_DOCUMENT_TASKS = "MATCH (t:Task {document_id: $doc}) DETACH DELETE t"
_DELETE_DOCUMENT_EDGES = "MATCH (d:Policy {id: $doc})-[r]->() DELETE r"
_WIPE_RELATIONSHIPS_BATCH = "MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS deleted"
_WIPE_BATCH = "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted"
# Links between tasks are derived from many documents at once; they load after the documents.
LINK_TYPES = frozenset({Rel.DEPENDS_ON.value, Rel.SIMILAR_TO.value})
SHARED = ""  # the part of the graph no single document owns: units, indicators, reforms, policies


def wipe(driver: Driver, *, database: str) -> None:
    """Delete every relationship, then every node, in batches: a node with a hundred thousand
    relationships (an indicator) would not fit one transaction's memory if detached at once."""
    for statement in (_WIPE_RELATIONSHIPS_BATCH, _WIPE_BATCH):
        while True:
            records, _, _ = driver.execute_query(statement, database_=database)
            if not records or records[0]["deleted"] == 0:
                break


@dataclass(slots=True)
class DocumentPart:
    """What one source document owns in the graph: its Policy node, its tasks, and every edge at
    them (roles, PART_OF, TARGETS, CITES …) except links between tasks. Written in one
    transaction, so Neo4j holds the whole document or none of it."""

    document: str
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label → rows
    edges: dict[EdgeKey, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.edges.values()))


def split_by_document(
    graph: nx.MultiDiGraph,
) -> tuple[DocumentPart, list[DocumentPart], dict[EdgeKey, list[dict[str, Any]]]]:
    """The graph as (shared part, one part per source document, edges between documents: the
    links between tasks and citations of one plan by another).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("doc:a", label="Policy", is_source=True, content_hash="h")
    >>> G.add_node("task:a:1", label="Task", document_id="doc:a")
    >>> G.add_node("unit:甲:局", label="Unit", name="局")
    >>> _ = G.add_edge("unit:甲:局", "task:a:1", key="LEADS", type="LEADS")
    >>> shared, parts, links = split_by_document(G)
    >>> sorted(shared.nodes), [(p.document, sorted(p.nodes), list(p.edges)) for p in parts]
    (['Unit'], [('doc:a', ['Policy', 'Task'], [('LEADS', 'Unit', 'Task')])])
    """
    owner: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data.get("label") == Label.POLICY and data.get("is_source"):
            owner[node] = node
        elif data.get("label") == Label.TASK and data.get("document_id"):
            owner[node] = data["document_id"]
    parts: dict[str, DocumentPart] = {SHARED: DocumentPart(SHARED)}
    parts.update({doc: DocumentPart(doc) for doc in sorted(set(owner.values()))})
    for label in Label:
        for row in node_rows(graph, label):
            part = parts.setdefault(owner.get(row["id"], SHARED), DocumentPart(owner.get(row["id"], SHARED)))
            part.nodes.setdefault(label.value, []).append(row)
    links: dict[EdgeKey, list[dict[str, Any]]] = {}
    for key, rows in edge_rows(graph).items():
        for row in rows:
            source, target = owner.get(row["source"], SHARED), owner.get(row["target"], SHARED)
            # An edge between two documents (a link, or a task citing another plan) needs both
            # written first.
            if key[0] in LINK_TYPES or (source and target and source != target):
                links.setdefault(key, []).append(row)
                continue
            document = source or target
            parts.setdefault(document, DocumentPart(document)).edges.setdefault(key, []).append(row)
    shared = parts.pop(SHARED)
    return shared, list(parts.values()), links


def load_graph_into(
    driver: Driver,
    graph: nx.MultiDiGraph,
    *,
    database: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wipe_first: bool = False,
    progress: Callable[[int], None] | None = None,
    derived: bool = True,
) -> LoadSummary:
    """Write ``graph`` into Neo4j with batched ``UNWIND … MERGE``; loading twice changes nothing.

    Three stages: the shared nodes and edges (units, indicators, reforms, cited policies), then
    the documents, then the edges between documents (links between tasks). Documents are
    written in transactions of whole documents (as many as fit in ``batch_size`` rows). A
    document whose ``content_hash`` differs from the stored one has its old tasks and its own
    edges deleted and is merged again in the same transaction. So a failure at any point (the
    driver retries transient errors) leaves every document either as it was or fully written,
    never half; the :class:`StoreError` names the documents whose transaction failed, and running
    the load again completes it.

    A graph without stored communities (made by hand, or by an older build) gets them first, so
    the database answers community questions the way the embedded graph does. With ``derived``,
    the SHARES_TASKS relationships are then computed in the database (see
    :func:`refresh_shared_tasks`); their time is ``summary.derived_seconds``, apart from the load's.
    """
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    if not is_annotated(graph):
        annotate(graph)
    started = time.perf_counter()
    summary = LoadSummary()
    failed: list[str] = []
    try:
        apply_schema(driver, database=database)
        if wipe_first:
            wipe(driver, database=database)
        shared, parts, links = split_by_document(graph)
        hashes = [
            {"id": n, "hash": d["content_hash"]}
            for n, d in graph.nodes(data=True)
            if d.get("label") == Label.POLICY and d.get("is_source") and d.get("content_hash")
        ]
        stale_records, _, _ = driver.execute_query(_STALE_DOCUMENTS, docs=hashes, database_=database)
        stale = {record["id"] for record in stale_records}
        for label, rows in shared.nodes.items():
            for batch in batched(rows, batch_size):
                _write(driver, [(node_statement(label), batch)], database)
                summary.nodes += len(batch)
                _advance(summary, progress, len(batch))
        for key, rows in shared.edges.items():
            for batch in batched(rows, batch_size):
                _write(driver, [(edge_statement(key), batch)], database)
                summary.relationships += len(batch)
                _advance(summary, progress, len(batch))
        for group in _document_groups(parts, batch_size):
            failed = [part.document for part in group]
            _write_documents(driver, group, stale & set(failed), database)
            failed = []
            summary.replaced_documents += sorted(stale & {part.document for part in group})
            summary.nodes += sum(len(rows) for part in group for rows in part.nodes.values())
            summary.relationships += sum(len(rows) for part in group for rows in part.edges.values())
            _advance(summary, progress, sum(part.size for part in group))
        for key, rows in links.items():
            for batch in batched(rows, batch_size):
                _write(driver, [(edge_statement(key), batch)], database)
                summary.relationships += len(batch)
                _advance(summary, progress, len(batch))
    except (Neo4jError, ServiceUnavailable, OSError) as exc:
        where = f"; not written (rolled back): {', '.join(failed)}" if failed else ""
        raise StoreError(
            f"Neo4j load stopped after {summary.batches} transactions{where}: "
            f"{type(exc).__name__}: {exc}. Documents written so far are complete; "
            "run the load again to finish it."
        ) from exc
    summary.replaced_documents.sort()
    summary.seconds = time.perf_counter() - started
    if derived:
        started = time.perf_counter()
        refresh_shared_tasks(driver, database=database, batch_size=batch_size)
        summary.derived_seconds = time.perf_counter() - started
    return summary


# Which units share tasks is asked of the whole corpus (responsibility_overlap): finding the pairs
# means expanding every task's units, 1.5 s at 10,000 documents. So the load stores them as
# (a)-[:SHARES_TASKS {tasks}]->(b), a.id < b.id, between ranked units, with each unit's number
# of tasks as task_count. They are derived: computed in the database from the roles, never part
# of the graph file.
_SHARED_TASKS = """
UNWIND $units AS id
MATCH (x:Unit {id: id})
WHERE NOT x.kind IN $unranked
SET x.task_count = COUNT { MATCH (x)-[:LEADS|ASSISTS]->(t:Task) RETURN DISTINCT t }
WITH x
MATCH (x)-[:LEADS|ASSISTS]->(t:Task)<-[:LEADS|ASSISTS]-(p:Unit)
WHERE p <> x AND NOT p.kind IN $unranked AND (x.id < p.id OR (NOT $all AND NOT p.id IN $units))
WITH x, p, count(DISTINCT t) AS shared
WITH CASE WHEN x.id < p.id THEN x ELSE p END AS a, CASE WHEN x.id < p.id THEN p ELSE x END AS b, shared
CREATE (a)-[:SHARES_TASKS {tasks: shared}]->(b)
"""
_DROP_SHARED_TASKS_AT = """
UNWIND $units AS id
MATCH (:Unit {id: id})-[s:SHARES_TASKS]-()
DELETE s
"""
_ALL_UNITS = "MATCH (u:Unit) RETURN u.id AS id ORDER BY id"
_UNRANKED = sorted(kind.value for kind in UNRANKED_KINDS)
# The same, as one statement with no parameters, for an exported script (idempotent: MERGE).
SHARED_TASKS_SCRIPT = f"""
MATCH (x:Unit) WHERE NOT x.kind IN {_UNRANKED!r}
SET x.task_count = COUNT {{ MATCH (x)-[:LEADS|ASSISTS]->(t:Task) RETURN DISTINCT t }}
WITH x
MATCH (x)-[:LEADS|ASSISTS]->(t:Task)<-[:LEADS|ASSISTS]-(p:Unit)
WHERE x.id < p.id AND NOT p.kind IN {_UNRANKED!r}
WITH x, p, count(DISTINCT t) AS shared
MERGE (x)-[s:SHARES_TASKS]->(p) SET s.tasks = shared
""".strip()


def refresh_shared_tasks(
    driver: Driver, *, database: str, units: list[str] | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> None:
    """Compute the SHARES_TASKS relationships again: all of them, or those at ``units`` (after a
    document changed their roles)."""
    if units is None:
        with driver.session(database=database) as session:  # CALL … IN TRANSACTIONS needs an implicit one
            session.run(
                "MATCH ()-[s:SHARES_TASKS]->() CALL (s) { DELETE s } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
        every = [row["id"] for row in read_rows(driver, _ALL_UNITS, database=database)]
        for batch in batched([{"id": unit} for unit in every], batch_size):
            ids = [row["id"] for row in batch]
            driver.execute_query(_SHARED_TASKS, units=ids, all=True, unranked=_UNRANKED, database_=database)
        return
    driver.execute_query(_DROP_SHARED_TASKS_AT, units=units, database_=database)
    driver.execute_query(_SHARED_TASKS, units=units, all=False, unranked=_UNRANKED, database_=database)


_UNITS_AROUND_DOCUMENT = """
MATCH (:Task {document_id: $doc})<-[:LEADS|ASSISTS]-(u:Unit)
OPTIONAL MATCH (u)-[:LEADS|ASSISTS]->(:Task)<-[:LEADS|ASSISTS]-(p:Unit)
WITH collect(DISTINCT u.id) + collect(DISTINCT p.id) AS ids
UNWIND ids AS id
RETURN DISTINCT id
"""
_AIMED_AT_BY_DOCUMENT = """
MATCH (:Task {document_id: $doc})-[:TARGETS|ADVANCES]->(n)
RETURN DISTINCT n.id AS id
"""
_SET_FIGURES = """
UNWIND $rows AS row
MATCH (n:Indicator|Reform {id: row.id})
SET n += row.props
"""
_SET_UNIT_COMMUNITIES = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.id})
SET u.community = row.community, u.partners = row.partners
"""
_DELETE_ORPHANS = """
MATCH (n)
WHERE (n:Unit OR n:Reform OR (n:Policy AND NOT coalesce(n.is_source, false))) AND NOT (n)--()
DELETE n
"""


def document_neighbourhood(graph: nx.MultiDiGraph, doc_id: str) -> nx.MultiDiGraph:
    """One source document, its tasks, every edge at them, and the nodes at the other ends; and
    the units those units are part of (体改科 PART_OF 市发改委), with those edges."""
    owned = {doc_id} | {
        n
        for n, d in graph.nodes(data=True)
        if d.get("label") == Label.TASK and d.get("document_id") == doc_id
    }
    part = nx.MultiDiGraph(**{ANNOTATED: is_annotated(graph)})
    for node in owned:
        part.add_node(node, **graph.nodes[node])
    for node in owned:
        for source, target, key, data in [
            *graph.out_edges(node, keys=True, data=True),
            *graph.in_edges(node, keys=True, data=True),
        ]:
            for end in (source, target):
                if end not in part:
                    part.add_node(end, **graph.nodes[end])
            part.add_edge(source, target, key=key, **data)
    units = [n for n, d in part.nodes(data=True) if d.get("label") == Label.UNIT]
    while units:
        unit = units.pop()
        for parent, keyed in graph._succ[unit].items():
            if Rel.PART_OF.value in keyed and graph.nodes[parent].get("label") == Label.UNIT:
                if parent not in part:
                    part.add_node(parent, **graph.nodes[parent])
                    units.append(parent)
                part.add_edge(unit, parent, key=Rel.PART_OF.value, **keyed[Rel.PART_OF.value])
    return part


def load_document_into(
    driver: Driver,
    graph: nx.MultiDiGraph,
    doc_id: str,
    *,
    database: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> LoadSummary:
    """Write one document of ``graph`` (a new one, or a new version) into a loaded database,
    without touching the rest: its old tasks and edges go in the same transaction as the new ones
    come (see :func:`load_graph_into`), its links to other documents are merged, and units,
    reforms and cited policies nobody uses any more are deleted.

    The units whose stored community figures the change can move (those on the document's old and
    new tasks, and their partners), and the indicators and reforms its old and new tasks aim at,
    get the figures ``graph`` holds for them.
    """
    if not is_annotated(graph):
        annotate(graph)
    before = read_rows(driver, _UNITS_AROUND_DOCUMENT, database=database, doc=doc_id)
    aimed_before = read_rows(driver, _AIMED_AT_BY_DOCUMENT, database=database, doc=doc_id)
    part = document_neighbourhood(graph, doc_id)
    summary = load_graph_into(driver, part, database=database, batch_size=batch_size, derived=False)
    moved = {row["id"] for row in before} | units_around(graph, doc_id)
    moved |= {node for node, data in part.nodes(data=True) if data.get("label") == Label.UNIT}
    driver.execute_query(_DROP_SHARED_TASKS_AT, units=sorted(moved), database_=database)
    driver.execute_query(_DELETE_ORPHANS, database_=database)
    rows = [
        {
            "id": unit,
            "community": graph.nodes[unit].get("community"),
            "partners": graph.nodes[unit]["partners"],
        }
        for unit in sorted(moved)
        if unit in graph
    ]
    _write(driver, [(_SET_UNIT_COMMUNITIES, batch) for batch in batched(rows, batch_size)], database)
    refresh_shared_tasks(driver, database=database, units=sorted(u for u in moved if u in graph))
    aimed = {row["id"] for row in aimed_before}
    aimed |= targets_of_document(graph, doc_id, Rel.TARGETS) | targets_of_document(
        graph, doc_id, Rel.ADVANCES
    )
    figures = [
        {
            "id": node,
            "props": _props(
                {key: graph.nodes[node][key] for key in ("coverage", "reach") if key in graph.nodes[node]}
            ),
        }
        for node in sorted(aimed)
        if node in graph
    ]
    _write(driver, [(_SET_FIGURES, batch) for batch in batched(figures, batch_size)], database)
    return summary


def _advance(summary: LoadSummary, progress: Callable[[int], None] | None, rows: int) -> None:
    summary.batches += 1
    if progress:
        progress(rows)


def _document_groups(parts: list[DocumentPart], batch_size: int) -> Iterator[list[DocumentPart]]:
    """Whole documents, grouped until a group reaches ``batch_size`` rows (a document larger than
    that is a group of its own: it is never split)."""
    group: list[DocumentPart] = []
    rows = 0
    for part in parts:
        group.append(part)
        rows += part.size
        if rows >= batch_size:
            yield group
            group, rows = [], 0
    if group:
        yield group


def _write_documents(driver: Driver, group: list[DocumentPart], stale: set[str], database: str) -> None:
    statements: list[tuple[str, list[dict[str, Any]]]] = []
    for document in sorted(stale):
        statements.append((_DELETE_DOCUMENT_TASKS, [{"doc": document}]))
        statements.append((_DELETE_DOCUMENT_EDGES, [{"doc": document}]))
    for label in Label:
        rows = [row for part in group for row in part.nodes.get(label.value, [])]
        if rows:
            statements.append((node_statement(label.value), rows))
    keys = sorted({key for part in group for key in part.edges})
    for key in keys:
        statements.append((edge_statement(key), [row for part in group for row in part.edges.get(key, [])]))
    _write(driver, statements, database)


def _write(driver: Driver, statements: list[tuple[str, list[dict[str, Any]]]], database: str) -> None:
    """Run ``(statement, rows)`` pairs in one managed write transaction (retried on transient
    errors by the driver). A delete statement gets its parameters from its single row."""

    def work(tx: Any) -> None:
        for statement, rows in statements:
            if statement in (_DELETE_DOCUMENT_TASKS, _DELETE_DOCUMENT_EDGES):
                tx.run(statement, **rows[0]).consume()
            else:
                tx.run(statement, rows=rows).consume()

    with driver.session(database=database) as session:
        session.execute_write(work)


# --- reading -------------------------------------------------------------------------------------


def read_rows(driver: Driver, cypher: str, *, database: str, **params: Any) -> list[dict[str, Any]]:
    """Records of a read query as plain dicts (routed to a reader, READ access)."""
    from neo4j import RoutingControl

    records, _, _ = driver.execute_query(cypher, params, routing_=RoutingControl.READ, database_=database)
    return [record.data() for record in records]


def graph_from_neo4j_projection(driver: Driver, cypher: str, *, database: str, **params: Any) -> nx.Graph:
    """An undirected networkx graph from ``source, target, weight`` rows (for Python-side algorithms)."""
    projection = nx.Graph()
    for row in read_rows(driver, cypher, database=database, **params):
        projection.add_edge(row["source"], row["target"], weight=row.get("weight", 1))
    return projection


# A write clause anywhere in a statement: the console refuses it before the server would.
_WRITE_CLAUSE = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|LOAD\s+CSV|FOREACH|ALTER|GRANT|DENY|REVOKE)\b"
    r"|CALL\s+(dbms|db\.create|apoc\.(create|merge|refactor|periodic))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ReadOnlyResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


def run_read_only(
    driver: Driver,
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    database: str,
    timeout_s: float = READ_TIMEOUT_S,
    row_limit: int = READ_ROW_LIMIT,
) -> ReadOnlyResult:
    """Run a user's Cypher read-only: a write clause is refused here, and the session's READ
    access mode makes the server refuse any write that slips past; with a timeout and a row cap.

    Raises
    ------
    StoreError
        A write, a syntax error, a timeout: one clear line, and nothing changed.
    """
    from neo4j import READ_ACCESS, Query
    from neo4j.exceptions import ClientError, Neo4jError

    stripped = re.sub(r"//[^\n]*|/\*.*?\*/|'[^']*'|\"[^\"]*\"", " ", cypher, flags=re.S)
    if _WRITE_CLAUSE.search(stripped):
        raise StoreError("read-only console: this statement writes; only reading queries are allowed")
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            result = session.run(Query(cypher, timeout=timeout_s), params or {})
            columns = list(result.keys())
            records = result.fetch(row_limit + 1)
            result.consume()
    except ClientError as exc:
        if "AccessMode" in (exc.code or "") or "Forbidden" in (exc.code or ""):
            raise StoreError("read-only console: the server refused a write; nothing was changed") from exc
        raise StoreError(f"Cypher error: {exc.message or exc}") from exc
    except Neo4jError as exc:
        raise StoreError(f"Cypher failed: {exc.message or exc}") from exc
    rows = [[_plain(value) for value in record.values()] for record in records[:row_limit]]
    return ReadOnlyResult(columns=columns, rows=rows, truncated=len(records) > row_limit)


def _plain(value: Any) -> Any:
    """Nodes, relationships and paths as plain JSON-ready values."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def iter_labels() -> Iterable[str]:
    return sorted(_LABELS)
