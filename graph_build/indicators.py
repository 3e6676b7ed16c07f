"""Evaluation indicators (评价指标): the national 18 and B-READY, and which tasks serve which."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from graph_build.errors import ResourceFormatError
from graph_build.model import IndicatorLink

RESOURCE = "indicators.yaml"
HEADING_CONFIDENCE = 0.9
MIN_KEYWORD_HITS = 2


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator of the national evaluation, with the words that reveal it."""

    id: str
    name: str
    en: str
    synonyms: tuple[str, ...]
    keywords: tuple[str, ...]
    bready: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BReadyTopic:
    id: str
    name: str
    en: str


@cache
def _raw() -> dict:
    text = resources.files("graph_build.resources").joinpath(RESOURCE).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ResourceFormatError(
            RESOURCE, getattr(getattr(exc, "problem_mark", None), "line", 0) + 1, "not valid YAML"
        ) from exc
    if not isinstance(data, dict) or "national" not in data or "bready" not in data:
        raise ResourceFormatError(RESOURCE, 1, "needs top-level 'national' and 'bready' lists")
    return data


@cache
def bready_topics() -> tuple[BReadyTopic, ...]:
    return tuple(BReadyTopic(t["id"], t["name"], t["en"]) for t in _raw()["bready"])


@cache
def load_indicators() -> tuple[Indicator, ...]:
    """The national indicators, validated: unique ids, known B-READY topics, non-empty keywords."""
    topics = {t.id for t in bready_topics()}
    indicators, seen = [], set()
    for position, row in enumerate(_raw()["national"], start=1):
        try:
            indicator = Indicator(
                id=row["id"],
                name=row["name"],
                en=row["en"],
                synonyms=tuple(row.get("synonyms") or ()),
                keywords=tuple(row.get("keywords") or ()),
                bready=tuple(row.get("bready") or ()),
            )
        except (KeyError, TypeError) as exc:
            raise ResourceFormatError(RESOURCE, position, f"indicator entry lacks {exc}") from exc
        if indicator.id in seen or not indicator.keywords:
            raise ResourceFormatError(RESOURCE, position, f"{indicator.id}: duplicate id or no keywords")
        if unknown := set(indicator.bready) - topics:
            raise ResourceFormatError(RESOURCE, position, f"{indicator.id}: unknown B-READY {unknown}")
        seen.add(indicator.id)
        indicators.append(indicator)
    return tuple(indicators)


def _heading_match(heading: str) -> list[tuple[Indicator, str]]:
    """Indicators a heading names; "(三)获得电力打造…" and "优化不动产登记" both count."""
    found = []
    compact = heading.replace(" ", "")
    for indicator in load_indicators():
        for word in sorted({indicator.name, *indicator.synonyms}, key=len, reverse=True):
            if word and word in compact:
                found.append((indicator, word))
                break
    # "劳动力市场监管" names 劳动力市场监管, not also 市场监管 inside it.
    return [(i, w) for i, w in found if not any(w != other and w in other for _, other in found)]


def map_indicators(
    title: str, section: str, text_tokens: list[str], title_tokens: list[str]
) -> tuple[IndicatorLink, ...]:
    """Indicators a task serves, each with its basis, evidence and confidence.

    The task's own heading (seed 003 "(三)获得电力…") or its section heading (seed 004
    "(六)优化不动产登记") decides first; keywords in the title and text add further indicators
    when at least two distinct keywords match (or one in the title). Unmapped tasks stay unmapped.

    Examples
    --------
    >>> links = map_indicators("获得电力", "", ["办电", "供电"], ["获得电力"])
    >>> [(l.name, l.basis) for l in links][0]
    ('获得电力', 'heading')
    """
    links: dict[str, IndicatorLink] = {}
    for source, heading in (("title", title), ("section", _last_heading(section))):
        for indicator, word in _heading_match(heading):
            if indicator.id not in links:
                links[indicator.id] = IndicatorLink(
                    indicator.id, indicator.name, "heading", f"{source}: {word}", HEADING_CONFIDENCE
                )
        if links:
            break
    text_words, title_words = set(text_tokens), set(title_tokens)
    scored = []
    for indicator in load_indicators():
        if indicator.id in links:
            continue
        vocabulary = set(indicator.keywords) | set(indicator.synonyms) | {indicator.name}
        hits = sorted(vocabulary & text_words)
        in_title = vocabulary & title_words
        if len(hits) >= MIN_KEYWORD_HITS or in_title:
            confidence = min(0.85, 0.35 + 0.1 * len(hits) + (0.2 if in_title else 0))
            scored.append((confidence, indicator, hits or sorted(in_title)))
    for confidence, indicator, hits in sorted(scored, key=lambda s: (-s[0], s[1].id)):
        links[indicator.id] = IndicatorLink(
            indicator.id, indicator.name, "keywords", "keywords: " + "、".join(hits[:6]), round(confidence, 2)
        )
    return tuple(links.values())


def _last_heading(section: str) -> str:
    parts = [p for p in section.split(" > ") if p]
    return re.sub(r"^[(（]?[一二三四五六七八九十]+[)）、]?", "", parts[-1]) if parts else ""
