"""How a synthetic plan is laid out: opening, numbering structure, closing; reports and task tables."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from graph_build.synth_tasks import Theme, Writer, cn_numeral, task_marker, vocabulary
from graph_build.synth_units import COLLECTIVES, Holder, Jurisdiction

NATIONAL_POLICY = "优化营商环境条例"


@dataclass(frozen=True, slots=True)
class Slot:
    """One document to write: where, when, which kind, and the plan above it if any."""

    index: int
    place: Jurisdiction
    year: int
    kind: str
    parent_title: str | None

    @property
    def title(self) -> str:
        return f"{self.place.title_place}{self.year}年{self.kind}"


@dataclass(frozen=True, slots=True)
class Citations:
    """The policies a plan's opening sentence names: what it implements, what it also cites."""

    implements: tuple[str, ...]
    cites: tuple[str, ...]


def lay_out_plan(writer: Writer, slot: Slot) -> Citations:
    """Write a whole plan into ``writer.draft``: opening, the tasks in the document's
    structure, 保障措施, and for a task table the appendix that holds the tasks."""
    citations = _opening(writer, slot)
    structure = writer.style.structure
    _BODIES[structure](writer)
    _closing(writer, slot)
    if structure == "table":
        _task_table(writer, slot)
    return citations


def _opening(writer: Writer, slot: Slot) -> Citations:
    """Cover letter now and then, the title, and the sentence naming the policy implemented:
    the parent city's plan for a district or county, the province's regulation for a city."""
    rng, lines, place = writer.rng, writer.draft.lines, slot.place
    if rng.random() < 0.12:
        lines.append(f"{','.join(COLLECTIVES[place.level][:2])}:")
        lines.append(f"现将《{slot.title}》印发给你们,请认真贯彻落实。")
        lines.append(f"{place.name}人民政府办公室")
    lines.append(slot.title)
    if rng.random() < 0.05:
        lines.append("(征求意见稿)")
    purpose = rng.choice(writer.words.purposes)
    own = "我" + place.prefix
    if slot.parent_title:
        cites = (NATIONAL_POLICY,) if rng.random() < 0.4 else ()
        extra = f",深入实施《{NATIONAL_POLICY}》" if cites else ""
        lines.append(f"为贯彻落实《{slot.parent_title}》{extra},{purpose},结合{own}实际,制定本方案。")
        return Citations((slot.parent_title,), cites)
    regulation = f"{place.province}优化营商环境条例"
    lines.append(
        f"为贯彻落实《{regulation}》,深入实施《{NATIONAL_POLICY}》,{purpose},结合{own}实际,制定本方案。"
    )
    return Citations((regulation,), (NATIONAL_POLICY,))


def _general_section(writer: Writer, number: int, heading: str) -> None:
    lines, rng, words = writer.draft.lines, writer.rng, writer.words
    lines.append(f"{cn_numeral(number)}、{heading}")
    lines.append(rng.choice(words.paragraphs) + rng.choice(words.goals).replace("{year}", str(writer.year)))


def _closing(writer: Writer, slot: Slot) -> None:
    """保障措施 (not tasks, though numbered) and, sometimes, the issuer and date under the text."""
    rng, lines, structure = writer.rng, writer.draft.lines, writer.style.structure
    office = writer.roster.department("优化办")
    office_name = office.written if office else f"{slot.place.prefix}优化办"
    safeguards = writer.words.safeguards
    top_level = sum(1 for t in writer.draft.tasks if t.parent_number is None)
    if structure == "articles":
        lines.append(f"第{cn_numeral(top_level + 2)}条\u3000本措施由{office_name}负责解释,自印发之日起施行。")
    elif structure == "top":
        _, text = rng.choice(safeguards)
        lines.append(f"{cn_numeral(top_level + 2)}、强化组织保障。{text.replace('{office}', office_name)}")
    else:
        sections = sum(1 for line in lines if re.match(r"^[一二三四五六七八九十]+、", line))
        lines.append(f"{cn_numeral(sections + 1)}、{rng.choice(('保障措施', '工作要求', '组织保障'))}")
        for index, (heading, text) in enumerate(rng.sample(safeguards, 2), start=1):
            lines.append(f"({cn_numeral(index)}){heading}。{text.replace('{office}', office_name)}")
    if rng.random() < 0.3:
        lines.append(f"{slot.place.name}人民政府办公室")
        lines.append(f"{slot.year}年{rng.randint(1, 4)}月{rng.randint(1, 28)}日")


