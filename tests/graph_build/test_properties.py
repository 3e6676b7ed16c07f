"""Property tests: extraction never raises on any text, and every span stays inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_build.deadlines import parse_deadline
from graph_build.model import DeadlineKind
from graph_build.pipeline import extract_text
from graph_build.targets import find_targets
from graph_build.units import split_units

# Text made of the pieces plans are made of, so the parser's paths are actually exercised.
PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "(一)",
        "(二)",
        "(十",
        "1.",
        "2.",
        "(1)",
        "(2)",
        "①",
        "第三条",
        "。",
        ",",
        ";",
        ":",
        "、",
        "(",
        ")",
        "(",
        ")",
        "牵头单位:",
        "责任单位:",
        "配合单位:",
        "完成时限:",
        "牵头",
        "负责",
        "市审批局",
        "区住建局",
        "各县区政府",
        "等单位",
        " (略) ",
        "2022年4月底",
        "长期坚持",
        "年底前",
        "\n",
        "深化改革",
        "压缩至2个工作日",
        "“一网通办”",
        "《方案》",
        "錦州市",
        "牽頭單位:",
        "市",
        "局",
        "达到95%以上",
        "不超过3个",
        "0.5个工作日",
        "1250千伏安及以下",
        "提升至160千伏安",
        "由“小时级”缩短到“分钟级”",
        "6月底",
        "上半年",
        "2023年12月31日前",
    ]
)
PLANLIKE = st.lists(PIECES, max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(PLANLIKE, st.text(max_size=400)))
def test_extract_never_raises_and_spans_stay_inside(text: str) -> None:
    extraction = extract_text(text, "generated.txt")
    length = len(text)
    for task in extraction.tasks:
        assert 0 <= task.span.start <= task.span.end <= length
        for role in task.roles:
            assert 0 <= role.span.start <= role.span.end <= length
            assert role.name and "等单位" not in role.name
        if task.deadline:
            assert 0 <= task.deadline.span.start <= task.deadline.span.end <= length
    assert len({t.id for t in extraction.tasks}) == len(extraction.tasks)


@settings(max_examples=100, deadline=None)
@given(PLANLIKE)
def test_extraction_is_deterministic(text: str) -> None:
    assert extract_text(text, "a.txt").tasks == extract_text(text, "a.txt").tasks


@given(st.one_of(PLANLIKE, st.text(max_size=60)), st.one_of(st.none(), st.integers(1990, 2040)))
def test_deadline_parsing_never_raises(raw: str, year: int | None) -> None:
    date, kind = parse_deadline(raw, year)
    assert kind in DeadlineKind
    assert date is None or 1900 <= date.year <= 2100


@settings(max_examples=300)
@given(st.one_of(PLANLIKE, st.text(max_size=200)))
def test_targets_never_raise_and_point_at_their_words(text: str) -> None:
    for target in find_targets(text):
        assert 0 <= target.start < target.end <= len(text)
        assert text[target.start : target.end] == target.raw
        assert target.comparator


@settings(max_examples=100, deadline=None)
@given(PLANLIKE, PLANLIKE)
def test_ids_are_stable_whatever_follows_the_tasks(text: str, tail: str) -> None:
    """A task's id is its document's id and its place in the outline: appending text after the
    document never changes the ids of the tasks before it (so reloading a grown document keeps
    its nodes) unless it changes what the document is. That happens only to a document whose
    title and issuer name no place (or no title at all): its jurisdiction, plan year and kind are
    then read from the whole text (Hypothesis found '一、(牵头单位:(一)' followed by '錦州市')."""
    first, grown = extract_text(text, "a.txt"), extract_text(text + "\n" + tail, "a.txt")
    identity = (first.document.title, first.document.issuer, first.document.jurisdiction)
    if grown.document.id != first.document.id:
        assert (grown.document.title, grown.document.issuer, grown.document.jurisdiction) != identity
        return
    before = {t.path: t.id for t in first.tasks}
    after = {t.path: t.id for t in grown.tasks}
    for path, task_id in before.items():
        if path in after:
            assert after[path] == task_id


@given(st.lists(PIECES, max_size=30).map("".join))
def test_unit_lists_never_yield_fragments(text: str) -> None:
    for mention in split_units(text):
        assert len(mention.name) >= 2 or "(略)" in mention.name
        assert 0 <= mention.start <= mention.end <= len(text)
