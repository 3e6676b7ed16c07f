"""The Neo4j store: pure row builders without a server, then loading and reading on a real one."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from graph_build.errors import QueryParamError, StoreError
from graph_build.model import Label
from graph_build.pipeline import build_graph
from graph_build.store_neo4j import (
    Neo4jSettings,
    batched,
    connect,
    edge_rows,
    edge_statement,
    load_graph_into,
    node_rows,
    node_statement,
    read_rows,
    resolve_settings,
    run_read_only,
    schema_statements,
)
from tests.conftest import RAW, SEED_FILES

# --- without a server -----------------------------------------------------------------------------


def test_schema_has_a_unique_id_per_label_and_only_idempotent_statements() -> None:
    statements = schema_statements()
    assert all(" IF NOT EXISTS " in s for s in statements)
    for label in Label:
        assert any(f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE" in s for s in statements)
    assert any("FULLTEXT INDEX task_text" in s and "'cjk'" in s for s in statements)


def test_node_rows_cover_every_node_once(seeds_graph: nx.MultiDiGraph) -> None:
    total = sum(len(node_rows(seeds_graph, label)) for label in Label)
    assert total == seeds_graph.number_of_nodes()
    unit = next(r for r in node_rows(seeds_graph, Label.UNIT) if r["id"] == "unit:石嘴山市:市人社局")
    assert "aliases_json" in unit["props"] and "aliases" not in unit["props"]


def test_edge_rows_group_by_type_and_endpoint_labels(seeds_graph: nx.MultiDiGraph) -> None:
    groups = edge_rows(seeds_graph)
    assert sum(len(rows) for rows in groups.values()) == seeds_graph.number_of_edges()
    assert ("LEADS", "Unit", "Task") in groups
    assert all("type" not in row["props"] for rows in groups.values() for row in rows)


def test_statements_take_labels_only_from_the_enums() -> None:
    assert node_statement("Task").startswith("UNWIND $rows AS row MERGE (n:Task {id: row.id})")
    with pytest.raises(QueryParamError):
        node_statement("Task) DETACH DELETE (n")
    with pytest.raises(QueryParamError):
        edge_statement(("LEADS]->() DELETE r //", "Unit", "Task"))


def test_batches() -> None:
    assert [len(b) for b in batched([{"i": i} for i in range(2500)], 1000)] == [1000, 1000, 500]
    with pytest.raises(QueryParamError):
        list(batched([], 0))


def test_settings_come_from_options_then_environment_then_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    secrets = tmp_path / "secrets.toml"
    assert resolve_settings(secrets=secrets) is None
    secrets.write_text('[neo4j]\nuri = "bolt://file:7687"\nuser = "u"\npassword = "p"\n', encoding="utf-8")
    assert resolve_settings(secrets=secrets) == Neo4jSettings("bolt://file:7687", "u", "p", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "bolt://env:7687")
    assert resolve_settings(secrets=secrets).uri == "bolt://env:7687"
    assert resolve_settings("bolt://option:7687", secrets=secrets).uri == "bolt://option:7687"
    assert "p" not in repr(resolve_settings(secrets=secrets))


def test_unreachable_server_is_one_clear_error_within_ten_seconds() -> None:
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"bolt://127\.0\.0\.1:1: Neo4j is not reachable"):
        connect(Neo4jSettings("bolt://127.0.0.1:1", "neo4j", "secret"))
    assert time.monotonic() - started < 10


# --- on a real server -----------------------------------------------------------------------------


def _snapshot(driver, database: str) -> tuple[list, list]:
    nodes = read_rows(
        driver,
        "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id",
        database=database,
    )
    rels = read_rows(
        driver,
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b",
        database=database,
    )
    return nodes, rels


@pytest.fixture
def scratch(neo4j_driver, neo4j_settings, seeds_graph) -> Iterator[str]:
    """The database for a test that changes it; the seeds graph is restored afterwards."""
    yield neo4j_settings.database
    load_graph_into(neo4j_driver, seeds_graph, database=neo4j_settings.database, wipe_first=True)


@pytest.mark.neo4j
def test_schema_is_on_the_server(neo4j_seeds) -> None:
    driver, database = neo4j_seeds.driver, neo4j_seeds.database
    constraints = read_rows(
        driver, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type", database=database
    )
    unique = {(c["labelsOrTypes"][0], tuple(c["properties"])) for c in constraints if "UNIQUE" in c["type"]}
    assert {(label.value, ("id",)) for label in Label} <= unique
    indexes = read_rows(driver, "SHOW INDEXES YIELD name, type, state, options", database=database)
    fulltext = {i["name"]: i for i in indexes if i["type"] == "FULLTEXT"}
    assert fulltext["task_text"]["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"
    assert all(i["state"] == "ONLINE" for i in indexes)


@pytest.mark.neo4j
def test_loaded_counts_match_the_graph(neo4j_seeds, seeds_graph: nx.MultiDiGraph) -> None:
    nodes, rels = _snapshot(neo4j_seeds.driver, neo4j_seeds.database)
    assert len(nodes) == seeds_graph.number_of_nodes()
    assert len([r for r in rels if r["t"] != "SHARES_TASKS"]) == seeds_graph.number_of_edges()
    # The derived pairs: one per two ranked units on a task together, with the number of tasks.
    from graph_build.analytics import co_assignment_rows

    pairs = {(r["source"], r["target"]): r["weight"] for r in co_assignment_rows(seeds_graph)}
    derived = {(r["a"], r["b"]): r["p"]["tasks"] for r in rels if r["t"] == "SHARES_TASKS"}
    assert derived == pairs
    assert len(pairs) > 100


@pytest.mark.neo4j
def test_loading_twice_changes_nothing(neo4j_driver, seeds_graph, scratch: str) -> None:
    load_graph_into(neo4j_driver, seeds_graph, database=scratch, wipe_first=True)
    first = _snapshot(neo4j_driver, scratch)
    summary = load_graph_into(neo4j_driver, seeds_graph, database=scratch)
    assert _snapshot(neo4j_driver, scratch) == first
    assert summary.replaced_documents == []


@pytest.mark.neo4j
def test_a_changed_document_replaces_its_tasks_and_nothing_else(
    neo4j_driver, seeds_graph, scratch: str, tmp_path: Path
) -> None:
    load_graph_into(neo4j_driver, seeds_graph, database=scratch, wipe_first=True)
    before_nodes, _ = _snapshot(neo4j_driver, scratch)
    raw = tmp_path / "raw"
    raw.mkdir()
    for key, name in SEED_FILES.items():
        text = (RAW / name).read_text(encoding="utf-8")
        if key == "000":  # the new version drops task (二十九) and rewords task (一)
            text = text.replace("(二十九)健全考评奖惩机制", "健全考评奖惩机制").replace(
                "牵头做好", "统筹做好"
            )
        (raw / name).write_text(text, encoding="utf-8")
    changed = build_graph([raw], overrides_path=None).graph
    summary = load_graph_into(neo4j_driver, changed, database=scratch)
    doc = next(
        n
        for n, d in changed.nodes(data=True)
        if d.get("source_file", "").startswith("000") and d.get("is_source")
    )
    assert summary.replaced_documents == [doc]
    after_nodes, _ = _snapshot(neo4j_driver, scratch)

    def tasks_of(nodes: list, document: str) -> list[str]:
        return sorted(
            n["id"] for n in nodes if "Task" in n["labels"] and n["props"]["document_id"] == document
        )

    assert len(tasks_of(after_nodes, doc)) == len(tasks_of(before_nodes, doc)) - 1
    title = next(
        n["props"]["title"] for n in after_nodes if n["id"].endswith(doc.removeprefix("doc:") + ":2.1")
    )
    assert title == "统筹做好全市优化营商环境工作"

    def others(nodes: list) -> list:
        return [n for n in nodes if "Task" in n["labels"] and n["props"]["document_id"] != doc]

    assert others(after_nodes) == others(before_nodes)


@pytest.mark.neo4j
def test_read_only_console_refuses_writes_and_changes_nothing(neo4j_seeds) -> None:
    driver, database = neo4j_seeds.driver, neo4j_seeds.database
    before = read_rows(driver, "MATCH (n) RETURN count(n) AS n", database=database)
    for statement in (
        "MATCH (n) DETACH DELETE n",
        "MATCH (t:Task) SET t.title = 'x'",
        "create (x:Task {id: 'x'})",
    ):
        with pytest.raises(StoreError, match="read-only"):
            run_read_only(driver, statement, database=database)
    assert read_rows(driver, "MATCH (n) RETURN count(n) AS n", database=database) == before


@pytest.mark.neo4j
def test_the_server_itself_refuses_a_write_in_read_mode(neo4j_seeds) -> None:
    from neo4j import READ_ACCESS
    from neo4j.exceptions import ClientError

    with (
        neo4j_seeds.driver.session(database=neo4j_seeds.database, default_access_mode=READ_ACCESS) as session,
        pytest.raises(ClientError, match="read access mode"),
    ):
        session.run("CREATE (:Task {id: 'intruder'})").consume()
    assert (
        read_rows(
            neo4j_seeds.driver, "MATCH (t:Task {id: 'intruder'}) RETURN t", database=neo4j_seeds.database
        )
        == []
    )


@pytest.mark.neo4j
def test_read_only_console_reads_with_a_row_cap(neo4j_seeds) -> None:
    result = run_read_only(
        neo4j_seeds.driver,
        "MATCH (t:Task) RETURN t.id AS id ORDER BY id",
        database=neo4j_seeds.database,
        row_limit=5,
    )
    assert result.columns == ["id"] and len(result.rows) == 5 and result.truncated


@pytest.mark.neo4j
def test_wrong_password_is_one_clear_error(neo4j_settings) -> None:
    with pytest.raises(StoreError, match="refused user 'neo4j'") as caught:
        connect(Neo4jSettings(neo4j_settings.uri, neo4j_settings.user, "not-the-password"))
    assert "not-the-password" not in str(caught.value)


@pytest.mark.neo4j
def test_credentials_never_reach_the_output(
    neo4j_settings,
    seeds_graph_file: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from graph_build.cli import main

    caplog.set_level("DEBUG")
    common = ["--uri", neo4j_settings.uri, "--user", neo4j_settings.user]
    assert (
        main(
            [
                "load",
                "--graph",
                str(seeds_graph_file),
                "--quiet",
                *common,
                "--password",
                neo4j_settings.password,
            ]
        )
        == 0
    )
    assert (
        main(["load", "--graph", str(seeds_graph_file), "--quiet", *common, "--password", "wrong-secret-1"])
        != 0
    )
    captured = capsys.readouterr()
    everything = captured.out + captured.err + caplog.text
    assert neo4j_settings.password not in everything and "wrong-secret-1" not in everything
    assert "wrong-secret-1" not in repr(Neo4jSettings(neo4j_settings.uri, "neo4j", "wrong-secret-1"))


@pytest.mark.neo4j
def test_a_failure_mid_load_leaves_no_half_loaded_document(neo4j_driver, seeds_graph, scratch: str) -> None:
    from graph_build.errors import StoreError
    from graph_build.store_neo4j import split_by_document

    _, parts, _ = split_by_document(seeds_graph)
    broken_document = parts[2].document
    poisoned = seeds_graph.copy()
    task = next(n for n, d in poisoned.nodes(data=True) if d.get("document_id") == broken_document)
    poisoned.nodes[task]["mixed"] = [1, "一"]  # Neo4j cannot store a list of mixed types
    load_graph_into(neo4j_driver, seeds_graph, database=scratch, wipe_first=True)
    clean = _snapshot(neo4j_driver, scratch)

    with pytest.raises(StoreError, match=broken_document) as caught:
        load_graph_into(neo4j_driver, poisoned, database=scratch, wipe_first=True, batch_size=1)
    assert "run the load again" in str(caught.value)
    stored = Counter(
        r["doc"]
        for r in read_rows(neo4j_driver, "MATCH (t:Task) RETURN t.document_id AS doc", database=scratch)
    )
    expected = Counter(d["document_id"] for _, d in seeds_graph.nodes(data=True) if d.get("label") == "Task")
    for part in parts:
        assert stored.get(part.document, 0) in (0, expected[part.document]), part.document
    assert stored.get(broken_document, 0) == 0
    assert stored[parts[0].document] == expected[parts[0].document]

    load_graph_into(neo4j_driver, seeds_graph, database=scratch)  # the same load again completes it
    assert _snapshot(neo4j_driver, scratch) == clean


@pytest.mark.neo4j
def test_one_document_loaded_alone_gives_the_same_database_as_a_full_load(
    neo4j_driver, scratch: str, tmp_path: Path
) -> None:
    import shutil

    from graph_build.pipeline import add_document
    from graph_build.store_neo4j import load_document_into
    from graph_build.store_networkx import save_graph

    raw = tmp_path / "raw"
    raw.mkdir()
    for key, name in SEED_FILES.items():
        if key != "004":
            shutil.copy(RAW / name, raw / name)
    graph_path = tmp_path / "graph.json"
    four = build_graph([raw], overrides_path=None).graph
    save_graph(four, graph_path)
    load_graph_into(neo4j_driver, four, database=scratch, wipe_first=True)

    # a new document, then a new version of an old one: each written alone
    added = add_document(
        (RAW / SEED_FILES["004"]).read_bytes(), "new.txt", raw_dir=raw, graph_path=graph_path
    )
    load_document_into(neo4j_driver, added.graph, added.extraction.document.id, database=scratch)
    text = (
        (RAW / SEED_FILES["000"]).read_text(encoding="utf-8").replace("持续提高办电效率", "全面提高办电效率")
    )
    changed = add_document(text.encode("utf-8"), "000-v2.txt", raw_dir=raw, graph_path=graph_path)
    assert changed.replaced == SEED_FILES["000"]
    load_document_into(neo4j_driver, changed.graph, changed.extraction.document.id, database=scratch)
    alone = _snapshot(neo4j_driver, scratch)

    load_graph_into(neo4j_driver, changed.graph, database=scratch, wipe_first=True)
    assert alone == _snapshot(neo4j_driver, scratch)


@pytest.mark.neo4j
@pytest.mark.parametrize("new", ["000", "003"])
def test_a_new_document_loaded_alone_brings_its_unit_hierarchy(
    new: str, neo4j_driver, scratch: str, tmp_path: Path
) -> None:
    # Seed 000's divisions (体改科, 能源办 …) are PART_OF 市发改委: edges between units, which no
    # task or document of the seed touches directly.
    import shutil

    from graph_build.pipeline import add_document
    from graph_build.store_neo4j import load_document_into
    from graph_build.store_networkx import save_graph

    raw = tmp_path / "raw"
    raw.mkdir()
    for key, name in SEED_FILES.items():
        if key != new:
            shutil.copy(RAW / name, raw / name)
    graph_path = tmp_path / "graph.json"
    others = build_graph([raw], overrides_path=None).graph
    save_graph(others, graph_path)
    load_graph_into(neo4j_driver, others, database=scratch, wipe_first=True)
    added = add_document((RAW / SEED_FILES[new]).read_bytes(), "new.txt", raw_dir=raw, graph_path=graph_path)
    load_document_into(neo4j_driver, added.graph, added.extraction.document.id, database=scratch)
    alone = _snapshot(neo4j_driver, scratch)
    load_graph_into(neo4j_driver, added.graph, database=scratch, wipe_first=True)
    assert alone == _snapshot(neo4j_driver, scratch)