def _themes(writer: Writer, count: int) -> list[Theme]:
    return writer.rng.sample(writer.words.themes, count)


def _section(writer: Writer, theme: Theme, chance: float) -> list[Holder]:
    """The heading's lead units, drawn with ``chance``; empty for most headings."""
    return writer.section_holders(theme) if writer.rng.random() < chance else []


def _body_flat(writer: Writer) -> None:
    """二、重点任务 with the tasks straight under it."""
    rng = writer.rng
    _general_section(writer, 1, "总体要求")
    writer.draft.lines.append(f"二、{rng.choice(writer.words.task_section_headings)}")
    themes = _themes(writer, 5)
    for value in range(1, rng.randint(5, 14) + 1):
        marker, number = task_marker(writer.style.marker, value)
        writer.task_line(marker, number, rng.choice(themes), ())


def _body_grouped(writer: Writer) -> None:
    """二、重点任务 → (一) headings, some naming a section lead → tasks 1. 2. …"""
    rng, style, lines = writer.rng, writer.style, writer.draft.lines
    _general_section(writer, 1, "总体要求")
    lines.append(f"二、{rng.choice(writer.words.task_section_headings)}")
    value = 0
    for group, theme in enumerate(_themes(writer, rng.randint(2, 4)), start=1):
        section = _section(writer, theme, style.section_leads)
        note = writer.section_lead(section) if section else ""
        lines.append(f"({cn_numeral(group)}){rng.choice(theme.headings)}{note}")
        if not style.continuous:
            value = 0
        for _ in range(rng.randint(2, 5)):
            value += 1
            marker, number = task_marker(style.marker, value)
            # Under a section lead some tasks name no units of their own: they inherit it.
            annotated = not section or rng.random() < 0.6
            writer.task_line(marker, number, theme, section, annotated=annotated)


def _body_themed(writer: Writer) -> None:
    """Each 一、 section is a field of work with its own tasks."""
    rng, style, lines = writer.rng, writer.style, writer.draft.lines
    _general_section(writer, 1, "总体要求")
    value = 0
    for number, theme in enumerate(_themes(writer, rng.randint(2, 4)), start=2):
        section = _section(writer, theme, style.section_leads * 0.5)
        note = writer.section_lead(section) if section else ""
        lines.append(f"{cn_numeral(number)}、{rng.choice(theme.headings)}{note}")
        if not style.continuous or style.marker == "(一)":
            value = 0
        for _ in range(rng.randint(2, 5)):
            value += 1
            marker, task_number = task_marker(style.marker, value)
            annotated = not section or rng.random() < 0.6
            writer.task_line(marker, task_number, theme, section, annotated=annotated)


def _body_articles(writer: Writer) -> None:
    """第一条 总体目标 (no task: it names nobody), then one task per article."""
    rng = writer.rng
    goal = rng.choice(writer.words.goals).replace("{year}", str(writer.year))
    writer.draft.lines.append(f"第一条\u3000总体目标。{goal}")
    themes = _themes(writer, 5)
    for value in range(2, rng.randint(5, 12) + 2):
        marker, number = task_marker("第一条", value)
        writer.task_line(marker, number, rng.choice(themes), ())


