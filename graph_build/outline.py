"""Numbered items to an outline tree: 一、 / (一) / 1. / (1) / ① / 第X条, with numbering checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from graph_build.model import BuildWarning
from graph_build.normalize import Line, SourceText

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUMERAL = "[一二三四五六七八九十百零〇两]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class NumberStyle(StrEnum):
    """Numbering styles, in the order plan documents usually nest them."""

    CN_COMMA = "一、"
    ARTICLE = "第一条"
    CN_PAREN = "(一)"
    ARABIC_DOT = "1."
    ARABIC_PAREN = "(1)"
    CIRCLED = "①"


# Each pattern matches at the start of a line in analysis form (half-width, simplified).
_MARKERS: tuple[tuple[NumberStyle, re.Pattern[str]], ...] = (
    # 二、具体任务 — top-level section
    (NumberStyle.CN_COMMA, re.compile(rf"^({_CN_NUMERAL})[、.]\s*")),
    # 第三条 加强… — article style
    (NumberStyle.ARTICLE, re.compile(rf"^第({_CN_NUMERAL})条\s*")),
    # (一)牵头做好… — also the broken "(十劳动力…" with no closing parenthesis
    (NumberStyle.CN_PAREN, re.compile(rf"^\(\s*({_CN_NUMERAL})\s*(\)?)\s*")),
    # 1.持续向乡镇赋权 / 1、 / 23. (略) — not "2023年" and not "0.5个"
    (NumberStyle.ARABIC_DOT, re.compile(r"^(\d{1,3})\s*[.、](?!\d)\s*")),
    # (1)对上级重大决策部署…
    (NumberStyle.ARABIC_PAREN, re.compile(r"^\(\s*(\d{1,3})\s*\)\s*")),
    # ①建立…
    (NumberStyle.CIRCLED, re.compile(rf"^([{_CIRCLED}])\s*")),
)


# Line starts that look like a number but match no marker above: (1a) / (A) / 十万、 / 1)  — read
# as continuation text, and said so, since their annotation then counts for the item above.
_UNKNOWN_MARKER = re.compile(
    r"^(\(\s*[0-9A-Za-z一二三四五六七八九十百千万零〇两]{1,4}\s*\)"
    r"|[一二三四五六七八九十百千万零〇两]{1,4}、"
    r"|\d{1,3}\))"
)


def cn_to_int(numeral: str) -> int:
    """Value of a Chinese numeral up to the hundreds.

    Examples
    --------
    >>> [cn_to_int(n) for n in ("一", "十", "十一", "二十", "二十九", "一百零二")]
    [1, 10, 11, 20, 29, 102]
    """
    total, current = 0, 0
    for ch in numeral:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS.get(ch, 0)
    return total + current


def int_to_cn(value: int) -> str:
    """Chinese numeral for 1–199, as plans write them (十一, 二十, 一百零二).

    Examples
    --------
    >>> [int_to_cn(v) for v in (1, 10, 11, 20, 29, 102)]
    ['一', '十', '十一', '二十', '二十九', '一百零二']
    """
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(value, 100)
    tail = "" if rest == 0 else ("零" + int_to_cn(rest) if rest < 10 else int_to_cn(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return digits[hundreds] + "百" + tail


@dataclass(slots=True)
class Item:
    """One numbered item and the lines that belong to it until the next marker."""

    style: NumberStyle
    value: int
    number: str  # canonical marker: 一 / (一) / 1 / (1) / ① / 第一条
    lines: list[Line]
    body_offset: int  # characters of the first line taken by the marker
    path: str = ""
    children: list[Item] = field(default_factory=list)
    parent: Item | None = field(default=None, repr=False)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    def own_text(self) -> str:
        """Analysis text of this item without its marker or children, lines joined by newlines."""
        first = self.lines[0].text[self.body_offset :]
        return "\n".join([first, *(line.text for line in self.lines[1:])])

    def own_pieces(self) -> list[tuple[int, str]]:
        """``(original offset, analysis text)`` of each own line, the first without its marker."""
        first = self.lines[0]
        pieces = [(first.start + self.body_offset, first.text[self.body_offset :])]
        pieces.extend((line.start, line.text) for line in self.lines[1:])
        return pieces

    def subtree_end(self) -> int:
        return self.children[-1].subtree_end() if self.children else self.end

    def walk(self) -> list[Item]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(slots=True)
class Outline:
    """The numbered structure of a document; ``preamble`` holds lines before the first item."""

    preamble: list[Line]
    items: list[Item]
    warnings: list[BuildWarning]

    def walk(self) -> list[Item]:
        out: list[Item] = []
        for item in self.items:
            out.extend(item.walk())
        return out


def canonical_number(style: NumberStyle, value: int) -> str:
    match style:
        case NumberStyle.CN_COMMA:
            return int_to_cn(value)
        case NumberStyle.ARTICLE:
            return f"第{int_to_cn(value)}条"
        case NumberStyle.CN_PAREN:
            return f"({int_to_cn(value)})"
        case NumberStyle.ARABIC_DOT:
            return str(value)
        case NumberStyle.ARABIC_PAREN:
            return f"({value})"
        case NumberStyle.CIRCLED:
            return _CIRCLED[value - 1] if 0 < value <= len(_CIRCLED) else str(value)


def match_marker(text: str) -> tuple[NumberStyle, int, int, bool] | None:
    """``(style, value, marker length, well formed)`` of a numbered line, or None.

    Examples
    --------
    >>> match_marker("(十一)加强商务诚信建设。")
    (<NumberStyle.CN_PAREN: '(一)'>, 11, 4, True)
    >>> match_marker("(十劳动力市场监管。")[3]
    False
    >>> match_marker("2023年是开局之年") is None
    True
    """
    for style, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        token = m.group(1)
        if style is NumberStyle.CIRCLED:
            value = _CIRCLED.index(token) + 1
        elif token.isdigit():
            value = int(token)
        else:
            value = cn_to_int(token)
        well_formed = style is not NumberStyle.CN_PAREN or m.group(2) == ")"
        if value <= 0:
            return None
        if style is NumberStyle.CN_COMMA and m.end() >= len(text.strip()):
            return None
        return style, value, m.end(), well_formed
    return None


def parse_outline(source: SourceText, file: str) -> Outline:
    """Build the item tree of a document from its body lines.

    A style already open on the stack closes everything below it (a sibling); a new style opens
    a child level. Numbering problems become warnings; no item is lost or merged.

    Examples
    --------
    >>> from graph_build.normalize import prepare_text
    >>> text = "一、任务\\n(一)甲。\\n1.乙。\\n2.丙。\\n(二)丁。"
    >>> outline = parse_outline(prepare_text(text, "x.txt"), "x.txt")
    >>> [(i.number, i.path) for i in outline.walk()]
    [('一', '1'), ('(一)', '1.1'), ('1', '1.1.1'), ('2', '1.1.2'), ('(二)', '1.2')]
    """
    preamble: list[Line] = []
    roots: list[Item] = []
    stack: list[Item] = []
    warnings: list[BuildWarning] = []
    # Plans often number tasks straight through their sections (1–38 under (一)…(七)).
    last_of_kind: dict[tuple[int, NumberStyle], Item] = {}
    for line in source.lines:
        marker = match_marker(line.text)
        if marker is None:
            if stack:
                stack[-1].lines.append(line)
                unknown = _UNKNOWN_MARKER.match(line.text)
                if unknown:
                    warnings.append(
                        _warning(
                            "numbering_unrecognised",
                            file,
                            stack[-1],
                            f"the line {line.text[:24]!r} looks numbered but {unknown.group(0)!r} is "
                            f"no numbering this reader knows; read as part of {stack[-1].number}",
                        )
                    )
            else:
                preamble.append(line)
            continue
        style, value, length, well_formed = marker
        while stack and style in {item.style for item in stack}:
            popped = stack.pop()
            if popped.style is style:
                break
        parent = stack[-1] if stack else None
        siblings = parent.children if parent else roots
        previous = next((s for s in reversed(siblings) if s.style is style), None)
        if not well_formed and previous is not None:
            value = _repair_value(previous.value, value)
        item = Item(style, value, canonical_number(style, value), [line], length, parent=parent)
        siblings.append(item)
        item.path = (f"{parent.path}." if parent else "") + str(len(siblings))
        if not well_formed:
            warnings.append(
                _warning(
                    "numbering_malformed",
                    file,
                    item,
                    f"marker {line.text[:length].strip()!r} is not closed; read as {item.number}",
                )
            )
        depth = len(stack)
        continued = last_of_kind.get((depth, style))
        if previous is not None:
            _check_sequence(previous, item, file, warnings)
        elif value != 1 and continued is not None:
            _check_sequence(continued, item, file, warnings)
        elif value != 1 and style is not NumberStyle.CN_COMMA:
            warnings.append(
                _warning("numbering_gap", file, item, f"numbering starts at {item.number}, not 1")
            )
        last_of_kind[(depth, style)] = item
        stack.append(item)
    return Outline(preamble=preamble, items=roots, warnings=warnings)


def _repair_value(previous: int, written: int) -> int:
    """A broken "(十劳…" after (十) is (十一): the written numeral is a prefix of the expected."""
    expected = previous + 1
    if written == expected:
        return written
    if int_to_cn(expected).startswith(int_to_cn(written)):
        return expected
    return written


def _check_sequence(previous: Item, item: Item, file: str, warnings: list[BuildWarning]) -> None:
    if item.value == previous.value:
        warnings.append(
            _warning("numbering_duplicate", file, item, f"{item.number} appears twice in a row; both kept")
        )
    elif item.value > previous.value + 1:
        warnings.append(
            _warning("numbering_gap", file, item, f"numbering jumps from {previous.number} to {item.number}")
        )
    elif item.value < previous.value:
        warnings.append(
            _warning("numbering_out_of_order", file, item, f"{item.number} follows {previous.number}")
        )


def _warning(code: str, file: str, item: Item, message: str) -> BuildWarning:
    return BuildWarning(code=code, message=f"line {item.lines[0].text[:24]!r}: {message}", file=file)
