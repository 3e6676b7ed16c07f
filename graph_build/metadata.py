"""Document metadata: title, issuer, jurisdiction, plan year, document type and numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from graph_build.model import DocType
from graph_build.normalize import SourceText
from graph_build.resources import Place, places

# A title names a kind of document.
_TITLE_WORDS = re.compile(
    r"方案|计划|意见|要点|通知|办法|措施|举措|清单|报告|规划|任务|细则|总结|情况|答复|行动|安排"
)
# 松山新区管理委员会 / 湾里管理局 / (略) 优化营商环境工作领导小组办公室 — an issuer line.
_ISSUER_ENDINGS = re.compile(
    r"(委员会|管委会|人民政府|政府|办公室|办公厅|管理局|领导小组|局|委|办|厅|中心|院)$"
)
_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|时间)[::]?\s*(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*(?:年|—|-)")
# 锦委发﹝2020﹞13号 / 武政规[2020]6号 / 鄂州办发〔2022〕2号
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［﹝(【]\s*(\d{4})\s*[〕\]］﹞)】]\s*\d{1,4}\s*号")
# 湾里管理局 / 松山新区 / 高新区管委会 — a special zone named at the start of a title.
_ZONE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(新区|管理局|经济技术开发区|高新技术产业开发区|开发区|高新区)")
_REPORT_CUES = re.compile(r"今年以来|主要做法|取得成效|主要工作及成效|下一步|工作情况|截至|截止")


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a document says about itself."""

    title: str
    issuer: str
    jurisdiction: str
    parent_jurisdiction: str
    year: int | None
    published: dt.date | None
    doc_type: DocType
    doc_numbers: tuple[str, ...]
    title_found: bool


def read_metadata(source: SourceText, *, annotated_items: int, deadline_years: list[int]) -> DocumentMeta:
    """Read a document's metadata from its text.

    Parameters
    ----------
    source
        The prepared text.
    annotated_items
        How many numbered items carry role annotations: a document with none and with report
        wording is a report (seed 001), not a plan.
    deadline_years
        Years of the task deadlines, the fallback for a plan year when the title has none.

    Notes
    -----
    The plan year comes from the title first ("2023年营商环境提升行动工作方案"), then from the
    deadlines, and only then from the publishing date, which can be wrong (seed 004 is a 2023
    plan dated 2022年2月7日).
    """
    head = [line.text for line in source.lines[:20]]
    title_index, title = _find_title(head)
    issuer = _find_issuer(head, title)
    published = _find_published(source)
    jurisdiction, parent = _find_jurisdiction(source.analysis, title, issuer)
    year = _plan_year(title, deadline_years, published)
    report_cues = len(_REPORT_CUES.findall(source.analysis))
    is_report = annotated_items == 0 and (report_cues >= 1 or re.search("报告|总结|答复", title))
    numbers = tuple(
        dict.fromkeys(re.sub(r"\s+", "", m.group(0)) for m in DOC_NUMBER.finditer(source.analysis))
    )
    return DocumentMeta(
        title=title,
        issuer=issuer,
        jurisdiction=jurisdiction,
        parent_jurisdiction=parent,
        year=year,
        published=published,
        doc_type=DocType.REPORT if is_report else DocType.PLAN,
        doc_numbers=numbers,
        title_found=title_index is not None,
    )


def _find_title(head: list[str]) -> tuple[int | None, str]:
    from graph_build.outline import match_marker

    for index, text in enumerate(head):
        candidate = text.strip()
        if (
            6 <= len(candidate) <= 70
            and not re.search(r"[。:;]", candidate)
            and not candidate.endswith(",")
            and match_marker(candidate) is None
            and _TITLE_WORDS.search(candidate)
        ):
            return index, _clean_title(candidate)
    return None, ""


def _clean_title(text: str) -> str:
    title = text.strip().strip("《》")
    title = re.sub(r"\s*\(征求意见稿\)\s*$", "", title)
    return re.sub(r"\s+", " ", title).strip()