def _body_top(writer: Writer) -> None:
    """Tasks at the 一、 level itself (a short 工作要点)."""
    rng = writer.rng
    _general_section(writer, 1, "总体要求")
    themes = _themes(writer, 3)
    for value in range(2, rng.randint(4, 8) + 2):
        marker, number = task_marker("一、", value)
        writer.task_line(marker, number, rng.choice(themes), ())


def _body_deep(writer: Writer) -> None:
    """(一) heading → 1. sub-heading → (1) tasks, ① sub-tasks inside them."""
    rng, style, lines = writer.rng, writer.style, writer.draft.lines
    _general_section(writer, 1, "总体要求")
    lines.append(f"二、{rng.choice(writer.words.task_section_headings)}")
    for group, theme in enumerate(_themes(writer, rng.randint(2, 3)), start=1):
        section = _section(writer, theme, style.section_leads)
        note = writer.section_lead(section) if section else ""
        lines.append(f"({cn_numeral(group)}){rng.choice(theme.headings)}{note}")
        for sub in range(1, rng.randint(1, 3) + 1):
            lines.append(f"{sub}．{rng.choice(theme.headings + writer.words.generic_headings)}")
            for value in range(1, rng.randint(2, 3) + 1):
                marker, number = task_marker("(1)", value)
                writer.task_line(marker, number, theme, section)


def _body_table(writer: Writer) -> None:
    """The tasks live in an appendix table (任务分工表); the body only points to it."""
    rng = writer.rng
    _general_section(writer, 1, "总体要求")
    writer.draft.lines.append(f"二、{rng.choice(writer.words.task_section_headings)}")
    writer.draft.lines.append("围绕市场主体全生命周期,明确年度重点任务,具体分工见附件。")


def _task_table(writer: Writer, slot: Slot) -> None:
    """附件 重点任务分工表: one tab-separated row per task, as a Word table saved as text reads.

    The extraction core reads numbered lines, not table rows: these tasks are a stretch
    variant (``table``) that benchmarks score apart.
    """
    rng, draft = writer.rng, writer.draft
    draft.lines += ["附件", f"{slot.title}重点任务分工表", "序号\t重点任务\t牵头单位\t配合单位\t完成时限"]
    themes = _themes(writer, 4)
    for value in range(1, rng.randint(5, 12) + 1):
        task = writer.task(rng.choice(themes))
        duty = task.duty
        due = duty.due.raw if duty.due else ""
        cells = (str(value), task.title, writer.units(duty.leads), writer.units(duty.assists), due)
        draft.lines.append("\t".join(cells))
        draft.tasks.append(writer.truth(str(value), task, (), annotation="table", variant="table"))


_BODIES: dict[str, Callable[[Writer], None]] = {
    "flat": _body_flat,
    "grouped": _body_grouped,
    "themed": _body_themed,
    "articles": _body_articles,
    "top": _body_top,
    "deep": _body_deep,
    "table": _body_table,
}


def report_lines(slot: Slot, rng: random.Random) -> list[str]:
    """A narrative report (工作情况): no annotations; measures in 一是…二是… and paragraphs."""
    themes = rng.sample(vocabulary().themes, 3)
    lines = [f"{slot.place.title_place}{slot.year}年优化营商环境工作情况报告", "一、主要做法"]
    lines.append(
        f"今年以来,我{slot.place.prefix}高度重视优化营商环境工作。一是强化组织领导。调整领导小组成员名单。"
        "二是完善工作机制。加强对重点问题的督办。三是营造良好氛围。组织开展经验交流和新闻宣传。"
    )
    lines.append("二、主要工作及成效")
    for index, theme in enumerate(themes, start=1):
        lines.append(f"({cn_numeral(index)}){theme.headings[0]}")
        for sentence in rng.sample(theme.sentences, min(2, len(theme.sentences))):
            lines.append(f"{sentence[:12]}。{sentence},取得明显成效。")
    lines.append("三、下一步工作打算")
    lines.append("我们将持续对标先进地区,补齐短板弱项,推动营商环境不断优化。")
    return lines
