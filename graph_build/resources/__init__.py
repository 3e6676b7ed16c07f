"""Domain resources as data files, loaded once and validated line by line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from graph_build.errors import ResourceFormatError


def resource_lines(name: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` of a packaged resource, skipping blanks and ``#`` comments."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip("\n")
        if stripped.strip() and not stripped.lstrip().startswith("#"):
            yield number, stripped


def tsv_rows(name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a tab-separated resource, each checked to have ``columns`` fields."""
    for number, line in resource_lines(name):
        fields = line.split("\t")
        if len(fields) != columns:
            raise ResourceFormatError(name, number, f"expected {columns} tab-separated fields")
        yield number, fields


@cache
def t2s_table() -> dict[int, str]:
    """Traditional → simplified, one character to one character (``str.translate`` table)."""
    table: dict[int, str] = {}
    for number, (trad, simp) in tsv_rows("t2s_chars.tsv", 2):
        if len(trad) != 1 or len(simp) != 1:
            raise ResourceFormatError("t2s_chars.tsv", number, "both sides must be one character")
        table[ord(trad)] = simp
    return table


@cache
def page_chrome_patterns() -> tuple[re.Pattern[str], ...]:
    patterns = []
    for number, line in resource_lines("page_chrome.txt"):
        try:
            patterns.append(re.compile(line.strip()))
        except re.error as exc:
            raise ResourceFormatError("page_chrome.txt", number, f"bad regex: {exc}") from exc
    return tuple(patterns)


ROLE_MEANINGS = frozenset({"lead", "responsible", "division", "assist", "deadline", "leader"})


@cache
def role_labels() -> dict[str, str]:
    """Role label → meaning (``lead``, ``responsible``, ``division``, ``assist``, ``deadline``,
    ``leader``)."""
    labels: dict[str, str] = {}
    for number, (label, meaning) in tsv_rows("role_labels.tsv", 2):
        if meaning not in ROLE_MEANINGS:
            raise ResourceFormatError("role_labels.tsv", number, f"unknown meaning {meaning!r}")
        labels[label] = meaning
    return labels


@cache
def unit_suffixes() -> tuple[str, ...]:
    """Endings of organisation names, longest first."""
    suffixes = {line.strip() for _, line in resource_lines("unit_suffixes.txt")}
    return tuple(sorted(suffixes, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Place:
    """An administrative division from the gazetteer."""

    code: str
    name: str
    level: str  # province / city / county
    parent: str


@cache
def places() -> tuple[Place, ...]:
    rows = []
    for number, (code, name, level, parent) in tsv_rows("places.tsv", 4):
        if level not in {"province", "city", "county"}:
            raise ResourceFormatError("places.tsv", number, f"unknown level {level!r}")
        rows.append(Place(code, name, level, parent))
    return tuple(rows)


@cache
def general_section_words() -> tuple[str, ...]:
    """Heading words of sections that hold no tasks (总体要求, 保障措施 …)."""
    return tuple(line.strip() for _, line in resource_lines("general_sections.txt"))


@dataclass(frozen=True, slots=True)
class PrerequisiteRule:
    """Tasks naming a dependent term depend on tasks naming a prerequisite term."""

    name: str
    dependent_terms: tuple[str, ...]
    prerequisite_terms: tuple[str, ...]
    why: str


@cache
def prerequisite_rules() -> tuple[PrerequisiteRule, ...]:
    rules = []
    for number, (name, dependent, prerequisite, why) in tsv_rows("prerequisites.tsv", 4):
        dependent_terms = tuple(t.strip() for t in dependent.split("|") if t.strip())
        prerequisite_terms = tuple(t.strip() for t in prerequisite.split("|") if t.strip())
        if not dependent_terms or not prerequisite_terms:
            raise ResourceFormatError("prerequisites.tsv", number, "both term lists need at least one term")
        rules.append(PrerequisiteRule(name.strip(), dependent_terms, prerequisite_terms, why.strip()))
    return tuple(rules)


@cache
def link_stopwords() -> frozenset[str]:
    return frozenset(line.strip() for _, line in resource_lines("link_stopwords.txt"))
