"""Role annotations: "(牵头单位:…;配合单位:…;完成时限:…)" and their unlabelled forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from graph_build.deadlines import looks_like_deadline
from graph_build.model import RoleKind, UnitKind
from graph_build.resources import role_labels
from graph_build.units import is_unit_like, split_units

_CLAUSE_SEPARATORS = frozenset(",;。")
# The verbs of unlabelled annotations, longest first:
# (市政府办公室、市财政局牵头,市级各有关部门按职责分工负责) / (市税务局负责) / (…分别牵头)
_VERB = re.compile(
    r"(?:分别|共同|联合|负责)?牵头(?:负责|落实|推进)?$"
    r"|(?:按职责分工|按照职责分工|按职责|根据职责|具体|分别|共同)?(?:负责|落实)$"
    r"|(?:积极|协同|共同)?(?:配合|协助|协办|参与)$"
)


class Meaning(StrEnum):
    LEAD = "lead"
    RESPONSIBLE = "responsible"  # 责任单位 / 负责: a lead unless a lead label is also there
    DIVISION = "division"
    ASSIST = "assist"
    DEADLINE = "deadline"
    LEADER = "leader"  # 牵头领导: a person or post; read past, never a unit


class AnnotationStyle(StrEnum):
    LABELLED = "labelled"
    UNLABELLED = "unlabelled"
    BARE = "bare"


@dataclass(frozen=True, slots=True)
class Group:
    """A top-level parenthesised group in a line: ``[start, end)`` includes the parentheses."""

    start: int
    end: int
    closed: bool
    opened: bool = True  # False: labelled words at the end of a line with no parentheses at all

    @property
    def inner_start(self) -> int:
        return self.start + 1 if self.opened else self.start

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A unit in a role; offsets are into the line the annotation was found in."""

    name: str
    kind: RoleKind
    unit_kind: UnitKind
    label: str
    scope: str
    start: int
    end: int


@dataclass(slots=True)
class Annotation:
    """One parsed annotation group and what it says."""

    group: Group
    style: AnnotationStyle
    roles: list[RoleMention] = field(default_factory=list)
    deadline: tuple[int, int] | None = None  # offsets of the deadline words in the line

    @property
    def has_units(self) -> bool:
        return bool(self.roles)


def find_groups(line: str) -> list[Group]:
    """Top-level parenthesised groups of one line; an unclosed one runs to the end of the line.

    Examples
    --------
    >>> line = "推进赋权(街道)。(牵头单位:各市(区)人民政府"
    >>> [(line[g.start:g.end], g.closed) for g in find_groups(line)]
    [('(街道)', True), ('(牵头单位:各市(区)人民政府', False)]
    """
    groups: list[Group] = []
    depth, start = 0, -1
    for index, ch in enumerate(line):
        if ch == "(":
            if depth == 0:
                start = index
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(Group(start, index + 1, closed=True))
    if depth:
        groups.append(Group(start, len(line), closed=False))
    return groups


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(role_labels(), key=len, reverse=True)
    # 市牵头单位: / 牵头单位: / 责任单位 : — a label, optionally with a level prefix, then a colon.
    return re.compile(r"(?:[市区县省])?(" + "|".join(map(re.escape, labels)) + r")\s*[::]")


def parse_group(line: str, group: Group, *, allow_bare: bool) -> Annotation | None:
    """Read one group as an annotation, or None when it is an aside like "(特殊工程除外)".

    Parameters
    ----------
    line
        The line in analysis form.
    group
        A group from :func:`find_groups`.
    allow_bare
        Accept a bare unit list "(市行政审批局、住建局)": only where an annotation is expected,
        at the end of a task or heading.

    Examples
    --------
    >>> line = "(责任单位:市审批局;配合单位:市公安局、卫健委等单位,各县区政府)"
    >>> a = parse_group(line, find_groups(line)[0], allow_bare=False)
    >>> [(r.name, r.kind.value) for r in a.roles]
    [('市审批局', 'lead'), ('市公安局', 'assist'), ('市卫健委', 'assist'), ('各县区政府', 'assist')]
    >>> line = "(市政府办公室、市财政局牵头,市级各有关部门按职责分工负责)"
    >>> a = parse_group(line, find_groups(line)[0], allow_bare=False)
    >>> [(r.name, r.kind.value) for r in a.roles]
    [('市政府办公室', 'lead'), ('市财政局', 'lead'), ('市级各有关部门', 'assist')]
    """
    if _label_pattern().search(line, group.inner_start, group.inner_end):
        return _parse_labelled(line, group)
    return _parse_unlabelled(line, group, allow_bare=allow_bare)


