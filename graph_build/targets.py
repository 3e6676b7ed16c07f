"""Quantitative targets ("压缩至2个工作日", "达到95%以上") and achieved figures in reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Units as plans write them, longest first so 个工作日 wins over 个.
_UNITS = (
    "个工作日",
    "工作日",
    "个小时",
    "个月",
    "千伏安",
    "千瓦",
    "毫米",
    "公里",
    "平方公里",
    "万元",
    "亿元",
    "元",
    "小时",
    "分钟",
    "天",
    "日",
    "%",
    "项",
    "件",
    "个",
    "家",
    "次",
    "本",
    "台",
    "万人",
    "人",
    "所",
    "类",
    "亩",
    "米",
    "倍",
    "万件",
    "万户",
    "户",
    "条",
    "张",
    "份",
)
_UNIT_ALTERNATION = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_NORMALISED_UNIT = {"个工作日": "工作日", "日": "天", "个小时": "小时", "个月": "月"}
# comparator words before the number; longest first.
_BEFORE = (
    ("压缩至", "<="),
    ("压缩到", "<="),
    ("压减至", "<="),
    ("压减到", "<="),
    ("缩短至", "<="),
    ("缩短到", "<="),
    ("减至", "<="),
    ("降至", "<="),
    ("降低至", "<="),
    ("精简至", "<="),
    ("精简为", "<="),
    ("压缩为", "<="),
    ("控制在", "<="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("低于", "<"),
    ("少于", "<"),
    ("不少于", ">="),
    ("不低于", ">="),
    ("达到", ">="),
    ("达", ">="),
    ("超过", ">"),
    ("高于", ">"),
    ("提升至", ">="),
    ("提高至", ">="),
    ("提高到", ">="),
    ("提升到", ">="),
    ("增加到", ">="),
    ("增至", ">="),
    ("保持", "="),
    ("实现", "="),
    ("稳定在", ">="),
    ("拓展至", ">="),
    ("扩大到", ">="),
    ("压缩", "reduce"),
    ("压减", "reduce"),
    ("降低", "reduce"),
    ("减少", "reduce"),
    ("推出", ">="),
    ("新增", ">="),
    ("完成", ">="),
)
_BEFORE_ALTERNATION = "|".join(re.escape(w) for w, _ in sorted(_BEFORE, key=lambda p: -len(p[0])))
_COMPARATOR = dict(_BEFORE)
# 以上/以内/以下/及以下 after the unit refine the comparator.
_AFTER = {"以上": ">=", "及以上": ">=", "以内": "<=", "以下": "<=", "及以下": "<=", "内": "<="}
# <verb><number><unit><after> — 压缩至0.5个工作日 / 达到95%以上 / 不超过3个
_TARGET = re.compile(
    rf"(?P<verb>{_BEFORE_ALTERNATION})\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT_ALTERNATION})"
    r"(?P<after>及以上|及以下|以上|以内|以下|内)?"
)
# 保持10%增长 — a growth target.
_GROWTH = re.compile(r"保持\s*(?P<value>\d+(?:\.\d+)?)\s*%\s*(?:的)?(?:增长|增速)")
# 由“小时级”缩短到“分钟级” — a qualitative change with quoted levels.
_FROM_TO = re.compile(r"由\s*“(?P<from>[^”]{1,8})”\s*(?:缩短|压缩|提升|转变)[到至为]\s*“(?P<to>[^”]{1,8})”")
# 分别压减到5个、7个、10个工作日 — a list of figures sharing the unit written last.
_SHARED_UNIT_LIST = re.compile(
    rf"(?P<verb>{_BEFORE_ALTERNATION})\s*(?P<values>(?:\d+(?:\.\d+)?\s*个?\s*、\s*)+)"
    rf"(?P<last>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT_ALTERNATION})(?P<after>及以上|及以下|以上|以内|以下|内)?"
)
# 5个工作日内办结 / 30日内查明 — a time limit without a comparator verb.
_TIME_LIMIT = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>个工作日|工作日|日|天|小时|个小时)\s*(?:内|以内)"
)
# 13项 / 1417项 / 80%以上 — a bare figure (in a report, an achieved value); not a date (3月, 2023年).
_BARE_UNITS = [*sorted((u for u in _UNITS if u not in {"月", "个月", "日"}), key=len, reverse=True), "名"]
_BARE = re.compile(
    r"(?<![\d.年月-])(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>"
    + "|".join(map(re.escape, _BARE_UNITS))
    + r")(?P<after>及以上|及以下|以上|以内|以下)?(?![\d年月])"
)
# 1000万元及以下 — a threshold without a verb.
_THRESHOLD = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>万元|亿元|千伏安|千瓦|毫米)(?P<after>及以下|及以上|以下|以上)"
)


@dataclass(frozen=True, slots=True)
class TargetMention:
    """A target found in a text; offsets are into that text."""

    raw: str
    metric: str
    comparator: str
    value: float | None
    unit: str
    start: int
    end: int


def find_targets(text: str) -> list[TargetMention]:
    """Quantitative targets in ``text``, in order.

    Examples
    --------
    >>> found = find_targets("助力企业开办压缩至0.5个工作日,“半日办结率”达到95%以上。")
    >>> [(t.metric, t.comparator, t.value, t.unit) for t in found]
    [('助力企业开办', '<=', 0.5, '工作日'), ('“半日办结率”', '>=', 95.0, '%')]
    >>> [(t.comparator, t.value, t.unit) for t in find_targets("2023年力争全社会研发经费保持10%增长")]
    [('growth>=', 10.0, '%')]
    >>> [(t.metric, t.unit) for t in find_targets("故障复电由“小时级”缩短到“分钟级”")]
    [('故障复电', '分钟级')]
    """
    found: list[TargetMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _GROWTH.finditer(text):
        found.append(_mention(text, m, "growth>=", float(m["value"]), "%"))
        taken.append(m.span())
    for m in _FROM_TO.finditer(text):
        found.append(_mention(text, m, "->", None, m["to"]))
        taken.append(m.span())
    for m in _SHARED_UNIT_LIST.finditer(text):
        unit = _NORMALISED_UNIT.get(m["unit"], m["unit"])
        comparator = _AFTER.get(m["after"] or "", _COMPARATOR[m["verb"]])
        comparator = "<=" if comparator == "reduce" else comparator
        for value in [*re.findall(r"\d+(?:\.\d+)?", m["values"]), m["last"]]:
            found.append(_mention(text, m, comparator, float(value), unit))
        taken.append(m.span())
    for m in _TARGET.finditer(text):
        if not free(*m.span()):
            continue
        comparator = _AFTER.get(m["after"] or "", _COMPARATOR[m["verb"]])
        if _COMPARATOR[m["verb"]] == "reduce":
            comparator = "reduce_by" if m["unit"] == "%" else comparator.replace("reduce", "<=")
        unit = _NORMALISED_UNIT.get(m["unit"], m["unit"])
        found.append(_mention(text, m, comparator, float(m["value"]), unit))
        taken.append(m.span())
    for m in _TIME_LIMIT.finditer(text):
        if free(*m.span()):
            unit = _NORMALISED_UNIT.get(m["unit"], m["unit"])
            found.append(_mention(text, m, "<=", float(m["value"]), unit))
            taken.append(m.span())
    for m in _THRESHOLD.finditer(text):
        if free(*m.span()):
            found.append(_mention(text, m, _AFTER[m["after"]], float(m["value"]), m["unit"]))
            taken.append(m.span())
    for m in _BARE.finditer(text):
        if free(*m.span()):
            unit = _NORMALISED_UNIT.get(m["unit"], m["unit"])
            found.append(_mention(text, m, _AFTER.get(m["after"] or "", "="), float(m["value"]), unit))
            taken.append(m.span())
    return sorted(found, key=lambda t: t.start)


def _mention(text: str, m: re.Match[str], comparator: str, value: float | None, unit: str) -> TargetMention:
    return TargetMention(
        raw=m.group(0),
        metric=_metric_before(text, m.start()),
        comparator=comparator,
        value=value,
        unit=unit,
        start=m.start(),
        end=m.end(),
    )


def _metric_before(text: str, position: int) -> str:
    """The words of the clause before a target: what is measured."""
    clause = re.split(r"[,。;:、\n]", text[:position])[-1]
    clause = re.sub(r"^(并|将|使|让|实现|推动|力争|确保|全年|进一步|其中|年内|\d{4}年底?前?)+", "", clause)
    return clause.strip()[-20:]
