"""Deadlines (完成时限): raw words to a due date and whether the work is ongoing."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from graph_build.model import DeadlineKind

# 长期坚持 / 及时推进,长期坚持 / 常态化推进 — work without an end date.
ONGOING = re.compile(r"长期|持续|及时推进|常态化|动态|每年|按年度|按季度|逐年|年度内持续")
# 2022年4月30日 / 2022年4月底前 / 2022年12月 / 2022年底
_YEAR_MONTH_DAY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_YEAR_END = re.compile(r"(\d{4})\s*年\s*(底|末|年底|年末|内|前)?")
_YEAR_HALF = re.compile(r"(\d{4})\s*年\s*(上半年|下半年)")
_YEAR_QUARTER = re.compile(r"(\d{4})\s*年\s*(?:第)?([一二三四1234])\s*季度")
# 6月底完成 / 3月22日前 — the year is the plan's.
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH = re.compile(r"(?<![\d年])(\d{1,2})\s*月")
# 年底前 / 年内 / 上半年 / 三季度末
_BARE_YEAR_END = re.compile(r"(?<!\d)(年底|年末|年内|全年|当年|本年度|年度内)")
_BARE_HALF = re.compile(r"(?<![\d年])(上半年|下半年)")
_BARE_QUARTER = re.compile(r"(?<![\d年])(?:第)?([一二三四1234])\s*季度")
_QUARTER_MONTH = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
DEADLINE_WORDS = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月|年底|年末|年内|上半年|下半年|季度|长期|持续|及时推进|常态化"
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int | None = None) -> dt.date | None:
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    if day is None:
        return _month_end(year, month)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_deadline(raw: str, plan_year: int | None) -> tuple[dt.date | None, DeadlineKind]:
    """Due date and kind of a deadline phrase; the latest date named is the due date.

    Parameters
    ----------
    raw
        The deadline words, e.g. "2022年4月底,长期坚持".
    plan_year
        The plan's year, for phrases without one ("6月底完成", "年底前").

    Returns
    -------
    tuple
        ``(date or None, DeadlineKind)``. A month means its last day; 上半年 is June 30th.

    Examples
    --------
    >>> parse_deadline("2022年4月底", 2022)
    (datetime.date(2022, 4, 30), <DeadlineKind.DUE: 'due'>)
    >>> parse_deadline("2022年4月底,长期坚持", 2022)[1].value
    'due_and_ongoing'
    >>> parse_deadline("6月底完成", 2023)[0]
    datetime.date(2023, 6, 30)
    >>> parse_deadline("及时推进,长期坚持", 2022)
    (None, <DeadlineKind.ONGOING: 'ongoing'>)
    >>> parse_deadline("上半年", 2021)[0]
    datetime.date(2021, 6, 30)
    """
    text = raw.replace(" ", "")
    dates: list[dt.date] = []
    consumed = text

    def take(pattern: re.Pattern[str], to_date: object) -> None:
        nonlocal consumed
        for m in pattern.finditer(consumed):
            date = to_date(m)  # type: ignore[operator]
            if date is not None:
                dates.append(date)
        consumed = pattern.sub(lambda m: "#" * len(m.group(0)), consumed)

    take(_YEAR_MONTH_DAY, lambda m: _safe_date(int(m[1]), int(m[2]), int(m[3])))
    take(_YEAR_HALF, lambda m: _safe_date(int(m[1]), 6 if m[2] == "上半年" else 12))
    take(_YEAR_QUARTER, lambda m: _safe_date(int(m[1]), _QUARTER_MONTH[m[2]]))
    take(_YEAR_MONTH, lambda m: _safe_date(int(m[1]), int(m[2])))
    take(_YEAR_END, lambda m: _safe_date(int(m[1]), 12))
    if plan_year is not None:

        def year_at(m: re.Match[str]) -> int:
            # "2021年3月底前启动,6月底前完成": a bare month takes the year written before it.
            years = re.findall(r"(\d{4})\s*年", text[: m.start()])
            return int(years[-1]) if years else plan_year

        take(_MONTH_DAY, lambda m: _safe_date(year_at(m), int(m[1]), int(m[2])))
        take(_MONTH, lambda m: _safe_date(year_at(m), int(m[1])))
        take(_BARE_HALF, lambda m: _safe_date(plan_year, 6 if m[1] == "上半年" else 12))
        take(_BARE_QUARTER, lambda m: _safe_date(plan_year, _QUARTER_MONTH[m[1]]))
        take(_BARE_YEAR_END, lambda m: _safe_date(plan_year, 12))
    ongoing = bool(ONGOING.search(text))
    due = max(dates) if dates else None
    if due and ongoing:
        return due, DeadlineKind.DUE_AND_ONGOING
    if due:
        return due, DeadlineKind.DUE
    if ongoing:
        return None, DeadlineKind.ONGOING
    return None, DeadlineKind.UNPARSED


def looks_like_deadline(text: str) -> bool:
    """Is ``text`` a deadline phrase rather than a unit list ("2022年6月底前完成")?

    Examples
    --------
    >>> [looks_like_deadline(s) for s in ("2022年6月底前完成", "长期坚持", "市发改委")]
    [True, True, False]
    """
    stripped = text.strip()
    return bool(DEADLINE_WORDS.search(stripped)) and len(stripped) <= 40