def _parse_labelled(line: str, group: Group) -> Annotation:
    matches = list(_label_pattern().finditer(line, group.inner_start, group.inner_end))
    meanings = [Meaning(role_labels()[m.group(1)]) for m in matches]
    has_lead_label = Meaning.LEAD in meanings
    annotation = Annotation(group, AnnotationStyle.LABELLED)
    scope_start = group.inner_start
    for index, m in enumerate(matches):
        scope = _strip(line[scope_start : m.start()])
        content_end = matches[index + 1].start() if index + 1 < len(matches) else group.inner_end
        content_start = m.end()
        next_scope_start = content_end
        if index + 1 < len(matches):
            # "局经发办;行政审批中介服务专项治理牵头单位:" — after the last separator comes the
            # next label's scope, not this label's units.
            cut = _last_separator(line, content_start, content_end)
            if cut is not None:
                content_end, next_scope_start = cut, cut + 1
        meaning = meanings[index]
        label = line[m.start() : m.end()].rstrip(": ").rstrip(":")
        if meaning is Meaning.LEADER:
            pass
        elif meaning is Meaning.DEADLINE:
            annotation.deadline = annotation.deadline or _trimmed(line, content_start, content_end)
        else:
            kind = _role_kind(meaning, has_lead_label)
            _add_units(annotation, line, content_start, content_end, kind, meaning, label, scope)
        scope_start = next_scope_start
    return annotation


def _parse_unlabelled(line: str, group: Group, *, allow_bare: bool) -> Annotation | None:
    clauses = _clauses(line, group.inner_start, group.inner_end)
    if not clauses:
        return None
    verbs = [_VERB.search(line[s:e].rstrip()) for s, e in clauses]
    has_lead_verb = any(v and "牵头" in v.group(0) for v in verbs)
    annotation = Annotation(group, AnnotationStyle.UNLABELLED if any(verbs) else AnnotationStyle.BARE)
    if annotation.style is AnnotationStyle.BARE and not allow_bare:
        return None
    pending: list[tuple[int, int]] = []
    last_kind = RoleKind.LEAD
    plan: list[tuple[int, int, RoleKind, str]] = []
    for (start, end), verb in zip(clauses, verbs, strict=True):
        text = line[start:end]
        if verb is None:
            if looks_like_deadline(text) and not is_unit_like(text):
                _extend_deadline(annotation, line, start, end)
            else:
                pending.append((start, end))
            continue
        verb_start = start + len(text.rstrip()) - len(verb.group(0))
        word = verb.group(0)
        if "牵头" in word:
            kind = RoleKind.LEAD
        elif re.search("配合|协助|协办|参与", word):
            kind = RoleKind.ASSIST
        else:
            kind = RoleKind.ASSIST if has_lead_verb else RoleKind.LEAD
        for p_start, p_end in pending:
            plan.append((p_start, p_end, kind, word))
        pending = []
        if verb_start > start:
            plan.append((start, verb_start, kind, word))
        last_kind = kind
    for p_start, p_end in pending:
        plan.append((p_start, p_end, last_kind, ""))
    if not plan:
        return None
    if not all(_all_units(line[s:e]) for s, e, _, _ in plan):
        return None
    for start, end, kind, word in plan:
        meaning = Meaning.LEAD if kind is RoleKind.LEAD else Meaning.ASSIST
        _add_units(annotation, line, start, end, kind, meaning, word, "")
    return annotation if annotation.roles else None


def _all_units(text: str) -> bool:
    mentions = split_units(text)
    pieces = [p for p in re.split(r"[、,;。]", _mask_parens(text)) if p.strip()]
    return bool(mentions) and all(is_unit_like(p) or p.strip().startswith("各") for p in pieces)


