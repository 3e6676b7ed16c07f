"""Graph views: hostile text stays text, no resource comes from a CDN, the node cap holds."""

from __future__ import annotations

import re

from explorer.graph_view import GraphPicture, legend_html, render

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _picture(name: str) -> GraphPicture:
    picture = GraphPicture()
    picture.node("unit:甲:局", "Unit", "市审批局", size=20)
    picture.node("task:1", "Task", name, tooltip=name)
    picture.edge("unit:甲:局", "task:1", "LEADS", name)
    return picture


def test_labels_and_tooltips_are_escaped() -> None:
    hostile, _ = render(_picture(HOSTILE))
    benign, _ = render(_picture("压缩企业开办时间"))
    # pyvis writes the node data as JSON with "&" as \u0026: the text arrives as &lt;script&gt;…
    assert "\\u0026lt;script\\u0026gt;alert(" in hostile
    assert '<script>alert("x")' not in hostile and "onerror=alert(1)>" not in hostile
    # The hostile text adds no element: as many tags as the benign picture has.
    tags = re.compile(r"<(script|img|iframe)\b", re.IGNORECASE)
    assert len(tags.findall(hostile)) == len(tags.findall(benign))


def test_everything_is_inline_no_cdn() -> None:
    page, _ = render(_picture("压缩企业开办时间"))
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", page)
    assert "new vis.Network" in page  # the library itself is in the page


def test_a_large_neighbourhood_is_capped_and_the_focus_kept() -> None:
    picture = GraphPicture()
    picture.node("unit:focus", "Unit", "中心单位")
    for index in range(150):
        picture.node(f"task:{index}", "Task", f"任务{index}")
        picture.edge("unit:focus", f"task:{index}", "LEADS")
    page, hidden = render(picture, cap=40, keep=["unit:focus"])
    assert hidden == 111
    assert "unit:focus" in page


def test_legend_names_every_label() -> None:
    legend = legend_html("zh")
    for name in ("单位", "任务", "文档/政策", "指标", "改革举措"):
        assert name in legend
