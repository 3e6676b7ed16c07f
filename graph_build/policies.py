"""Cited policies: 《》 titles, what a document implements and what a task drafts or issues."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_build.metadata import DOC_NUMBER
from graph_build.model import Citation, Span

# 《鄂州市持续深化一流营商环境建设2022年行动方案》 — one title; nested 〈〉 or <> are inner titles.
_TITLE = re.compile(r"《([^《》]{2,80})》")
# (武政规[2020]6号) / (錦委發﹝2020﹞13號) right after a title.
_NUMBER_AFTER = re.compile(r"^\s*[((]?\s*(" + DOC_NUMBER.pattern + r")")
# 为贯彻落实《X》 / 根据《X》 / 按照《X》 / 严格落实执行《X》 — the document implements X.
_IMPLEMENTS = re.compile(r"(贯彻落实|贯彻|落实执行|落实|根据|按照|依据|执行|推动落实)[^。《]{0,12}$")
# 起草《X》 / 制定 / 出台 / 印发 / 制发 / 修订 — the task produces X.
_PRODUCES = re.compile(r"(起草|制定|出台|印发|制发|修订|编制|研究制定|发布)[^。《,]{0,6}$")


@dataclass(frozen=True, slots=True)
class TitleMention:
    title: str
    raw: str
    start: int
    end: int
    doc_number: str


def normalise_title(title: str) -> str:
    """One spelling of a cited title: no spaces, inner 〈〉/<> as 《》, 帐 as 账.

    Examples
    --------
    >>> normalise_title("关于印发<鄂州市作风建设“三问三治三提升”行动方案>的通知")
    '关于印发《鄂州市作风建设“三问三治三提升”行动方案》的通知'
    """
    text = re.sub(r"\s+", "", title)
    text = text.replace("〈", "《").replace("〉", "》").replace("<", "《").replace(">", "》")
    # A draft is the same policy as its final text: 《X(征求意见稿)》 is X.
    text = re.sub(r"\((征求意见稿|送审稿|草案|讨论稿)\)$", "", text)
    return text.replace("旧帐", "旧账")


# 《方案(征求意见稿)》 — a bare kind of document, which refers back to the text itself.
_GENERIC_TITLE = re.compile(r"^(该|本|此)?(方案|通知|意见|办法|规定|条例|计划|要点|细则)$")


def find_titles(analysis: str) -> list[TitleMention]:
    """《》 titles in analysis text, with a document number written right after them."""
    mentions = []
    for m in _TITLE.finditer(analysis):
        if _GENERIC_TITLE.match(normalise_title(m.group(1))):
            continue
        number = _NUMBER_AFTER.match(analysis[m.end() : m.end() + 30])
        mentions.append(
            TitleMention(
                title=normalise_title(m.group(1)),
                raw=m.group(0),
                start=m.start(),
                end=m.end(),
                doc_number=re.sub(r"\s+", "", number.group(1)) if number else "",
            )
        )
    return mentions


def cite_in_task(analysis: str, original: str, base: int, doc_id: str) -> tuple[Citation, ...]:
    """Citations in a task's text (analysis form); ``base`` is its offset in the document.

    Examples
    --------
    >>> text = "起草《某市2022年行动方案》,落实《优化营商环境条例》。"
    >>> [(c.title, c.relation) for c in cite_in_task(text, text, 0, "doc:x")]
    [('某市2022年行动方案', 'produces'), ('优化营商环境条例', 'cites')]
    """
    citations = []
    for mention in find_titles(analysis):
        before = analysis[max(0, mention.start - 16) : mention.start]
        relation = "produces" if _PRODUCES.search(before) else "cites"
        citations.append(_citation(mention, relation, original, base, doc_id))
    return tuple(citations)


def cite_in_document(
    analysis: str,
    original: str,
    task_spans: list[tuple[int, int]],
    doc_id: str,
    body_spans: list[tuple[int, int]] | None = None,
) -> tuple[Citation, ...]:
    """Citations outside the tasks: "为贯彻落实《X》" is IMPLEMENTS, the rest CITES.

    ``body_spans`` are the lines the document is made of; a citation in page chrome or in a
    repeat of the text (seed 004) is not the document's own.
    """
    citations = []
    for mention in find_titles(analysis):
        if any(start <= mention.start < end for start, end in task_spans):
            continue
        if body_spans is not None and not any(s <= mention.start < e for s, e in body_spans):
            continue
        before = analysis[max(0, mention.start - 20) : mention.start]
        # 《A》、《B》 after one verb: the verb governs the whole list.
        list_before = re.sub(r"(《[^《》]*》[、,和及与]?)+$", "", before)
        relation = "implements" if _IMPLEMENTS.search(before) or _IMPLEMENTS.search(list_before) else "cites"
        citations.append(_citation(mention, relation, original, 0, doc_id))
    return tuple(citations)


def _citation(mention: TitleMention, relation: str, original: str, base: int, doc_id: str) -> Citation:
    start, end = base + mention.start, base + mention.end
    return Citation(
        title=mention.title,
        raw=original[start:end],
        relation=relation,
        doc_number=mention.doc_number,
        span=Span(doc_id, start, end),
    )
