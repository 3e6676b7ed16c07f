"""The pipeline, top to bottom: file → text → outline → tasks → document → graph."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import networkx as nx

from graph_build.decode import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, decode_document
from graph_build.entities import attach_entities
from graph_build.errors import DocumentDecodeError
from graph_build.links import link_tasks
from graph_build.metadata import DocumentMeta, read_metadata
from graph_build.model import BuildWarning, DocType, Document, Extraction, document_id
from graph_build.normalize import fold_text, prepare_text
from graph_build.outline import parse_outline
from graph_build.policies import cite_in_document
from graph_build.reforms import discover_reforms, find_reforms
from graph_build.store_networkx import graph_from_extractions
from graph_build.tasks import (
    TaskContext,
    annotation_years,
    build_measures,
    build_tasks,
    count_annotated_items,
)
from graph_build.unit_resolution import DEFAULT_OVERRIDES, load_overrides, resolve_document_units

Overrides = dict[tuple[str, str], str]


def extract_text(text: str, file: str, *, overrides: Overrides | None = None) -> Extraction:
    """Extract one document from its decoded text.

    Parameters
    ----------
    text
        The document's text as decoded (original script, original punctuation).
    file
        The file name, used in warnings and as ``source_file``.
    overrides
        The user's unit aliases (``data/unit_aliases.csv``), which win over the built-in rules.

    Returns
    -------
    Extraction
        The document, its tasks in document order, and the warnings found on the way.

    Examples
    --------
    >>> doc = (
    ...     "某市2022年优化营商环境工作方案\\n一、重点任务\\n(一)压缩开办时间。企业开办压缩至1个工作日。"
    ...     "(牵头单位:市审批局;配合单位:市税务局;完成时限:2022年6月底)"
    ... )
    >>> result = extract_text(doc, "plan.txt")
    >>> task = result.tasks[0]
    >>> task.number, task.title, [r.name for r in task.lead_roles], task.deadline.date.isoformat()
    ('(一)', '压缩开办时间', ['市审批局'], '2022-06-30')
    """
    source = prepare_text(text, file)
    outline = parse_outline(source, file)
    meta = read_metadata(
        source,
        annotated_items=count_annotated_items(outline),
        deadline_years=annotation_years(outline),
    )
    title = meta.title or _fallback_title(meta, source.lines[0].text if source.lines else file)
    doc_id = document_id(title, meta.issuer, meta.jurisdiction)
    context = TaskContext(source=source, doc_id=doc_id, file=file, plan_year=meta.year)
    if meta.doc_type is DocType.REPORT:
        tasks, task_warnings = build_measures(outline, context)
    else:
        tasks, task_warnings = build_tasks(outline, context)
    document = Document(
        id=doc_id,
        source_file=file,
        title=title,
        issuer=meta.issuer,
        jurisdiction=meta.jurisdiction,
        parent_jurisdiction=meta.parent_jurisdiction,
        year=meta.year,
        published=meta.published,
        script=source.script,
        doc_type=meta.doc_type,
        doc_numbers=meta.doc_numbers,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    tasks, units = resolve_document_units(document, tasks, overrides)
    tasks = [attach_entities(task, source) for task in tasks]
    spans = [(t.span.start, t.span.end) for t in tasks]
    body = [(line.start, line.end) for line in source.lines]
    document = replace(document, citations=cite_in_document(source.analysis, text, spans, doc_id, body))
    warnings = [*source.warnings, *outline.warnings, *task_warnings]
    if not meta.title_found:
        warnings.append(BuildWarning("no_title", f"no title line found; using {title!r}", file))
    if not tasks:
        warnings.append(BuildWarning("no_tasks", "no numbered tasks or measures found", file))
    return Extraction(
        document=document, tasks=tuple(tasks), warnings=tuple(warnings), text=text, units=tuple(units)
    )


def _fallback_title(meta: DocumentMeta, first_line: str) -> str:
    """A title a planner recognises for an untitled page: what it is, where and when (武汉市2020年
    优化营商环境工作情况), marked as supplied; the first line only when even the place is unknown."""
    if meta.jurisdiction:
        year = f"{meta.year}年" if meta.year else ""
        kind = "工作情况" if meta.doc_type is DocType.REPORT else "工作方案"
        return f"{meta.jurisdiction}{year}优化营商环境{kind}(未署标题)"
    return f"(未署标题) {first_line[:24]}"


def extract_document(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, overrides: Overrides | None = None
) -> Extraction:
    """Decode and extract one file.

    Raises
    ------
    DocumentDecodeError
        When the file cannot be read as a document; the message names the file and reason.
    """
    decoded = decode_document(path, max_bytes=max_bytes)
    return extract_text(decoded.text, path.name, overrides=overrides)


def discover_files(paths: Iterable[Path]) -> list[Path]:
    """Documents under ``paths`` (files as given, directories searched), sorted, no repeats."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUPPORTED_SUFFIXES
                    and not child.name.startswith(".")
                ):
                    found.setdefault(child, None)
        else:
            found.setdefault(path, None)
    return list(found)


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be built, and why."""

    file: str
    reason: str


@dataclass(slots=True)
class BuildResult:
    """A built graph with what was extracted, what failed and what was noticed."""

    graph: nx.MultiDiGraph
    extractions: list[Extraction]
    failures: list[Failure] = field(default_factory=list)
    warnings: list[BuildWarning] = field(default_factory=list)


PARALLEL_MIN_FILES = 16  # below this, starting worker processes costs more than it saves


def _extract_or_fail(path: Path, max_bytes: int, overrides: Overrides | None) -> Extraction | Failure:
    try:
        return extract_document(path, max_bytes=max_bytes, overrides=overrides)
    except DocumentDecodeError as exc:
        return Failure(str(path), exc.reason)


def extract_all(
    files: list[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    overrides: Overrides | None = None,
    progress: Callable[[Path], None] | None = None,
    workers: int | None = None,
) -> Iterator[Extraction | Failure]:
    """Extract each file, yielding results in the order of ``files``; an unreadable file yields
    a :class:`Failure`, never raises.

    With many files the work is spread over ``workers`` processes (default: every core); the
    output is the same, in the same order, as one process would give.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    work = partial(_extract_or_fail, max_bytes=max_bytes, overrides=overrides)
    if workers <= 1 or len(files) < PARALLEL_MIN_FILES:
        results: Iterable[Extraction | Failure] = map(work, files)
        for path, result in zip(files, results, strict=True):
            if progress:
                progress(path)
            yield result
        return
    chunk = max(1, min(64, len(files) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, result in zip(files, pool.map(work, files, chunksize=chunk), strict=True):
            if progress:
                progress(path)
            yield result


def build_graph(
    paths: Iterable[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    overrides_path: Path | None = DEFAULT_OVERRIDES,
    progress: Callable[[Path], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph of every document under ``paths``.

    ``progress`` is called once per file extracted; ``on_stage`` with a line as each later stage
    (reform discovery, linking, the graph) starts and ends, since on a large corpus they take
    minutes of their own.

    The same document under two file names, or a later version of a document (same title,
    issuer and jurisdiction), is kept once; the later file replaces the earlier and a warning
    says so.
    """
    files = discover_files(paths)
    by_id: dict[str, Extraction] = {}
    failures: list[Failure] = []
    warnings: list[BuildWarning] = []
    overrides = load_overrides(overrides_path)
    for result in extract_all(files, max_bytes=max_bytes, overrides=overrides, progress=progress):
        if isinstance(result, Failure):
            failures.append(result)
            continue
        doc = result.document
        earlier = by_id.get(doc.id)
        if earlier is not None:
            same = earlier.document.content_hash == doc.content_hash
            warnings.append(
                BuildWarning(
                    "duplicate_document" if same else "replaced_document",
                    (
                        f"same document as {earlier.document.source_file}; kept once"
                        if same
                        else f"new version of {earlier.document.source_file} ({doc.title}); replaces it"
                    ),
                    doc.source_file,
                )
            )
            if same:
                continue
        by_id[doc.id] = result
    say = on_stage or (lambda _line: None)
    tasks = sum(len(e.tasks) for e in by_id.values())
    say(f"reforms: looking for reforms named in several of {len(by_id):,} documents")
    extractions = with_discovered_reforms(list(by_id.values()))
    for extraction in extractions:
        warnings.extend(extraction.warnings)
    say(f"link: {tasks:,} tasks …")
    started = time.perf_counter()
    links = link_tasks(extractions)
    say(f"link: {len(links):,} links in {time.perf_counter() - started:.1f} s")
    graph = graph_from_extractions(extractions, links)
    say(f"graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    return BuildResult(
        graph=graph,
        extractions=extractions,
        failures=failures,
        warnings=warnings,
    )


def with_discovered_reforms(extractions: list[Extraction]) -> list[Extraction]:
    """Add reforms discovered across the corpus: quoted terms that recur in two or more documents.

    Only tasks whose text holds a discovered term are read again (their analysis form is
    ``fold_text`` of their text, one character for one), so this stays cheap on large corpora.
    """
    texts = {e.document.id: [fold_text(t.text) for t in e.tasks] for e in extractions}
    discovered = discover_reforms(texts)
    if not discovered:
        return extractions
    terms = tuple(sorted(discovered))
    updated = []
    for extraction in extractions:
        folded = texts[extraction.document.id]
        if not any(term in text for text in folded for term in terms):
            updated.append(extraction)
            continue
        tasks = tuple(
            replace(task, reforms=find_reforms(analysis, task.span.start, task.document_id, discovered))
            if any(term in analysis for term in terms)
            else task
            for task, analysis in zip(extraction.tasks, folded, strict=True)
        )
        updated.append(replace(extraction, tasks=tasks))
    return updated


@dataclass(frozen=True, slots=True)
class Added:
    """What adding a document did: where it was stored, and which file it replaced, if any."""

    extraction: Extraction
    stored_as: Path
    replaced: str | None
    graph: nx.MultiDiGraph | None = None  # the graph as saved


_SAFE_NAME = re.compile(r"[^\w\u4e00-\u9fff.\-()()]+")


def safe_file_name(name: str) -> str:
    """A file name that cannot leave its folder: no directories, no dots in front, known suffix.

    Examples
    --------
    >>> safe_file_name("../../etc/passwd.txt"), safe_file_name("鄂州 方案.docx")
    ('passwd.txt', '鄂州_方案.docx')
    """
    base = Path(name.replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).lstrip("._") or "document.txt"
    if Path(cleaned).suffix.lower() not in SUPPORTED_SUFFIXES:
        cleaned += ".txt"
    return cleaned[-120:]


def _stored_file_of(doc_id: str, raw_dir: Path, graph: nx.MultiDiGraph | None, max_bytes: int) -> Path | None:
    """The file in ``raw_dir`` that holds document ``doc_id``, if any: read from the graph (its
    document nodes name their source file), or found by extracting the folder when there is no
    graph yet or it does not know the document's file."""
    if graph is not None:
        source = graph.nodes.get(doc_id, {}).get("source_file")
        if source and (raw_dir / source).is_file():
            return raw_dir / source
        if doc_id not in graph:
            return None
    for path in discover_files([raw_dir]):
        try:
            if extract_document(path, max_bytes=max_bytes).document.id == doc_id:
                return path
        except DocumentDecodeError:
            continue
    return None


def add_document(
    data: bytes,
    name: str,
    *,
    raw_dir: Path,
    graph_path: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    overrides_path: Path | None = DEFAULT_OVERRIDES,
    graph: nx.MultiDiGraph | None = None,
) -> Added:
    """Store an uploaded document under ``raw_dir`` and put it into the graph file (atomically).

    A new version of a document already in the corpus (same title, issuer and jurisdiction)
    replaces the old file instead of sitting beside it. With a graph file in place, only this
    document is extracted and linked (see :mod:`graph_build.incremental`); without one, the
    folder is built.

    What the document changed is appended to the graph file's journal (:mod:`graph_build.journal`)
    rather than the whole file being written again; after :data:`~graph_build.journal.MAX_CHANGES`
    documents the file is rewritten. ``graph`` is the graph a long-running process (the explorer)
    already holds, as read from ``graph_path``: it is changed in place instead of the file being
    read again, unless the files have been written since.

    Raises
    ------
    DocumentDecodeError
        The upload is not a readable document; nothing is stored and the graph is unchanged.
    """
    from graph_build.incremental import replace_document
    from graph_build.journal import (
        MAX_CHANGES,
        append_change,
        before_change,
        change_since,
        count_changes,
        origin_epoch,
        remember_origin,
    )
    from graph_build.store_networkx import save_graph, write_atomically

    if len(data) > max_bytes:
        raise DocumentDecodeError(
            name, f"file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
        )
    safe = safe_file_name(name)
    raw_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        staged = Path(scratch) / safe
        staged.write_bytes(data)
        extraction = extract_document(staged, max_bytes=max_bytes, overrides=load_overrides(overrides_path))
    replaced = None
    target = raw_dir / safe
    if graph is None or origin_epoch(graph, graph_path) is None:
        graph = _graph_or_none(graph_path)
    existing = _stored_file_of(extraction.document.id, raw_dir, graph, max_bytes)
    if existing is not None:
        target, replaced = existing, existing.name
    resolved = target.resolve()
    if resolved.parent != raw_dir.resolve():
        raise DocumentDecodeError(name, "refused: the file would be stored outside the data folder")
    write_atomically(resolved, data)
    if graph is None:
        graph = build_graph([raw_dir], max_bytes=max_bytes, overrides_path=overrides_path).graph
        save_graph(graph, graph_path)
        return Added(extraction=extraction, stored_as=resolved, replaced=replaced, graph=graph)
    before = before_change(graph, extraction.document.id)
    replace_document(graph, extraction)
    epoch = origin_epoch(graph, graph_path)
    if epoch is None or count_changes(graph_path, epoch) >= MAX_CHANGES:
        save_graph(graph, graph_path)
    else:
        append_change(graph_path, epoch, change_since(graph, before))
        remember_origin(graph, graph_path, epoch)
    return Added(extraction=extraction, stored_as=resolved, replaced=replaced, graph=graph)


def _graph_or_none(path: Path) -> nx.MultiDiGraph | None:
    from graph_build.errors import GraphFileError
    from graph_build.store_networkx import load_graph

    try:
        return load_graph(path)
    except GraphFileError:
        return None
