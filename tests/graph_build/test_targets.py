"""Quantitative targets: each written form parsed into metric, comparator, value and unit."""

from __future__ import annotations

import pytest

from graph_build.targets import find_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("助力企业开办压缩至0.5个工作日", [("<=", 0.5, "工作日")]),
        ("“半日办结率”达到95%以上", [(">=", 95.0, "%")]),
        ("高压用电报装办理环节不超过3个", [("<=", 3.0, "个")]),
        ("全年纳税时间控制在70个小时以内", [("<=", 70.0, "小时")]),
        ("2023年底免证办事项不少于600项", [(">=", 600.0, "项")]),
        ("全社会研发经费保持10%增长", [("growth>=", 10.0, "%")]),
        ("辖内法人银行1000万元及以下授信", [("<=", 1000.0, "万元")]),
        ("故障复电由“小时级”缩短到“分钟级”", [("->", None, "分钟级")]),
        (
            "分别压减到5个、7个、10个工作日以内",
            [("<=", 5.0, "工作日"), ("<=", 7.0, "工作日"), ("<=", 10.0, "工作日")],
        ),
        ("一般问题5个工作日内办结", [("<=", 5.0, "工作日")]),
        ("用户平均停电时间压缩25%以上", [("reduce_by", 25.0, "%")]),
        ("用电报装容量1250千伏安及以下用户", [("<=", 1250.0, "千伏安")]),
        ("供水管线直径100毫米及以下", [("<=", 100.0, "毫米")]),
    ],
)
def test_target_forms(text: str, expected: list[tuple]) -> None:
    assert [(t.comparator, t.value, t.unit) for t in find_targets(text)] == expected


def test_metric_is_the_clause_before_the_figure() -> None:
    (target,) = find_targets("进一步优化流程,企业开办时间压缩至1个工作日")
    assert target.metric == "企业开办时间"
    assert target.raw == "压缩至1个工作日"


def test_dates_are_not_targets() -> None:
    assert find_targets("2023年3月底前完成,12月31日前验收") == []