def _find_issuer(head: list[str], title: str) -> str:
    for text in head:
        candidate = re.sub(r"\s+", "", text)
        if (
            4 <= len(candidate) <= 30
            and not re.search(r"[,。:;、]", candidate)
            and _ISSUER_ENDINGS.search(candidate)
            and not _TITLE_WORDS.search(candidate.replace("(略)", ""))
        ):
            return candidate
    compact = re.sub(r"\s+", "", title)
    m = re.match(r"^(.{2,20}?)(?:关于|\d{4}年)", compact)
    if m and _ISSUER_ENDINGS.search(m.group(1)):
        return m.group(1)
    return ""


def _find_published(source: SourceText) -> dt.date | None:
    for line in source.lines:
        m = _DATE_LINE.match(line.text.strip())
        if m:
            return _date(int(m[1]), int(m[2]), int(m[3]))
    m = _PUBLISHED.search(source.analysis)
    return _date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _plan_year(title: str, deadline_years: list[int], published: dt.date | None) -> int | None:
    m = _YEAR.search(title)
    if m:
        return int(m.group(1))
    if deadline_years:
        return Counter(deadline_years).most_common(1)[0][0]
    return published.year if published else None


@cache
def _place_index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for place in places():
        index.setdefault(place.name, place)
    return index


@cache
def _short_names() -> dict[str, Place]:
    """三-character-or-longer stems (石嘴山, 湾里区→湾里 only via titles) of cities and counties."""
    short: dict[str, Place] = {}
    for place in places():
        stem = re.sub(r"(市|区|县)$", "", place.name)
        if stem != place.name and len(stem) >= 2:
            short.setdefault(stem, place)
    return short


def _find_jurisdiction(text: str, title: str, issuer: str) -> tuple[str, str]:
    """``(jurisdiction, parent jurisdiction)``: a place named by the title or issuer, else the
    city the text names most often."""
    index, short = _place_index(), _short_names()
    city_counts = _city_mentions(text)
    best_city = city_counts.most_common(1)[0][0] if city_counts else ""
    for head in (re.sub(r"\s+", "", title), re.sub(r"\s+", "", issuer)):
        if not head:
            continue
        for name, place in index.items():
            if head.startswith(name) and place.level != "province":
                # 襄阳市襄城区… is the district's plan, not the city's.
                county = _county_after(head[len(name) :], place)
                if county:
                    return county, place.name
                return place.name, _parent_name(place, city_counts, best_city)
        zone = _ZONE.match(head)
        if zone:
            zone_place = short.get(zone.group(1))
            parent = _parent_name(zone_place, city_counts, best_city) if zone_place else best_city
            return zone.group(0), parent
        for stem, place in short.items():
            if head.startswith(stem) and place.level == "city":
                return place.name, place.parent
    if best_city:
        return best_city, index[best_city].parent if best_city in index else ""
    return "", ""


def _county_after(rest: str, city: Place) -> str:
    """A county or district of ``city`` (or a zone) named right after the city in a title."""
    if city.level != "city":
        return ""
    for place in places():
        if place.level == "county" and place.parent == city.name and rest.startswith(place.name):
            return place.name
    zone = _ZONE.match(rest)
    return zone.group(0) if zone else ""


def _parent_name(place: Place, city_counts: Counter[str], best_city: str) -> str:
    """The gazetteer's parent when the text bears it out; else the city the text names most.

    松山新区 is in 锦州市 although the gazetteer's 松山区 is in 赤峰市.
    """
    if place.level == "city":
        return place.parent
    if place.parent in city_counts or not best_city:
        return place.parent
    return best_city


def _city_mentions(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    compact = text.replace(" ", "")
    for place in places():
        if place.level != "city":
            continue
        full = compact.count(place.name)
        stem = re.sub(r"市$", "", place.name)
        by_stem = compact.count(stem) - full if len(stem) >= 3 else 0
        if full or by_stem:
            counts[place.name] = full * 3 + by_stem
    return counts
