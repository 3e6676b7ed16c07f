"""指标 Indicators: coverage per indicator and per document, the gaps, and the targets set."""

from __future__ import annotations

import altair as alt
import streamlit as st

from explorer.data import document_names, rows
from explorer.i18n import language, t
from explorer.widgets import choose, table

MATRIX_DOCUMENTS = 30  # columns of the indicator × document matrix before it stops being legible

zh = language() == "zh"
name_key = "name" if zh else "en"
st.title(t("page_indicators"))
documents = rows("document_list")
names = document_names()
left, right = st.columns(2)
with left:
    jurisdiction = choose(
        t("jurisdiction"), sorted({d["jurisdiction"] for d in documents}), key="indicators_jurisdiction"
    )
in_scope = [d for d in documents if jurisdiction is None or d["jurisdiction"] == jurisdiction]
with right:
    document = choose(t("document"), [d["id"] for d in in_scope], key="indicators_document", names=names)

coverage = rows("indicator_coverage", document=document)
indicator_names = {r["indicator_id"]: r[name_key] for r in coverage}
data = [{"indicator": r[name_key], "tasks": r["tasks"]} for r in coverage]
chart = (
    alt.Chart(alt.Data(values=data))
    .mark_bar()
    .encode(
        x=alt.X("tasks:Q", title=t("tasks")),
        y=alt.Y("indicator:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        color=alt.condition("datum.tasks > 0", alt.value("#9467bd"), alt.value("#d62728")),
        tooltip=["indicator:N", "tasks:Q"],
    )
    .properties(height=max(300, 24 * len(data)))
)
st.altair_chart(chart, width="stretch")
gaps = [r[name_key] for r in coverage if r["uncovered"]]
if gaps:
    st.error(("未覆盖的指标:" if zh else "Indicators left uncovered: ") + "、".join(gaps))
table(
    coverage,
    key="indicator_coverage",
    columns=["name", "en", "tasks", "documents", "lead_units", "top_lead_names", "indicator_id"],
    labels={
        "name": t("indicators"),
        "en": "English",
        "tasks": t("tasks"),
        "documents": t("documents"),
        "lead_units": "牵头单位数" if zh else "Lead units",
        "top_lead_names": "主要牵头单位" if zh else "Main leads",
        "indicator_id": "ID",
    },
)

if document is None and len(in_scope) > 1:
    st.subheader("指标 × 文档" if zh else "Indicators × documents")
    shown = in_scope[:MATRIX_DOCUMENTS]
    if len(in_scope) > MATRIX_DOCUMENTS:
        st.caption(
            f"只显示前 {MATRIX_DOCUMENTS} 份文档(共 {len(in_scope)} 份),请按地区筛选。"
            if zh
            else f"Showing {MATRIX_DOCUMENTS} of {len(in_scope)} documents; filter by jurisdiction."
        )
    cells = [
        {"document": names[d["id"]], "indicator": r[name_key], "tasks": r["tasks"]}
        for d in shown
        for r in rows("indicator_coverage", document=d["id"])
    ]
    matrix = (
        alt.Chart(alt.Data(values=cells))
        .mark_rect(stroke="#ffffff")
        .encode(
            x=alt.X(
                "document:N", title=None, axis=alt.Axis(labelAngle=-25, labelLimit=220, labelOverlap=False)
            ),
            y=alt.Y(
                "indicator:N",
                title=None,
                sort=[r[name_key] for r in coverage],
                axis=alt.Axis(labelOverlap=False, labelLimit=220),
            ),
            color=alt.Color("tasks:Q", title=t("tasks"), scale=alt.Scale(scheme="purples")),
            tooltip=["document:N", "indicator:N", "tasks:Q"],
        )
        .properties(height=max(300, 24 * len(coverage)))
    )
    text = matrix.mark_text(fontSize=11).encode(
        text=alt.Text("tasks:Q"),
        color=alt.condition("datum.tasks > 6", alt.value("#ffffff"), alt.value("#333333")),
    )
    st.altair_chart(matrix + text, width="stretch")

st.subheader("量化目标" if zh else "Targets")
indicator = choose(
    t("indicators"), list(indicator_names), key="indicators_target_indicator", names=indicator_names
)
targets = rows("target_list", indicator=indicator, document=document)
for row in targets:
    row["indicator"] = indicator_names.get(row["indicator_id"] or "", "")
    row["document"] = names.get(row["document_id"], row["document_id"])
    row["kind"] = ("已达成" if zh else "achieved") if row["achieved"] else ("目标" if zh else "target")
table(
    targets,
    key="targets",
    columns=["indicator", "task_title", "raw", "metric", "comparator", "value", "unit", "kind", "document"],
    labels={
        "indicator": t("indicators"),
        "task_title": t("title"),
        "raw": "原文" if zh else "Words",
        "metric": "度量" if zh else "Metric",
        "comparator": "比较" if zh else "Comparator",
        "value": "数值" if zh else "Value",
        "unit": "单位(量)" if zh else "Unit",
        "kind": "类型" if zh else "Kind",
        "document": t("document"),
    },
)
