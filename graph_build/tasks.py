"""Outline items to tasks: the task level per section, roles, section leads, sub-tasks, measures."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from graph_build.deadlines import parse_deadline
from graph_build.model import (
    SCOPE_SECTION,
    SCOPE_TASK,
    BuildWarning,
    Deadline,
    DeadlineKind,
    Role,
    RoleKind,
    Span,
    Target,
    Task,
    TaskKind,
    task_id,
)
from graph_build.normalize import Line, SourceText, fold_width
from graph_build.outline import Item, NumberStyle, Outline
from graph_build.resources import general_section_words
from graph_build.roles import Annotation, find_annotations
from graph_build.targets import find_targets

# (1)…(2)… / ①…②… written inside one task's text.
_INLINE_SUBITEM = re.compile(r"(?:(?<=^)|(?<=[。;:)\s]))(\((\d{1,2})\)|([①②③④⑤⑥⑦⑧⑨⑩]))")
# 一是强化组织领导。二是… — enumerated measures in a report paragraph.
_ENUMERATED = re.compile(r"(?:(?<=^)|(?<=[。;]))([一二三四五六七八九十]+)是")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
MAX_MEASURE_TITLE = 26


@dataclass(frozen=True, slots=True)
class LineAnnotation:
    """An annotation with the text it was found in: ``base`` is that text's original offset.

    On an item's first line the text starts after the number, so a broken marker such as
    "(五加强…" cannot swallow the annotation that follows it.
    """

    line: Line
    base: int
    text: str
    annotation: Annotation


@dataclass(frozen=True, slots=True)
class TaskContext:
    """What every task of one document shares."""

    source: SourceText
    doc_id: str
    file: str
    plan_year: int | None


def item_annotations(item: Item) -> list[LineAnnotation]:
    """Annotations in an item's own lines (not its children's)."""
    found: list[LineAnnotation] = []
    last = len(item.lines) - 1
    for index, line in enumerate(item.lines):
        skip = item.body_offset if index == 0 else 0
        text = line.text[skip:]
        for annotation in find_annotations(text, annotation_expected_at_end=index == last):
            if annotation.has_units or annotation.deadline:
                found.append(LineAnnotation(line, line.start + skip, text, annotation))
    return found


def count_annotated_items(outline: Outline) -> int:
    return sum(1 for item in outline.walk() if any(a.annotation.has_units for a in item_annotations(item)))


def annotation_years(outline: Outline) -> list[int]:
    """Years written in annotation deadlines: a fallback for the plan year."""
    years: list[int] = []
    for item in outline.walk():
        for found in item_annotations(item):
            if found.annotation.deadline:
                start, end = found.annotation.deadline
                years += [int(y) for y in re.findall(r"(\d{4})\s*年", found.text[start:end])]
    return years


def build_tasks(outline: Outline, context: TaskContext) -> tuple[list[Task], list[BuildWarning]]:
    """Tasks of a work plan.

    The task level is found per top-level section: the numbering style whose items carry the
    most role annotations (a heading's "(市审批局牵头)" marks a section lead, not a task).
    General sections (总体要求, 保障措施 …) and sections without annotations hold no tasks.

    Notes
    -----
    ``lead_units`` — 牵头单位; ``assist_units`` — 配合/协办单位; section leads from a heading
    apply to every task below it with scope ``section``.
    """
    tasks: list[Task] = []
    warnings: list[BuildWarning] = []
    for section_items in _sections(outline):
        level = _task_level(section_items)
        if level is None:
            continue
        for item in _items_with_style(section_items, level):
            if not _group_is_annotated(item):
                continue
            new_tasks, new_warnings = _task_from_item(item, context)
            tasks.extend(new_tasks)
            warnings.extend(new_warnings)
    return tasks, warnings


def _sections(outline: Outline) -> list[list[Item]]:
    """Top-level sections as lists of their items; general sections are left out."""
    if not any(item.style is NumberStyle.CN_COMMA for item in outline.items):
        return [outline.items]
    general = general_section_words()
    sections = []
    for item in outline.items:
        heading = item.lines[0].text
        if item.style is NumberStyle.CN_COMMA and any(word in heading for word in general):
            continue
        # The section item itself is a candidate too: some plans put tasks at the 一、 level.
        sections.append([item])
    return sections


def _descendants(items: list[Item]) -> list[tuple[int, Item]]:
    out: list[tuple[int, Item]] = []

    def visit(item: Item, depth: int) -> None:
        out.append((depth, item))
        for child in item.children:
            visit(child, depth + 1)

    for item in items:
        visit(item, 0)
    return out


def _is_heading(item: Item) -> bool:
    """An item with numbered children and a one-line heading without sentences."""
    if not item.children:
        return False
    own = re.sub(r"\([^()]*\)", "", item.own_text()).strip(" 。")
    return "\n" not in own and "。" not in own


def _task_level(items: list[Item]) -> tuple[int, NumberStyle] | None:
    counts: Counter[tuple[int, NumberStyle]] = Counter()
    heading_children: Counter[tuple[int, NumberStyle]] = Counter()
    for depth, item in _descendants(items):
        if not any(a.annotation.has_units for a in item_annotations(item)):
            continue
        if _is_heading(item):
            for child in item.children:
                heading_children[(depth + 1, child.style)] += 1
        else:
            counts[(depth, item.style)] += 1
    if not counts:
        counts = heading_children
    if not counts:
        return None
    return min(counts, key=lambda key: (-counts[key], key[0]))


def _group_is_annotated(item: Item) -> bool:
    """Does the heading group of ``item`` say who does what anywhere?

    A subsection whose items carry no annotation at all — seed 002's list of 32 problem
    categories under 专项整治 — is not a list of tasks, even at the task level.
    """
    siblings = item.parent.children if item.parent else [item]
    if item.parent is not None and any(a.annotation.has_units for a in item_annotations(item.parent)):
        return True
    for sibling in siblings:
        if any(a.annotation.has_units for a in item_annotations(sibling)):
            return True
        if _annotated_children(sibling):
            return True
    return False


def _items_with_style(items: list[Item], level: tuple[int, NumberStyle]) -> list[Item]:
    depth, style = level
    return [item for d, item in _descendants(items) if d == depth and item.style is style]


def _task_from_item(item: Item, context: TaskContext) -> tuple[list[Task], list[BuildWarning]]:
    tid = task_id(context.doc_id, item.path)
    warnings: list[BuildWarning] = []
    own = item_annotations(item)
    sub_segments = _inline_subitems(item, own)
    sub_children = _annotated_children(item)
    in_subtasks = {id(a) for segment in sub_segments for a in segment.annotations}
    task_annotations = [a for a in own if id(a) not in in_subtasks]
    section_roles = _section_roles(item, context)
    roles, deadline = _roles_and_deadline(task_annotations, context, tid, warnings)
    roles = _with_section_roles(roles, section_roles)
    if deadline is None:
        deadline = _parent_section_deadline(item, context, tid, warnings)
    text_end = max(item.subtree_end(), item.end)
    span = Span(context.doc_id, item.start, text_end)
    task = Task(
        id=tid,
        document_id=context.doc_id,
        number=item.number,
        path=item.path,
        title=_title(item, context.source, own),
        text=context.source.original[item.start : text_end],
        kind=TaskKind.TASK,
        parent_id=None,
        section=_section_path(item, context.source),
        roles=tuple(roles),
        deadline=deadline,
        targets=_targets(context, item.start, text_end, achieved=False),
        span=span,
    )
    tasks = [task]
    for segment in sub_segments:
        tasks.append(_subtask_from_segment(task, segment, section_roles, context, warnings))
    for child in sub_children:
        child_tasks, child_warnings = _task_from_item(child, context)
        child_task = child_tasks[0]
        tasks.append(
            _replace(
                child_task,
                kind=TaskKind.SUBTASK,
                parent_id=tid,
                deadline=child_task.deadline or deadline,
                roles=_with_section_roles(
                    list(child_task.lead_roles + child_task.assist_roles), section_roles
                ),
            )
        )
        warnings.extend(child_warnings)
    if not any(r.kind is RoleKind.LEAD for r in task.roles) and not sub_segments and not sub_children:
        warnings.append(
            BuildWarning("no_lead", f"task {item.number} names no lead unit", context.file, tid, span)
        )
    return tasks, warnings


def _replace(task: Task, **changes: object) -> Task:
    from dataclasses import replace

    return replace(task, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _SubSegment:
    number: str
    start: int  # offset in the original text
    end: int
    annotations: tuple[LineAnnotation, ...]


def _inline_subitems(item: Item, own: list[LineAnnotation]) -> list[_SubSegment]:
    """Sub-items (1)(2) written inside the task's lines that carry their own annotation.

    They become sub-tasks only when more than one carries an annotation, or when an annotated
    one is not the last: one annotation at the very end covers the whole task (seed 004, 77).
    """
    segments: list[_SubSegment] = []
    for line in item.lines:
        markers = [
            m for m in _INLINE_SUBITEM.finditer(line.text) if m.start() > 0 or line is not item.lines[0]
        ]
        markers = _sequential(markers)
        for index, m in enumerate(markers):
            start = m.start()
            end = markers[index + 1].start() if index + 1 < len(markers) else len(line.text)
            inside = tuple(
                a
                for a in own
                if a.line is line
                and start <= a.base - line.start + a.annotation.group.start < end
                and a.annotation.has_units
            )
            number = m.group(1) if m.group(2) is None else f"({m.group(2)})"
            segments.append(_SubSegment(number, line.start + start, line.start + end, inside))
    annotated = [s for s in segments if s.annotations]
    if len(annotated) >= 2 or (annotated and annotated[-1] is not segments[-1]):
        return annotated
    return []


def _sequential(markers: list[re.Match[str]]) -> list[re.Match[str]]:
    """Keep markers numbered 1, 2, 3 … in order; a stray "(3)" in a sentence is not a sub-item."""
    kept: list[re.Match[str]] = []
    for m in markers:
        value = int(m.group(2)) if m.group(2) else _CIRCLED.index(m.group(3)) + 1
        if value == len(kept) + 1:
            kept.append(m)
    return kept if len(kept) >= 2 else []


def _annotated_children(item: Item) -> list[Item]:
    """Numbered children of a task that carry their own annotation (same rule as inline)."""
    if not item.children:
        return []
    annotated = [c for c in item.children if any(a.annotation.has_units for a in item_annotations(c))]
    if len(annotated) >= 2 or (annotated and annotated[-1] is not item.children[-1]):
        return annotated
    return []


def _subtask_from_segment(
    parent: Task,
    segment: _SubSegment,
    section_roles: list[Role],
    context: TaskContext,
    warnings: list[BuildWarning],
) -> Task:
    tid = f"{parent.id}.{segment.number.strip('()')}"
    roles, deadline = _roles_and_deadline(list(segment.annotations), context, tid, warnings)
    original = context.source.original
    body = original[segment.start : segment.end]
    marker_length = len(segment.number)
    title_text = body[marker_length:]
    for found in segment.annotations:
        group = found.annotation.group
        title_text = title_text.replace(original[found.base + group.start : found.base + group.end], "")
    return Task(
        id=tid,
        document_id=context.doc_id,
        number=segment.number,
        path=f"{parent.path}.{segment.number.strip('()')}",
        title=_first_sentence(fold_width(title_text)),
        text=body,
        kind=TaskKind.SUBTASK,
        parent_id=parent.id,
        section=parent.section,
        roles=tuple(_with_section_roles(roles, section_roles)),
        deadline=deadline or parent.deadline,
        targets=_targets(context, segment.start, segment.end, achieved=False),
        span=Span(context.doc_id, segment.start, segment.end),
    )


def _roles_and_deadline(
    annotations: list[LineAnnotation], context: TaskContext, tid: str, warnings: list[BuildWarning]
) -> tuple[list[Role], Deadline | None]:
    roles: list[Role] = []
    deadline: Deadline | None = None
    seen: set[tuple[str, RoleKind, str]] = set()
    for found in annotations:
        annotation = found.annotation
        if not annotation.group.closed:
            opened = annotation.group.opened
            warnings.append(
                BuildWarning(
                    "unclosed_annotation" if opened else "unparenthesised_annotation",
                    "an annotation's closing parenthesis is missing"
                    if opened
                    else "an annotation written without parentheses; read from its labels",
                    context.file,
                    tid,
                    Span(context.doc_id, found.base + annotation.group.start, found.line.end),
                )
            )
        for mention in annotation.roles:
            key = (mention.name, mention.kind, mention.scope)
            if key in seen:
                continue
            seen.add(key)
            start, end = found.base + mention.start, found.base + mention.end
            roles.append(
                Role(
                    name=mention.name,
                    raw=context.source.original[start:end].strip(),
                    kind=mention.kind,
                    label=mention.label,
                    unit_kind=mention.unit_kind,
                    scope=mention.scope or SCOPE_TASK,
                    span=Span(context.doc_id, start, end),
                )
            )
        if deadline is None and annotation.deadline:
            deadline = _deadline(found, annotation.deadline, context, tid, warnings)
    return roles, deadline


def _deadline(
    found: LineAnnotation,
    offsets: tuple[int, int],
    context: TaskContext,
    tid: str,
    warnings: list[BuildWarning],
) -> Deadline:
    start, end = found.base + offsets[0], found.base + offsets[1]
    raw = fold_width(context.source.original[start:end]).strip()
    date, kind = parse_deadline(found.text[offsets[0] : offsets[1]], context.plan_year)
    span = Span(context.doc_id, start, end)
    if kind is DeadlineKind.UNPARSED:
        warnings.append(
            BuildWarning(
                "deadline_unparsed", f"deadline {raw!r} has no date I can read", context.file, tid, span
            )
        )
    elif date and context.plan_year and date.year < context.plan_year:
        warnings.append(
            BuildWarning(
                "deadline_before_plan_year",
                f"deadline {raw!r} ({date.isoformat()}) is before the plan year {context.plan_year}",
                context.file,
                tid,
                span,
            )
        )
    return Deadline(raw=raw, date=date, kind=kind, span=span)


def _section_roles(item: Item, context: TaskContext) -> list[Role]:
    """Leads named in the headings above ``item``, nearest heading first."""
    roles: list[Role] = []
    ancestor = item.parent
    while ancestor is not None:
        for found in item_annotations(ancestor):
            for mention in found.annotation.roles:
                if mention.kind is not RoleKind.LEAD:
                    continue
                start, end = found.base + mention.start, found.base + mention.end
                roles.append(
                    Role(
                        name=mention.name,
                        raw=context.source.original[start:end].strip(),
                        kind=RoleKind.LEAD,
                        label=mention.label,
                        unit_kind=mention.unit_kind,
                        scope=SCOPE_SECTION,
                        span=Span(context.doc_id, start, end),
                    )
                )
        if roles:
            break
        ancestor = ancestor.parent
    return roles


def _parent_section_deadline(
    item: Item, context: TaskContext, tid: str, warnings: list[BuildWarning]
) -> Deadline | None:
    ancestor = item.parent
    while ancestor is not None:
        for found in item_annotations(ancestor):
            if found.annotation.deadline:
                return _deadline(found, found.annotation.deadline, context, tid, warnings)
        ancestor = ancestor.parent
    return None


def _with_section_roles(roles: list[Role], section_roles: list[Role]) -> list[Role]:
    names = {(r.name, r.scope) for r in roles}
    return roles + [r for r in section_roles if (r.name, r.scope) not in names]


def _title(item: Item, source: SourceText, own: list[LineAnnotation]) -> str:
    first = item.lines[0]
    text = source.original[first.start + item.body_offset : first.end]
    for found in own:
        if found.line is first:
            group = found.annotation.group
            text = text.replace(source.original[found.base + group.start : found.base + group.end], "")
    inline = _INLINE_SUBITEM.search(fold_width(text))
    if inline and inline.start() > 0:
        text = text[: inline.start()]
    return _first_sentence(fold_width(text))


MAX_TITLE = 40


def _first_sentence(text: str) -> str:
    """The title of an item: its first sentence; a run-on heading is cut at its first comma
    ("获得电力打造南昌智慧配电网,配电自动化…" → "获得电力打造南昌智慧配电网")."""
    sentence = re.sub(r"\s+", " ", text.split("。")[0]).strip(" ,;:")
    if len(sentence) > MAX_TITLE:
        sentence = re.split(r"[,;]", sentence)[0]
    return sentence


def _heading(item: Item, source: SourceText) -> str:
    """An item's first line as a heading: first sentence, trailing "(…牵头)" removed."""
    first = item.lines[0]
    heading = fold_width(source.original[first.start : first.end]).split("。")[0]
    heading = re.sub(r"\([^()]*\)\s*$", "", heading).strip(" ,;:")
    return heading if len(heading) <= MAX_TITLE else heading[:MAX_TITLE] + "…"


def _section_path(item: Item, source: SourceText) -> str:
    """The headings above ``item``: "二、工作任务 > (一)(略) 场准入成本"."""
    parts = []
    ancestor = item.parent
    while ancestor is not None:
        parts.append(_heading(ancestor, source))
        ancestor = ancestor.parent
    return " > ".join(reversed(parts))


def _targets(context: TaskContext, start: int, end: int, *, achieved: bool) -> tuple[Target, ...]:
    analysis = context.source.analysis[start:end]
    return tuple(
        Target(
            raw=fold_width(context.source.original[start + t.start : start + t.end]),
            metric=t.metric,
            comparator=t.comparator,
            value=t.value,
            unit=t.unit,
            achieved=achieved,
            span=Span(context.doc_id, start + t.start, start + t.end),
        )
        for t in find_targets(analysis)
    )


def build_measures(outline: Outline, context: TaskContext) -> tuple[list[Task], list[BuildWarning]]:
    """Measures of a narrative report: titled paragraphs and 一是…二是… enumerations.

    A paragraph under a numbered heading whose first sentence is short ("深化商事制度改革。")
    is one measure; the figures it reports are kept as achieved values, not targets.
    """
    tasks: list[Task] = []
    for section_items in _sections(outline):
        for _, item in _descendants(section_items):
            if item.children:
                continue
            tasks.extend(_measures_of(item, context))
    return tasks, []


def _measures_of(item: Item, context: TaskContext) -> list[Task]:
    measures: list[Task] = []
    for line in item.lines[1:]:
        enumerated = list(_ENUMERATED.finditer(line.text))
        if len(enumerated) >= 2:
            for index, m in enumerate(enumerated):
                end = enumerated[index + 1].start() if index + 1 < len(enumerated) else len(line.text)
                measures.append(
                    _measure(
                        item,
                        context,
                        line.start + m.start(),
                        line.start + end,
                        f"{m.group(1)}是",
                        len(m.group(0)),
                        len(measures) + 1,
                    )
                )
            continue
        title = line.text.split("。")[0]
        if "。" in line.text and 2 <= len(title) <= MAX_MEASURE_TITLE and "," not in title:
            measures.append(
                _measure(item, context, line.start, line.end, str(len(measures) + 1), 0, len(measures) + 1)
            )
    return measures


def _measure(
    item: Item, context: TaskContext, start: int, end: int, number: str, skip: int, ordinal: int
) -> Task:
    path = f"{item.path}.m{ordinal}"
    body = context.source.original[start:end]
    return Task(
        id=task_id(context.doc_id, path),
        document_id=context.doc_id,
        number=number,
        path=path,
        title=_first_sentence(fold_width(body[skip:])),
        text=body,
        kind=TaskKind.MEASURE,
        parent_id=None,
        section=" > ".join(
            p for p in (_section_path(item, context.source), _heading(item, context.source)) if p
        ),
        roles=(),
        deadline=None,
        targets=_targets(context, start, end, achieved=True),
        span=Span(context.doc_id, start, end),
    )
