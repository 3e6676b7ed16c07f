"""Unit strings: split lists, propagate shared prefixes, drop 等, classify collective and redacted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph_build.model import UnitKind
from graph_build.resources import places, unit_suffixes

REDACTION = "(略)"
_OPEN = "(《“‘[【"
_CLOSE = ")》”’]】"
_SEPARATORS = frozenset("、,;。/")
# 市住建局、水务局等单位 — trailing "and others" words, longest first.
_TRAILING_ETC = re.compile(
    r"(等(相关|有关|其他)?(单位|部门|机构|企业|成员单位)?|及(相关|有关)(单位|部门)|按职责分工)$"
)
# 市公安局 / 区住建局 / 县政府 / 局经发办 (an office of the issuing 管理局) — a one-character
# level prefix. Not 市场…, 区域…
_LEVEL_PREFIX = re.compile(r"^(市|区|县|省|州|旗|局)(?![场域])")
# 各县区政府, 市直各相关部门, 局各有关单位, 区直相关单位, 成员单位 — collective holders.
_COLLECTIVE = re.compile(
    r"^各|其[它他]|各(有关|相关|级|类|成员|执法|监管|责任|采购)|相关|有关|成员单位|所有|全体|涉及|[区市县]直"
)
# 街道 after 各镇 — a place type that continues the collective before it (各镇、街道).
_PLACE_TYPES = frozenset({"街道", "乡镇", "镇", "乡", "社区", "村", "园区", "开发区", "场"})
# Short department names that would look like place names without this (公安 is also a county).
_NOT_PLACES = frozenset({"公安", "和平", "城关", "开发", "人民", "新华", "长安", "永安", "安全"})
_DEPARTMENT_ENDINGS = ("局", "委", "办", "办公室", "中心", "支队", "大队", "所", "站", "厅", "委员会", "联")
_NO_PROPAGATION_STARTS = ("高新", "经开", "人民银行", "国家", "中国", "国网", "人行", "驻")
_AND_WORDS = re.compile(r"以及|和|及|与")
_ETC_INSIDE = re.compile(r"等(?:相关|有关|其他)?(?:单位|部门)(?=\s*[\u4e00-\u9fff(])")
_GENERIC_ROLE = re.compile(r"^(配合|责任|牵头|相关|有关|成员|参与)(单位|部门)$")


@dataclass(frozen=True, slots=True)
class UnitMention:
    """One unit named in a list: ``start``/``end`` are offsets into the list text given."""

    name: str
    kind: UnitKind
    start: int
    end: int


def clean_unit_name(piece: str) -> str:
    """Normalised name: no whitespace, no trailing 等/等单位, one spelling of the redaction, no
    parenthesis left over from a broken annotation (the balanced ones of 市自然资源局(林业局) stay).

    Examples
    --------
    >>> clean_unit_name(" 市住建局 等单位")
    '市住建局'
    >>> clean_unit_name("市 (略) ")
    '市(略)'
    >>> clean_unit_name("市司法局)"), clean_unit_name("((市税务局"), clean_unit_name("各市(区)人民政府")
    ('市司法局', '市税务局', '各市(区)人民政府')
    """
    name = re.sub(r"\s+", "", piece)
    name = name.replace("(略)", REDACTION)
    previous = None
    while previous != name:
        previous = name
        name = _TRAILING_ETC.sub("", name).strip("、,;。:")
        name = _strip_unbalanced(name)
    return name


def _strip_unbalanced(name: str) -> str:
    """``name`` without the parentheses at its ends that close or open nothing inside it."""
    while name.endswith(")") and name.count(")") > name.count("("):
        name = name[:-1]
    while name.startswith("(") and name.count("(") > name.count(")"):
        name = name[1:]
    return name


def is_unit_like(piece: str) -> bool:
    """Does ``piece`` name an organisation (by its ending), a redaction or a collective?

    Examples
    --------
    >>> [is_unit_like(s) for s in ("市行政审批局", "各市(区)人民政府", "特殊工程除外", "街道")]
    [True, True, False, True]
    """
    name = clean_unit_name(piece)
    if REDACTION in name:
        return True
    if not 2 <= len(name) <= 40:
        return False
    if re.search(r"\d{4}年|\d+月|完成|推进|以上|以内|除外|含|包括", name):
        return False
    return name.endswith(unit_suffixes()) or name in _PLACE_TYPES


def unit_kind(name: str) -> UnitKind:
    """``redacted`` for (略), ``collective`` for 各…/相关/有关 holders, else ``department``."""
    if REDACTION in name or "*" in name:
        return UnitKind.REDACTED
    if _COLLECTIVE.search(name):
        return UnitKind.COLLECTIVE
    return UnitKind.DEPARTMENT


def split_units(text: str) -> list[UnitMention]:
    """Split a unit list into normalised unit mentions.

    Splits on 、,;。 outside parentheses, and on 和/及/与 where both sides are units; drops
    trailing 等; carries a shared level prefix forward (市公安局、人社局 → 市人社局); keeps
    "各镇、街道" together; never returns a fragment.

    Examples
    --------
    >>> [m.name for m in split_units("市公安局、人社局、税务局、住房公积金中心等单位,各县区政府")]
    ['市公安局', '市人社局', '市税务局', '市住房公积金中心', '各县区政府']
    >>> [m.name for m in split_units("市行政审批局、住建局、司法局,各市(区)人民政府")]
    ['市行政审批局', '市住建局', '市司法局', '各市(区)人民政府']
    >>> [(m.name, m.kind.value) for m in split_units("各镇、街道,洗药湖管理处")]
    [('各镇、街道', 'collective'), ('洗药湖管理处', 'department')]
    """
    # "…专卖局等单位各县区政府": 等单位 closes a list even when no separator follows it.
    cuts = {m.end() for m in _ETC_INSIDE.finditer(text)}
    pieces = _split_and(_split_top_level(text, cuts), text)
    mentions: list[UnitMention] = []
    prefix = ""
    for start, end in pieces:
        name = clean_unit_name(text[start:end])
        if not _is_name(name):
            continue
        if mentions and name in _PLACE_TYPES and mentions[-1].kind is UnitKind.COLLECTIVE:
            last = mentions.pop()
            joined = f"{last.name}、{name}"
            mentions.append(UnitMention(joined, UnitKind.COLLECTIVE, last.start, end))
            continue
        kind = unit_kind(name)
        own_prefix = _LEVEL_PREFIX.match(name)
        if own_prefix:
            prefix = own_prefix.group(1)
        elif prefix and kind is UnitKind.DEPARTMENT and _takes_prefix(name):
            name = prefix + name
        elif kind is not UnitKind.COLLECTIVE:
            prefix = ""
        mentions.append(UnitMention(name, kind, start, end))
    return mentions


def _is_name(name: str) -> bool:
    if REDACTION in name:
        return True
    return (
        len(name) >= 2 and name not in {"单位", "部门", "各级", "相关", "有关"} and not name.startswith("等")
    )


def _takes_prefix(name: str) -> bool:
    if not name.endswith(_DEPARTMENT_ENDINGS) or name.startswith(_NO_PROPAGATION_STARTS):
        return False
    return not _starts_with_place(name)


@cache
def _place_short_names() -> frozenset[str]:
    names = set()
    for place in places():
        names.add(place.name)
        stem = re.sub(r"(自治州|自治县|地区|市|区|县|盟|旗|省)$", "", place.name)
        if len(stem) >= 2:
            names.add(stem)
    return frozenset(names - _NOT_PLACES)


def _starts_with_place(name: str) -> bool:
    known = _place_short_names()
    return any(name[:n] in known for n in (2, 3, 4))


def _split_top_level(text: str, cuts: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the pieces between separators at parenthesis depth 0 (and at ``cuts``)."""
    pieces: list[tuple[int, int]] = []
    depth, start = 0, 0
    for index, ch in enumerate(text):
        if index in cuts and depth == 0 and index > start:
            pieces.append((start, index))
            start = index
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _SEPARATORS:
            pieces.append((start, index))
            start = index + 1
    pieces.append((start, len(text)))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _split_and(pieces: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        piece = text[start:end]
        cut = _and_cut(piece)
        if cut is None:
            out.append((start, end))
        else:
            left_end, right_start = cut
            out.append((start, start + left_end))
            out.extend(_split_and([(start + right_start, end)], text))
    return out


def _and_cut(piece: str) -> tuple[int, int] | None:
    """Where 和/及/与 joins two complete units (市发改委和市财政局), not inside 住房和城乡建设局."""
    for m in _AND_WORDS.finditer(piece):
        left, right = piece[: m.start()], piece[m.end() :]
        if unit_kind(clean_unit_name(left)) is UnitKind.COLLECTIVE or _GENERIC_ROLE.match(right.strip()):
            continue  # 各指标牵头单位及配合单位 is one collective holder
        if is_unit_like(left) and is_unit_like(right) and len(clean_unit_name(left)) >= 3:
            return m.start(), m.end()
    return None


def unit_jurisdiction(name: str, jurisdiction: str, parent_jurisdiction: str) -> str:
    """Where a unit sits: 市… in a district's plan is the parent city's; else the document's.

    Examples
    --------
    >>> unit_jurisdiction("市住建局", "松山新区", "锦州市")
    '锦州市'
    >>> unit_jurisdiction("区住建局", "松山新区", "锦州市")
    '松山新区'
    """
    city_unit = name.startswith("市") and not name.startswith("市场")
    if city_unit and parent_jurisdiction.endswith("市") and not jurisdiction.endswith("市"):
        return parent_jurisdiction
    return jurisdiction or parent_jurisdiction or "未知"
