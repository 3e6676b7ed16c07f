"""Indicator mapping: headings first, then keywords; hand-checked samples and coverage."""

from __future__ import annotations

import pytest

from graph_build.indicators import bready_topics, load_indicators
from graph_build.model import Extraction
from tests.graph_build.test_seeds import task_at


def indicator_names(extraction: Extraction, path: str) -> list[str]:
    return [i.name for i in task_at(extraction, path).indicators]


def test_taxonomy_has_the_eighteen_national_indicators_mapped_to_bready() -> None:
    indicators = load_indicators()
    assert len(indicators) == 18
    assert {"获得电力", "知识产权创造保护和运用", "包容普惠创新"} <= {i.name for i in indicators}
    topics = {t.id for t in bready_topics()}
    assert len(topics) == 10
    assert all(set(i.bready) <= topics for i in indicators)


@pytest.mark.parametrize(("seed", "share"), [("003", 0.9), ("004", 0.9)])
def test_most_tasks_of_indicator_structured_plans_are_mapped(
    seeds: dict[str, Extraction], seed: str, share: float
) -> None:
    tasks = seeds[seed].tasks
    assert sum(1 for t in tasks if t.indicators) / len(tasks) >= share


@pytest.mark.parametrize(
    ("seed", "path", "expected", "basis"),
    [
        ("003", "1.3", ["获得电力"], "heading"),  # (三)获得电力打造…
        ("003", "1.11", ["劳动力市场监管"], "heading"),  # not also 市场监管 inside the name
        ("003", "1.12", ["招标投标"], "heading"),
        ("004", "2.6.2", ["登记财产"], "heading"),  # section (六)优化不动产登记
        ("004", "2.9.1", ["纳税"], "heading"),  # section (九)优化纳税服务
        ("000", "2.3", ["获得电力"], "heading"),  # 持续提高办电效率: 办电 names the indicator
        ("004", "2.1.1", ["开办企业"], "keywords"),  # 深化“一业一照一码”改革
    ],
)
def test_hand_checked_mappings(
    seeds: dict[str, Extraction], seed: str, path: str, expected: list[str], basis: str
) -> None:
    task = task_at(seeds[seed], path)
    assert [i.name for i in task.indicators][: len(expected)] == expected
    assert task.indicators[0].basis == basis
    assert task.indicators[0].evidence
    assert 0 < task.indicators[0].confidence <= 1


def test_unmapped_tasks_are_left_unmapped(seeds: dict[str, Extraction]) -> None:
    # 组织迎接全省督查: organisation of an inspection serves no indicator; nothing is forced.
    assert indicator_names(seeds["000"], "2.22") == []


def test_targets_attach_to_the_indicator_they_measure(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["003"], "1.3")
    assert task.targets and {t.indicator_id for t in task.targets} == {"getting_electricity"}
