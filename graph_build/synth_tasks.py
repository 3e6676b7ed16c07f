"""What synthetic plan tasks say and how their annotations are written, with the truth beside them."""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from graph_build.errors import ResourceFormatError
from graph_build.synth_units import COLLECTIVE, DEPARTMENTS, SPECIALS, Holder, Roster

VOCABULARY = "synth_vocabulary.yaml"


@dataclass(frozen=True, slots=True)
class TargetPhrase:
    """A quantitative target as plans write it: "压缩至{n}个工作日以内"."""

    template: str
    values: tuple[float, ...]
    unit: str  # as the extractor normalises it (个工作日 → 工作日)
    comparator: str


@dataclass(frozen=True, slots=True)
class Theme:
    """One field of work: its indicator, reforms, sentences, targets and who usually leads."""

    indicator: str
    headings: tuple[str, ...]
    titles: tuple[str, ...]  # "{r}" is one of the reforms
    reforms: tuple[str, ...]
    sentences: tuple[str, ...]
    targets: tuple[TargetPhrase, ...]
    leads: tuple[str, ...]  # keys of DEPARTMENTS, SPECIALS or "collective"
    assists: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Everything synth_vocabulary.yaml holds."""

    themes: tuple[Theme, ...]
    generic_titles: tuple[str, ...]
    generic_headings: tuple[str, ...]
    plan_kinds: tuple[str, ...]
    task_section_headings: tuple[str, ...]
    purposes: tuple[str, ...]
    paragraphs: tuple[str, ...]
    goals: tuple[str, ...]
    safeguards: tuple[tuple[str, str], ...]


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ResourceFormatError(VOCABULARY, 0, f"{where}: expected a non-empty list of words")
    return tuple(value)


def _theme(entry: dict[str, Any], index: int) -> Theme:
    where = f"themes[{index}] ({entry.get('indicator', '?')})"
    keys = set(DEPARTMENTS) | SPECIALS | {COLLECTIVE}
    leads, assists = _strings(entry.get("leads"), f"{where}.leads"), _strings(entry.get("assists"), where)
    unknown = sorted(set(leads + assists) - keys)
    if unknown:
        raise ResourceFormatError(VOCABULARY, 0, f"{where}: unknown holder keys {unknown}")
    targets = []
    for target in entry.get("targets") or []:
        if "{n}" not in str(target.get("template", "")):
            raise ResourceFormatError(VOCABULARY, 0, f"{where}: target template without {{n}}")
        targets.append(
            TargetPhrase(
                str(target["template"]),
                tuple(float(v) for v in target["values"]),
                str(target["unit"]),
                str(target["comparator"]),
            )
        )
    return Theme(
        indicator=str(entry["indicator"]),
        headings=_strings(entry.get("headings"), f"{where}.headings"),
        titles=_strings(entry.get("titles"), f"{where}.titles"),
        reforms=_strings(entry.get("reforms"), f"{where}.reforms"),
        sentences=_strings(entry.get("sentences"), f"{where}.sentences"),
        targets=tuple(targets),
        leads=leads,
        assists=assists,
    )


@cache
def vocabulary() -> Vocabulary:
    """The generator's vocabulary, loaded once and checked.

    Raises
    ------
    ResourceFormatError
        A list is missing or empty, a holder key is unknown, a target has no ``{n}``.
    """
    text = resources.files("graph_build.resources").joinpath(VOCABULARY).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ResourceFormatError(VOCABULARY, 1, "expected a mapping at the top")
    safeguards = tuple((str(h), str(t)) for h, t in data.get("safeguards") or [])
    if not safeguards:
        raise ResourceFormatError(VOCABULARY, 0, "safeguards: expected [heading, text] pairs")
    return Vocabulary(
        themes=tuple(_theme(entry, i) for i, entry in enumerate(data.get("themes") or [])),
        generic_titles=_strings(data.get("generic_titles"), "generic_titles"),
        generic_headings=_strings(data.get("generic_headings"), "generic_headings"),
        plan_kinds=_strings(data.get("plan_kinds"), "plan_kinds"),
        task_section_headings=_strings(data.get("task_section_headings"), "task_section_headings"),
        purposes=_strings(data.get("purposes"), "purposes"),
        paragraphs=_strings(data.get("paragraphs"), "paragraphs"),
        goals=_strings(data.get("goals"), "goals"),
        safeguards=safeguards,
    )


# ---------------------------------------------------------------------------------------------
# Deadlines


@dataclass(frozen=True, slots=True)
class Due:
    """``deadline`` — 完成时限 as written and what it means (ISO date, ongoing)."""

    raw: str
    date: str | None
    ongoing: bool


def _month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def draw_due(rng: random.Random, year: int, *, unlabelled: bool) -> Due:
    """A deadline phrase of the kinds plans use: absolute, relative to the plan year, ongoing.

    Unlabelled annotations say 完成 after a date ("2022年6月底前完成") as real plans do.

    Examples
    --------
    >>> due = draw_due(random.Random(3), 2022, unlabelled=False)
    >>> due.date is None or due.date.startswith(("2022", "2023"))
    True
    """
    done = "完成" if unlabelled else ""
    month = rng.randint(3, 12)
    # Now and then a task runs into the next year.
    y = year + (1 if rng.random() < 0.05 else 0)
    roll = rng.random()
    if roll < 0.30:
        return Due(f"{y}年{month}月底前{done}", _month_end(y, month), False)
    if roll < 0.42:
        return Due(f"{y}年{month}月底", _month_end(y, month), False)
    if roll < 0.48:
        return Due(f"{y}年{month}月", _month_end(y, month), False)
    if roll < 0.54:
        day = rng.randint(1, 28)
        return Due(f"{y}年{month}月{day}日前{done}", f"{y}-{month:02d}-{day:02d}", False)
    if roll < 0.62:
        return Due(f"{y}年底前{done}", f"{y}-12-31", False)
    if roll < 0.68:
        return Due(f"年底前{done}", f"{year}-12-31", False)
    if roll < 0.73:
        return Due(f"{month}月底前{done}", _month_end(year, month), False)
    if roll < 0.76:
        return Due("上半年", f"{year}-06-30", False)
    if roll < 0.79:
        return Due("三季度末", f"{year}-09-30", False)
    if roll < 0.87:
        return Due(rng.choice(("长期坚持", "持续推进", "常态化推进", "及时推进,长期坚持")), None, True)
    if roll < 0.90:
        # Two steps: the latest date named is when the task is due.
        start = rng.randint(1, month - 1) if month > 3 else 1
        end = max(month, start + 1)
        return Due(f"{y}年{start}月底前启动,{end}月底前{done or '完成'}", _month_end(y, end), False)
    return Due(f"{y}年{month}月底{'前' if done else ''}{done},长期坚持", _month_end(y, month), True)


# ---------------------------------------------------------------------------------------------
# Tasks and their truth


@dataclass(frozen=True, slots=True)
class Duty:
    """Who does a task and by when: ``lead_units`` — 牵头单位, ``assist_units`` — 配合单位."""

    leads: tuple[Holder, ...]
    assists: tuple[Holder, ...] = ()
    due: Due | None = None


@dataclass(frozen=True, slots=True)
class Target:
    raw: str
    value: float
    unit: str
    comparator: str


@dataclass(frozen=True, slots=True)
class TaskDraft:
    """A task before it is numbered and written: title, sentences, targets and duty."""

    title: str
    sentences: tuple[str, ...]
    targets: tuple[Target, ...]
    duty: Duty


@dataclass(slots=True)
class TruthTask:
    """One task as the extractor should report it (the fixtures' expected form).

    ``variant`` names a stretch form the task is written in ("" for the core formats the
    extraction core is built for), so a benchmark can score the two apart.
    """

    number: str
    parent_number: str | None
    title: str
    lead: list[str]
    assist: list[str]
    section_lead: list[str]
    deadline: Due | None
    targets: tuple[Target, ...] = ()
    annotation: str = ""
    variant: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "parent_number": self.parent_number,
            "title": self.title,
            "lead": self.lead,
            "assist": self.assist,
            "section_lead": self.section_lead,
            "deadline": self.deadline.date if self.deadline else None,
            "deadline_raw": self.deadline.raw if self.deadline else None,
            "ongoing": bool(self.deadline and self.deadline.ongoing),
            "targets": [
                {"raw": t.raw, "value": t.value, "unit": t.unit, "comparator": t.comparator}
                for t in self.targets
            ],
            "annotation": self.annotation,
            "variant": self.variant,
        }


# Forms real plans use beyond the fixtures, scored apart from the core formats. When written,
# the extractor read own_line and and_join; space_labels unless a list holds a comma (what follows
# the comma was taken for the next label's scope); not leader_label (牵头领导 names an office, not
# a unit) nor deadline_line (完成时限 outside the parentheses). Task tables are a layout, "table".
STRETCH_VARIANTS = ("space_labels", "own_line", "and_join", "leader_label", "deadline_line", "table")


@dataclass(frozen=True, slots=True)
class Style:
    """How one document is written; drawn once per document."""

    structure: str  # flat / grouped / themed / articles / top / deep / table
    marker: str  # task numbering: "1．", "1.", "1、", "１．", "(一)" or "(1)"
    annotation: str  # labelled / period / responsible / unlabelled / bare
    lead_label: str
    assist_label: str
    deadline_label: str
    separator: str
    full_width: bool
    drop_prefix: float  # chance a bureau after another of its level is written without prefix
    variant_spelling: float  # chance a mention uses another spelling of the same unit
    section_leads: float
    subitems: float
    continuous: bool  # tasks numbered straight through their headings
    variant: str = ""  # one of STRETCH_VARIANTS, used on about half the tasks it fits


def draw_style(rng: random.Random) -> Style:
    structure = rng.choices(
        ("flat", "grouped", "themed", "articles", "top", "deep", "table"), weights=(30, 25, 20, 8, 7, 10, 2)
    )[0]
    annotation = rng.choices(
        ("labelled", "period", "responsible", "unlabelled", "bare"), weights=(38, 12, 15, 27, 8)
    )[0]
    labels = {
        "labelled": (
            rng.choice(("牵头单位", "牵头单位", "牵头部门", "主责单位")),
            rng.choice(("配合单位", "配合部门", "协办单位", "参与单位")),
        ),
        "period": ("牵头单位", "责任单位"),
        "responsible": ("责任单位", rng.choice(("配合单位", "协办单位"))),
    }
    lead_label, assist_label = labels.get(annotation, ("", ""))
    markers = {"flat": ("1．", "1.", "1、", "１．", "(一)", "(1)"), "themed": ("1．", "1.", "1、", "(一)")}
    marker = rng.choice(markers.get(structure, ("1．", "1.", "1、")))
    variant = ""
    if structure != "table" and rng.random() < 0.15:
        fitting = {
            "labelled": ("space_labels", "own_line", "leader_label", "deadline_line"),
            "period": ("own_line", "deadline_line"),
            "responsible": ("space_labels", "own_line", "leader_label", "deadline_line"),
            "unlabelled": ("own_line", "and_join", "deadline_line"),
            "bare": ("own_line",),
        }[annotation]
        variant = rng.choice(fitting)
    return Style(
        structure=structure,
        marker=marker,
        annotation=annotation,
        lead_label=lead_label,
        assist_label=assist_label,
        deadline_label=rng.choice(("完成时限", "完成时限", "完成时间", "时间节点", "完成期限")),
        separator="。" if annotation == "period" else rng.choice((";", ";", ";", ",")),
        full_width=rng.random() < 0.7,
        drop_prefix=rng.choice((0.0, 0.5, 0.9)),
        variant_spelling=rng.choice((0.0, 0.0, 0.1)),
        section_leads=rng.choice((0.0, 0.0, 0.5, 0.8)),
        subitems=rng.choice((0.0, 0.0, 0.1, 0.2)),
        continuous=rng.random() < 0.6,
        variant=variant,
    )


@dataclass(slots=True)
class Draft:
    """A document being written: lines (half-width punctuation until rendered) and truth."""

    lines: list[str] = field(default_factory=list)
    tasks: list[TruthTask] = field(default_factory=list)
    damage: list[dict[str, Any]] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)
    task_lines: list[int] = field(default_factory=list)  # lines that hold one whole task


_CN = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def cn_numeral(value: int) -> str:
    """一 … 九十九, as plans write them.

    Examples
    --------
    >>> [cn_numeral(v) for v in (1, 10, 12, 20, 35)]
    ['一', '十', '十二', '二十', '三十五']
    """
    if value < 10:
        return _CN[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def task_marker(style: str, value: int) -> tuple[str, str]:
    """``(as written, as the extractor numbers it)`` of a task marker in one numbering style.

    Examples
    --------
    >>> task_marker("(一)", 12), task_marker("第一条", 3), task_marker("1．", 7)
    (('(十二)', '(十二)'), ('第三条\\u3000', '第三条'), ('7．', '7'))
    """
    if style == "(一)":
        return f"({cn_numeral(value)})", f"({cn_numeral(value)})"
    if style == "一、":
        return f"{cn_numeral(value)}、", cn_numeral(value)
    if style == "第一条":
        return f"第{cn_numeral(value)}条\u3000", f"第{cn_numeral(value)}条"
    if style == "(1)":
        return f"({value})", f"({value})"
    if style == "１．":
        return f"{str(value).translate(_FULL_WIDTH_DIGITS)}．", str(value)
    return f"{value}{style[1:]}", str(value)


_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


class Writer:
    """Writes the tasks of one plan: draws them, renders their annotations, keeps the truth."""

    def __init__(self, rng: random.Random, roster: Roster, year: int, style: Style) -> None:
        self.rng = rng
        self.roster = roster
        self.year = year
        self.style = style
        self.words = vocabulary()
        self.draft = Draft()
        self._titles: set[str] = set()

    # -- drawing -------------------------------------------------------------------------------

    def holders(self, keys: Sequence[str], count: int, exclude: set[str]) -> list[Holder]:
        """Up to ``count`` distinct holders for ``keys`` (skipping what this level lacks)."""
        chosen: list[Holder] = []
        for key in self.rng.sample(list(keys), len(keys)):
            if len(chosen) >= count:
                break
            holder = self.roster.holder(key, self.rng, variant=self.style.variant_spelling)
            if holder is None or holder.canonical in exclude:
                continue
            exclude.add(holder.canonical)
            chosen.append(holder)
        return chosen

    def duty(self, theme: Theme) -> Duty:
        rng, bare = self.rng, self.style.annotation == "bare"
        seen: set[str] = set()
        leads = self.holders(theme.leads, 1 if rng.random() < 0.72 else 2, seen)
        if not leads:
            leads = self.holders(("政府办", "发改", "财政"), 1, seen)
        helpers: list[Holder] = []
        # A bare list names leads only: every unit in it is read as one.
        if bare and rng.random() < 0.3:
            leads.append(self.roster.collective(rng))
        elif not bare and rng.random() < 0.75:
            helpers = self.holders(theme.assists, rng.randint(1, 3), seen)
            if rng.random() < 0.25:
                collective = self.roster.collective(rng)
                if collective.canonical not in seen:
                    helpers.append(collective)
        when = None
        if not bare and rng.random() < 0.7:
            when = draw_due(rng, self.year, unlabelled=self.style.annotation == "unlabelled")
        return Duty(tuple(leads), tuple(helpers), when)

    def task(self, theme: Theme, *, duty: bool = True) -> TaskDraft:
        rng = self.rng
        title = ""
        for _ in range(20):
            templates = theme.titles if rng.random() < 0.6 else self.words.generic_titles
            title = rng.choice(templates).replace("{r}", rng.choice(theme.reforms))
            if rng.random() < 0.08:
                # Two clauses joined by a comma; the extractor keeps them while under 40 characters.
                second = rng.choice(theme.titles).replace("{r}", rng.choice(theme.reforms))
                if second != title and len(title) + len(second) < 40:
                    title = f"{title},{second}"
            if title not in self._titles:
                break
        self._titles.add(title)
        sentences = rng.sample(theme.sentences, min(len(theme.sentences), rng.randint(1, 2)))
        targets: tuple[Target, ...] = ()
        if theme.targets and rng.random() < 0.55:
            phrase = rng.choice(theme.targets)
            value = rng.choice(phrase.values)
            raw = phrase.template.replace("{n}", f"{value:g}")
            sentences.append(raw)
            targets = (Target(raw, float(value), phrase.unit, phrase.comparator),)
        return TaskDraft(title, tuple(sentences), targets, self.duty(theme) if duty else Duty(()))

    def section_holders(self, theme: Theme) -> list[Holder]:
        return self.holders(theme.leads, 1 if self.rng.random() < 0.75 else 2, set())

    # -- rendering -----------------------------------------------------------------------------

    def units(self, holders: Sequence[Holder], *, joined: bool = False) -> str:
        """A unit list as plans write it: bureaus with 、 (prefix left out after a bureau of the
        same level), collectives after a comma, now and then a trailing 等单位; ``joined``
        writes two units with 和."""
        for holder in holders:
            self.draft.units[holder.written] = holder.canonical
        departments = [h for h in holders if not h.collective]
        collectives = [h for h in holders if h.collective]
        if joined:
            return "和".join(h.written for h in holders)
        parts: list[str] = []
        previous: Holder | None = None
        for holder in departments:
            text = holder.written
            if (
                previous is not None
                and holder.short
                and previous.prefix == holder.prefix
                and self.rng.random() < self.style.drop_prefix
            ):
                text = holder.short
            parts.append(text)
            previous = holder if holder.short else None
        listed = "、".join(parts)
        if len(departments) >= 2 and self.rng.random() < 0.15:
            listed += self.rng.choice(("等单位", "等部门", "等"))
        return ",".join(([listed] if listed else []) + [h.written for h in collectives])

    def annotation(self, duty: Duty, variant: str = "") -> str:
        """The parenthesised annotation of a duty in this document's style (and ``variant``)."""
        style, rng = self.style, self.rng
        due = None if variant == "deadline_line" else duty.due
        if style.annotation == "bare":
            return f"({self.units(duty.leads)})"
        if style.annotation == "unlabelled":
            leads = self.units(duty.leads, joined=variant == "and_join")
            if duty.assists:
                lead_verb, assist_verb = rng.choice(
                    (("牵头", "配合"), ("牵头", "按职责分工负责"), ("负责", "配合"), ("牵头", "参与"))
                )
                text = f"{leads}{lead_verb},{self.units(duty.assists)}{assist_verb}"
            else:
                many = len(duty.leads) > 1 and rng.random() < 0.3
                text = leads + ("分别牵头" if many else rng.choice(("负责", "牵头")))
            return f"({text},{due.raw})" if due else f"({text})"
        parts = [f"{style.lead_label}:{self.units(duty.leads)}"]
        if variant == "leader_label":
            parts.insert(0, f"牵头领导:{self.roster.leader}")
        if duty.assists:
            parts.append(f"{style.assist_label}:{self.units(duty.assists)}")
        if due:
            parts.append(f"{style.deadline_label}:{due.raw}")
        separator = rng.choice(("  ", "\u3000")) if variant == "space_labels" else style.separator
        return "(" + separator.join(parts) + ")"

    def section_lead(self, holders: Sequence[Holder]) -> str:
        """A heading's lead: "(区审批局牵头)", "(…分别牵头)" or "(牵头单位:…)"."""
        if self.rng.random() < 0.2:
            return f"(牵头单位:{self.units(holders)})"
        return f"({self.units(holders)}{'分别牵头' if len(holders) > 1 else '牵头'})"

    def body(self, draft: TaskDraft) -> str:
        if len(draft.sentences) >= 2 and self.rng.random() < 0.5:
            return ",".join(draft.sentences) + "。"
        return "。".join(draft.sentences) + "。"

    def truth(
        self,
        number: str,
        draft: TaskDraft,
        section: Sequence[Holder],
        *,
        parent: str | None = None,
        duty: Duty | None = None,
        annotation: str = "",
        variant: str = "",
    ) -> TruthTask:
        duty = duty if duty is not None else draft.duty
        return TruthTask(
            number=number,
            parent_number=parent,
            title=draft.title,
            lead=[h.written for h in duty.leads],
            assist=[h.written for h in duty.assists],
            section_lead=[h.written for h in section],
            deadline=duty.due,
            targets=draft.targets,
            annotation=annotation or self.style.annotation,
            variant=variant,
        )

    def _variant_for(self, duty: Duty) -> str:
        """The document's stretch variant for this task, where it fits (about half the time)."""
        variant = self.style.variant
        if not variant or self.rng.random() < 0.5:
            return ""
        if variant == "deadline_line" and duty.due is None:
            return ""
        if variant == "and_join" and (len(duty.leads) != 2 or any(h.collective for h in duty.leads)):
            return ""
        return variant

    def task_line(
        self, marker: str, number: str, theme: Theme, section: Sequence[Holder], *, annotated: bool = True
    ) -> None:
        """One task: a line (or two, when its text runs on), maybe with (1)(2) sub-items.

        An unannotated task (under a heading that names its lead) inherits the section lead.
        """
        rng, draft = self.rng, self.draft
        # A bare unit list is an annotation only at the end of a line, so sub-items (which put
        # one in mid-line) are written only with labelled or unlabelled annotations.
        if annotated and self.style.annotation != "bare" and rng.random() < self.style.subitems:
            self._task_with_subitems(marker, number, theme, section)
            return
        task = self.task(theme, duty=annotated)
        variant = self._variant_for(task.duty) if annotated else ""
        note = self.annotation(task.duty, variant) if annotated else ""
        head, body = f"{marker}{task.title}。", self.body(task)
        if variant == "own_line":
            draft.lines += [head + body, note]
        elif annotated and rng.random() < 0.12:
            # The text runs on to a second line that carries the annotation.
            draft.lines += [head, body + note]
        else:
            draft.task_lines.append(len(draft.lines))
            draft.lines.append(head + body + note)
        if variant == "deadline_line" and task.duty.due:
            draft.lines.append(f"{self.style.deadline_label or '完成时限'}:{task.duty.due.raw}")
        kind = "" if annotated else "inherited"
        draft.tasks.append(self.truth(number, task, section, annotation=kind, variant=variant))

    def _task_with_subitems(self, marker: str, number: str, theme: Theme, section: Sequence[Holder]) -> None:
        """(1)(2) sub-items written inside one task: each with its own annotation they are
        sub-tasks; with one annotation at the end they are just the task's text."""
        rng, draft = self.rng, self.draft
        count = rng.randint(2, 3)
        # Under (1)-numbered tasks plans switch to ① for the items inside one.
        circled = (marker.startswith("(") and marker[1:2].isdigit()) or rng.random() < 0.3
        # Only the parent's title is written, so it has no sentences and no targets.
        parent = replace(self.task(theme, duty=False), sentences=(), targets=())
        subs = [self.task(theme) for _ in range(count)]
        labels = [CIRCLED[i] if circled else f"({i + 1})" for i in range(count)]
        if rng.random() < 0.3:
            duty = self.duty(theme)
            items = ";".join(f"{label}{sub.title}" for label, sub in zip(labels, subs, strict=True))
            draft.lines.append(f"{marker}{parent.title}。{items}。{self.annotation(duty)}")
            draft.tasks.append(self.truth(number, parent, section, duty=duty))
            return
        pieces = [f"{marker}{parent.title}。"]
        truths = [self.truth(number, parent, section, duty=Duty(()), annotation="subitems")]
        for label, sub in zip(labels, subs, strict=True):
            pieces.append(f"{label}{sub.title}。{self.body(sub)}{self.annotation(sub.duty)}")
            truths.append(self.truth(label, sub, section, parent=number))
        draft.lines.append("".join(pieces))
        draft.tasks.extend(truths)
