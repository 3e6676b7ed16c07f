"""The `reformkg` command line: extract one document, build the graph."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from graph_build.decode import DEFAULT_MAX_BYTES
from graph_build.errors import DocumentDecodeError, GraphFileError, QueryParamError, ReformKGError, StoreError
from graph_build.export import ExportFormat
from graph_build.model import Extraction, Label, Rel
from graph_build.pipeline import build_graph, discover_files, extract_document
from graph_build.serialize import extraction_to_dict
from graph_build.store_neo4j import (
    DEFAULT_BATCH_SIZE,
    READ_ROW_LIMIT,
    connect,
    load_graph_into,
    resolve_settings,
    run_read_only,
)
from graph_build.store_networkx import DEFAULT_GRAPH_PATH, load_graph, save_graph, write_atomically
from graph_build.synth import DEFAULT_SEED
from graph_build.unit_resolution import DEFAULT_OVERRIDES

DEFAULT_RAW_DIR = Path("data/raw")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ReformKGError as exc:
        print(f"reformkg: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reformkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `reformkg extract … | head`: the reader left; say nothing more.
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reformkg",
        description="Knowledge graph of business-environment (营商环境) reform plans.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract one document and show its tasks")
    extract.add_argument("file", type=Path)
    extract.add_argument("--json", action="store_true", help="print the JSON contract instead of a table")
    extract.set_defaults(handler=_extract)

    build = commands.add_parser("build", help="build the graph from documents")
    build.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_RAW_DIR])
    build.add_argument("--out", type=Path, default=DEFAULT_GRAPH_PATH, help="graph file (node-link JSON)")
    build.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / 1024 / 1024,
        help="refuse files larger than this (default 20)",
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument(
        "--aliases",
        type=Path,
        default=DEFAULT_OVERRIDES,
        help="your unit aliases CSV (alias,canonical,jurisdiction); default data/unit_aliases.csv",
    )
    build.set_defaults(handler=_build)

    add = commands.add_parser(
        "add", help="add one document (or a new version of one) to the built graph, without a rebuild"
    )
    add.add_argument("file", type=Path)
    add.add_argument("--graph", type=Path, default=DEFAULT_GRAPH_PATH)
    add.add_argument("--raw-dir", type=Path, default=DEFAULT_RAW_DIR, help="where the document is kept")
    add.add_argument("--neo4j", action="store_true", help="also write the document into Neo4j")
    _connection_options(add)
    add.set_defaults(handler=_add)

    units = commands.add_parser("units", help="list resolved units with their spellings and types")
    units.add_argument("--graph", type=Path, default=DEFAULT_GRAPH_PATH)
    units.add_argument("--review", action="store_true", help="every spelling and the rule that merged it")
    units.add_argument("--jurisdiction", default="", help="only units of this jurisdiction")
    units.set_defaults(handler=_units)

    load = commands.add_parser("load", help="load the graph file into Neo4j (batched, idempotent)")
    load.add_argument("--graph", type=Path, default=DEFAULT_GRAPH_PATH)
    _connection_options(load)
    load.add_argument("--wipe", action="store_true", help="delete everything in the database first")
    load.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    load.set_defaults(handler=_load)

    export = commands.add_parser(
        "export", help="write the graph as GraphML, node-link JSON or a Cypher script"
    )
    export.add_argument("--graph", type=Path, default=DEFAULT_GRAPH_PATH)
    export.add_argument(
        "--format", choices=[f.value for f in ExportFormat], default=ExportFormat.GRAPHML.value
    )
    export.add_argument(
        "--out", type=Path, help="the file to write (default: the graph's name with the format's suffix)"
    )
    export.set_defaults(handler=_export)

    query = commands.add_parser("query", help="run a named query of the catalogue")
    query.add_argument("name", nargs="?", help="the query's name (see --list)")
    query.add_argument("--list", action="store_true", help="list the catalogue")
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    query.add_argument("--backend", choices=["embedded", "neo4j"], default="embedded")
    query.add_argument("--graph", type=Path, default=DEFAULT_GRAPH_PATH)
    query.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _connection_options(query)
    query.set_defaults(handler=_query)

    cypher = commands.add_parser("cypher", help="run read-only Cypher against Neo4j")
    cypher.add_argument("statement")
    cypher.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    cypher.add_argument("--format", choices=["table", "json", "csv"], default="table")
    cypher.add_argument("--limit", type=int, default=READ_ROW_LIMIT)
    _connection_options(cypher)
    cypher.set_defaults(handler=_cypher)

    links = commands.add_parser("links", help="links between tasks, with their basis and evidence")
    links.add_argument("--explain", metavar="TASK_ID", help="every link of this task")
    links.add_argument("--graph", type=Path, default=DEFAULT_GRAPH_PATH)
    links.add_argument("--type", choices=["DEPENDS_ON", "SIMILAR_TO"], help="only this type")
    links.set_defaults(handler=_links)

    synth = commands.add_parser(
        "synth", help="write a synthetic corpus of plans with their ground truth, for benchmarks"
    )
    synth.add_argument("--docs", type=int, default=200, help="how many documents (default 200)")
    synth.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="the same docs and seed give the same files"
    )
    synth.add_argument(
        "--out", type=Path, required=True, help="an empty folder, or one holding an earlier synthetic corpus"
    )
    synth.set_defaults(handler=_synth)

    dictionary = commands.add_parser("dictionary", help="regenerate the jieba user dictionary from resources")
    dictionary.add_argument("--check", action="store_true", help="exit 1 if the packaged dictionary is stale")
    dictionary.set_defaults(handler=_dictionary)
    return parser


def _extract(args: argparse.Namespace) -> int:
    extraction = extract_document(args.file)
    if args.json:
        json.dump(extraction_to_dict(extraction), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_extraction(extraction))
    return 0


def _build(args: argparse.Namespace) -> int:
    files = discover_files(args.paths)
    if not files:
        print(f"reformkg: no documents under {', '.join(map(str, args.paths))}", file=sys.stderr)
        return 1
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="doc", desc="extract", file=sys.stderr)
    result = build_graph(
        files,
        max_bytes=int(args.max_mb * 1024 * 1024),
        overrides_path=args.aliases,
        progress=(lambda _path: bar.update(1)) if bar else None,
        on_stage=None if args.quiet else _stage_line(bar),
    )
    if bar:
        bar.close()
    for failure in result.failures:
        print(f"skipped {failure.file}: {failure.reason}", file=sys.stderr)
    if not result.extractions:
        print("reformkg: nothing could be built; the previous graph file is unchanged", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"save: writing {args.out} …", file=sys.stderr, flush=True)
    save_graph(result.graph, args.out)
    graph = result.graph
    labels = Counter(data["label"] for _, data in graph.nodes(data=True))
    types = Counter(data["type"] for _, _, data in graph.edges(data=True))
    print(
        f"built {args.out}: {len(result.extractions)} documents, "
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    )
    print("nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
    print("edges: " + ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    if result.failures:
        print(f"failed: {len(result.failures)} file(s), listed above")
    codes = Counter(w.code for w in result.warnings)
    if codes:
        print("warnings: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())))
    return 0


def _stage_line(bar: Any) -> Any:
    def say(line: str) -> None:
        if bar is not None and bar.n >= bar.total:
            bar.close()
        print(line, file=sys.stderr, flush=True)

    return say


def _add(args: argparse.Namespace) -> int:
    import time

    from graph_build.pipeline import add_document
    from graph_build.store_neo4j import load_document_into

    started = time.perf_counter()
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise DocumentDecodeError(str(args.file), exc.strerror or "cannot be read") from exc
    added = add_document(data, args.file.name, raw_dir=args.raw_dir, graph_path=args.graph)
    doc = added.extraction.document
    action = f"replaced {added.replaced}" if added.replaced else f"added as {added.stored_as}"
    print(f"{doc.title}: {len(added.extraction.tasks)} tasks, {action}; graph {args.graph} updated")
    if args.neo4j and added.graph is not None:
        driver, database = _driver(args)
        try:
            load_document_into(driver, added.graph, doc.id, database=database)
        finally:
            driver.close()
        print(f"written to Neo4j ({database})")
    print(f"in {time.perf_counter() - started:.1f} s")
    return 0


def _connection_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "Neo4j (default: NEO4J_URI/USER/PASSWORD/DATABASE or .streamlit/secrets.toml)"
    )
    group.add_argument("--uri")
    group.add_argument("--user")
    group.add_argument("--password")
    group.add_argument("--database")


def _driver(args: argparse.Namespace) -> tuple[Any, str]:
    settings = resolve_settings(args.uri, args.user, args.password, args.database)
    if settings is None:
        raise StoreError("no Neo4j configured: pass --uri or set NEO4J_URI (see README, 'Neo4j')")
    return connect(settings), settings.database


def _pairs(items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise QueryParamError(f"--param {item!r}: expected KEY=VALUE")
        pairs[key.strip()] = value
    return pairs


def _export(args: argparse.Namespace) -> int:
    from graph_build.export import SUFFIXES, export_graph

    fmt = ExportFormat(args.format)
    graph = load_graph(args.graph)
    out = args.out or args.graph.with_suffix(SUFFIXES[fmt])
    if out.resolve() == args.graph.resolve():
        raise GraphFileError(f"{out}: refusing to overwrite the graph file itself; give --out")
    write_atomically(out, export_graph(graph, fmt))
    print(
        f"wrote {out} ({fmt.value}, {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships)"
    )
    return 0


def _load(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    driver, database = _driver(args)
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(
            total=graph.number_of_nodes() + graph.number_of_edges(), unit="row", desc="load", file=sys.stderr
        )
    try:
        summary = load_graph_into(
            driver,
            graph,
            database=database,
            batch_size=args.batch_size,
            wipe_first=args.wipe,
            progress=bar.update if bar else None,
        )
    finally:
        if bar:
            bar.close()
        driver.close()
    replaced = (
        f", replaced {len(summary.replaced_documents)} changed document(s)"
        if summary.replaced_documents
        else ""
    )
    print(
        f"loaded {summary.nodes} nodes and {summary.relationships} relationships into {database} "
        f"in {summary.seconds:.1f} s ({summary.nodes_per_s:,.0f} nodes/s, "
        f"{summary.relationships_per_s:,.0f} relationships/s, {summary.batches} batches){replaced}"
    )
    return 0


def _query(args: argparse.Namespace) -> int:
    from queries import CATALOGUE, Embedded, Neo4j, as_dict, get_query

    if args.list or not args.name:
        if args.format == "json":
            listing = [
                {
                    "name": q.name,
                    "title_zh": q.title_zh,
                    "title_en": q.title_en,
                    "description": q.description,
                    "params": [{"name": n, "type": t, "default": d} for n, t, d in q.param_fields()],
                }
                for q in CATALOGUE
            ]
            json.dump(listing, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            for q in CATALOGUE:
                params = ", ".join(f"{n}={d!r}" for n, _, d in q.param_fields())
                print(f"{q.name:<24}{q.title_zh} · {q.title_en}")
                print(f"{'':24}{q.description}\n{'':24}params: {params}")
        return 0
    query = get_query(args.name)
    params = query.parse_params(_pairs(args.param))
    if args.backend == "neo4j":
        driver, database = _driver(args)
        try:
            rows = query.run(Neo4j(driver, database), params)
        finally:
            driver.close()
    else:
        rows = query.run(Embedded(load_graph(args.graph)), params)
    write_rows([as_dict(r) for r in rows], args.format, [f.name for f in dataclasses.fields(query.row_type)])
    return 0


def _cypher(args: argparse.Namespace) -> int:
    driver, database = _driver(args)
    try:
        result = run_read_only(
            driver, args.statement, _pairs(args.param), database=database, row_limit=args.limit
        )
    finally:
        driver.close()
    write_rows(
        [dict(zip(result.columns, row, strict=True)) for row in result.rows], args.format, result.columns
    )
    if result.truncated:
        print(f"(first {args.limit} rows shown)", file=sys.stderr)
    return 0


def write_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    """Rows as an aligned table, JSON (a list of objects) or CSV, on standard output."""
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _text(v) for k, v in row.items()})
        return
    cells = [[_text(row.get(c)) for c in columns] for row in rows]
    widths = [
        min(36, max([display_width(c), *(display_width(r[i]) for r in cells)]) + 2)
        for i, c in enumerate(columns)
    ]
    print("".join(_cell(c, w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for line in cells:
        print("".join(_cell(v, w) for v, w in zip(line, widths, strict=True)).rstrip())
    print(f"({len(rows)} rows)")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


LINK_TYPES = (Rel.DEPENDS_ON.value, Rel.SIMILAR_TO.value)


def _links(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    if args.explain and args.explain not in graph:
        raise QueryParamError(f"no task {args.explain!r} in {args.graph}")
    sys.stdout.write(format_links(graph, args.explain, args.type))
    return 0


def format_links(graph: nx.MultiDiGraph, task_id: str | None = None, link_type: str | None = None) -> str:
    """Links with their basis, score and evidence; for one task, each seen from that task."""
    types = (link_type,) if link_type else LINK_TYPES
    edges = [
        (s, t, d)
        for s, t, d in graph.edges(data=True)
        if d["type"] in types and (task_id is None or task_id in (s, t))
    ]
    edges.sort(key=lambda e: (e[2]["type"], -e[2]["score"], e[0], e[1]))

    def describe(node: str) -> str:
        data = graph.nodes[node]
        number = f"{data['number']} " if data.get("number") else ""
        return f"[{data.get('source_file', '')}] {number}{data.get('title', data.get('name', node))}"

    lines = []
    if task_id:
        lines.append(f"{describe(task_id)}  ({task_id})")
    for source, target, data in edges:
        if task_id:
            if data["type"] == Rel.SIMILAR_TO:
                other, arrow = (target if source == task_id else source), "≈ similar to"
            elif source == task_id:
                other, arrow = target, "→ depends on"
            else:
                other, arrow = source, "← is needed by"
            lines.append(f"  {arrow} {describe(other)}")
        else:
            arrow = "≈" if data["type"] == Rel.SIMILAR_TO else "→"
            lines.append(f"{describe(source)} {arrow} {describe(target)}")
        lines.append(
            f"      {data['type']} · {data['basis']} · score {data['score']:.2f} · {data['evidence']}"
        )
    lines.append(f"{len(edges)} links")
    return "\n".join(lines) + "\n"


def _units(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    sys.stdout.write(format_units(graph, review=args.review, jurisdiction=args.jurisdiction))
    return 0


def format_units(graph: nx.MultiDiGraph, *, review: bool = False, jurisdiction: str = "") -> str:
    """Units by jurisdiction and name: kind, type, tasks led/assisted; with ``review`` every
    spelling with the rule that merged it."""
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("label") != Label.UNIT or (jurisdiction and data["jurisdiction"] != jurisdiction):
            continue
        keys = [k for _, _, k in graph.out_edges(node, keys=True)]
        rows.append(
            (data["jurisdiction"], data["name"], data, keys.count(Rel.LEADS), keys.count(Rel.ASSISTS))
        )
    header = _cell("地区 jurisdiction", 16) + _cell("单位 unit", 30) + _cell("kind", 11)
    lines = [header + _cell("类型 type", 16) + "牵头/配合 lead/assist"]
    for place, name, data, led, assisted in sorted(rows, key=lambda r: (r[0], r[1])):
        row = _cell(place, 16) + _cell(name, 30) + _cell(data["kind"], 11) + _cell(data["unit_type"], 16)
        lines.append(row + f"{led}/{assisted}")
        if review:
            lines.extend(f"{'':16}← {a['spelling']}  [{a['rule']}]" for a in data.get("aliases", []))
    lines.append(f"{len(rows)} units")
    return "\n".join(lines) + "\n"


def _synth(args: argparse.Namespace) -> int:
    from graph_build.synth import write_corpus

    summary = write_corpus(args.out, args.docs, args.seed)
    print(
        f"wrote {summary.documents} documents ({summary.tasks} tasks) with their truth to "
        f"{summary.out} in {summary.seconds:.1f} s"
    )
    return 0


def _dictionary(args: argparse.Namespace) -> int:
    from importlib import resources

    from graph_build.tokens import USER_DICTIONARY, render_user_dictionary

    target = Path(str(resources.files("graph_build.resources").joinpath(USER_DICTIONARY)))
    fresh = render_user_dictionary()
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    words = fresh.count("\n")
    if args.check:
        if fresh != current:
            print(f"reformkg: {target} is stale; run `reformkg dictionary`", file=sys.stderr)
            return 1
        print(f"{target} is current ({words} words)")
        return 0
    target.write_text(fresh, encoding="utf-8")
    print(f"wrote {target} ({words} words)")
    return 0


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int) -> str:
    """``text`` padded or cut (with …) to ``width`` display columns, one column kept as a gap."""
    width -= 1
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            out = out[:-1] + "…" if out else ""
            used = display_width(out)
            break
        out += ch
        used += w
    return out + " " * (width - used + 1)


def format_extraction(extraction: Extraction) -> str:
    """A readable table of one document's tasks (number, title, leads, assists, deadline)."""
    doc = extraction.document
    lines = [
        f"{doc.title}",
        f"  发文单位 issuer: {doc.issuer or '—'} · 地区 jurisdiction: {doc.jurisdiction or '—'}"
        f"{' (' + doc.parent_jurisdiction + ')' if doc.parent_jurisdiction else ''}"
        f" · 年度 year: {doc.year or '—'} · {doc.doc_type.value} · {doc.script.value}",
        f"  {len(extraction.tasks)} tasks, {len(extraction.warnings)} warnings · id {doc.id}",
        "",
        _cell("编号", 11)
        + _cell("任务 title", 34)
        + _cell("牵头 lead", 30)
        + _cell("配合 assist", 30)
        + "时限 deadline",
    ]
    for task in extraction.tasks:
        indent = "  " if task.parent_id else ""
        leads = "、".join(r.name + ("*" if r.scope == "section" else "") for r in task.lead_roles)
        if not leads:
            leads = "、".join(r.name + "*" for r in task.section_lead_roles) or "—"
        assists = "、".join(r.name for r in task.assist_roles) or "—"
        deadline = "—"
        if task.deadline:
            deadline = task.deadline.date.isoformat() if task.deadline.date else task.deadline.kind.value
            if task.deadline.date and task.deadline.ongoing:
                deadline += " +ongoing"
        lines.append(
            _cell(indent + task.number, 11)
            + _cell(task.title, 34)
            + _cell(leads, 30)
            + _cell(assists, 30)
            + deadline
        )
    if extraction.warnings:
        lines.append("")
        lines.append("warnings:")
        lines.extend(f"  [{w.code}] {w.message}" for w in extraction.warnings)
    lines.append("  (* = section lead from a heading)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