def _mask_parens(text: str) -> str:
    """Hide separators inside parentheses (各市(区)人民政府) from a plain split."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        out.append("·" if depth and ch in "、,;。" else ch)
    return "".join(out)


def _role_kind(meaning: Meaning, has_lead_label: bool) -> RoleKind:
    if meaning in (Meaning.LEAD, Meaning.DIVISION):
        return RoleKind.LEAD
    if meaning is Meaning.RESPONSIBLE:
        return RoleKind.ASSIST if has_lead_label else RoleKind.LEAD
    return RoleKind.ASSIST


def _add_units(
    annotation: Annotation,
    line: str,
    start: int,
    end: int,
    kind: RoleKind,
    meaning: Meaning,
    label: str,
    scope: str,
) -> None:
    content = line[start:end]
    # Deadline words inside a unit segment ("区直相关单位。2021年12月底") are the deadline.
    masked = list(content)
    for c_start, c_end in _clauses(content, 0, len(content)):
        clause = content[c_start:c_end]
        if looks_like_deadline(clause) and not is_unit_like(clause):
            _extend_deadline(annotation, line, start + c_start, start + c_end)
            masked[c_start:c_end] = " " * (c_end - c_start)
    for mention in split_units("".join(masked)):
        unit_kind = UnitKind.DIVISION if meaning is Meaning.DIVISION else mention.kind
        if meaning is Meaning.DIVISION and mention.kind is not UnitKind.DEPARTMENT:
            unit_kind = mention.kind
        annotation.roles.append(
            RoleMention(
                name=mention.name,
                kind=kind,
                unit_kind=unit_kind,
                label=label,
                scope=scope,
                start=start + mention.start,
                end=start + mention.end,
            )
        )


def _clauses(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans between top-level , ; 。 inside ``line[start:end]``."""
    spans: list[tuple[int, int]] = []
    depth, clause_start = 0, start
    for index in range(start, end):
        ch = line[index]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _CLAUSE_SEPARATORS:
            spans.append((clause_start, index))
            clause_start = index + 1
    spans.append((clause_start, end))
    return [(s, e) for s, e in spans if line[s:e].strip()]


def _last_separator(line: str, start: int, end: int) -> int | None:
    depth, found = 0, None
    for index in range(start, end):
        ch = line[index]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ";。,":
            found = index
    return found


def _extend_deadline(annotation: Annotation, line: str, start: int, end: int) -> None:
    """Take a deadline clause; one right after the current deadline extends it
    ("2022年10月底前完成,长期坚持" is one deadline)."""
    span = _trimmed(line, start, end)
    if span is None:
        return
    if annotation.deadline is None:
        annotation.deadline = span
    elif not line[annotation.deadline[1] : span[0]].strip(" ,;。:、"):
        annotation.deadline = (annotation.deadline[0], span[1])


def _trimmed(line: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and line[start] in " ,;。:、":
        start += 1
    while end > start and line[end - 1] in " ,;。:、":
        end -= 1
    return (start, end) if end > start else None


def _strip(text: str) -> str:
    return text.strip(" ,;。:、")


def find_annotations(line: str, *, annotation_expected_at_end: bool) -> list[Annotation]:
    """All annotations in one line, in order.

    A bare unit list is accepted only as the last thing on the line (followed by nothing but
    punctuation) when ``annotation_expected_at_end``, or when the line is nothing but the group.
    """
    annotations = []
    stripped_end = len(line.rstrip(" 。;,."))
    stripped_start = len(line) - len(line.lstrip())
    for group in find_groups(line):
        at_end = group.end >= stripped_end
        alone = group.start == stripped_start and at_end
        allow_bare = alone or (annotation_expected_at_end and at_end)
        annotation = parse_group(line, group, allow_bare=allow_bare)
        if annotation is not None:
            annotations.append(annotation)
    if not annotations and annotation_expected_at_end:
        bare = _unparenthesised_annotation(line)
        if bare is not None:
            annotations.append(bare)
    return annotations


def _unparenthesised_annotation(line: str) -> Annotation | None:
    """ "…提升政务服务效能。牵头单位:市政务服务中心;完成时限:2023年12月底" — the labels written
    without their parentheses, from a sentence boundary to the end of the line.

    Examples
    --------
    >>> a = _unparenthesised_annotation("提升效能。牵头单位:市政务服务中心;完成时限:2023年12月底")
    >>> [r.name for r in a.roles], a.group.opened
    (['市政务服务中心'], False)
    >>> _unparenthesised_annotation("由牵头单位:负责协调") is None
    True
    """
    groups = find_groups(line)
    for m in _label_pattern().finditer(line):
        if any(g.start <= m.start() < g.end for g in groups):
            continue
        # Only after a sentence, and only plain words: anything else is too ambiguous to read.
        if not m.start() or line[m.start() - 1] not in "。;;,, " or "(" in line[m.start() :]:
            continue
        annotation = parse_group(
            line, Group(m.start(), len(line), closed=False, opened=False), allow_bare=False
        )
        return annotation if annotation is not None and annotation.has_units else None
    return None
