"""总览 Overview: the size of the graph, the busiest units, indicator coverage, deadlines, a QA headline."""

from __future__ import annotations

import altair as alt
import streamlit as st

from explorer.data import rows
from explorer.i18n import language, t
from explorer.widgets import table

# Every label on the category axis, however many bars: planners read each unit's name.
AXIS = alt.Axis(labelLimit=220, labelOverlap=False)

st.title(t("app_title"))
st.caption(t("app_caption"))

summary = {(r["kind"], r["key"]): r["count"] for r in rows("graph_summary")}
labels = {key: count for (kind, key), count in summary.items() if kind == "label"}
relationships = {key: count for (kind, key), count in summary.items() if kind == "relationship"}
cols = st.columns(5)
cols[0].metric(t("documents"), sum(c for (k, _), c in summary.items() if k == "documents"))
cols[1].metric(t("tasks"), labels.get("Task", 0))
cols[2].metric(t("units"), labels.get("Unit", 0))
cols[3].metric(t("indicators"), labels.get("Indicator", 0))
cols[4].metric(t("links"), relationships.get("DEPENDS_ON", 0) + relationships.get("SIMILAR_TO", 0))

vague = rows("unassigned_or_vague")
if vague:
    st.warning(t("qa_headline", n=len({r["task_id"] for r in vague})))

left, right = st.columns(2)
with left:
    st.subheader(t("busiest_units"))
    top = rows("unit_load", limit=15)
    led, assisted = t("led"), t("assisted")
    data = [
        {"unit": f"{r['name']} · {r['jurisdiction']}", "role": role, "tasks": r[field]}
        for r in top
        for role, field in ((led, "led"), (assisted, "assisted"))
    ]
    order = [f"{r['name']} · {r['jurisdiction']}" for r in top]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("tasks:Q", title=t("tasks")),
            y=alt.Y("unit:N", sort=order, title=None, axis=AXIS),
            color=alt.Color(
                "role:N",
                title=t("role"),
                scale=alt.Scale(domain=[led, assisted], range=["#1f77b4", "#9ecae1"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["unit:N", "role:N", "tasks:Q"],
        )
        .properties(height=380)
    )
    st.altair_chart(chart, width="stretch")
with right:
    st.subheader(t("indicator_coverage"))
    coverage = rows("indicator_coverage")
    name_key = "name" if language() == "zh" else "en"
    data = [{"indicator": r[name_key], "tasks": r["tasks"], "documents": r["documents"]} for r in coverage]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar(color="#9467bd")
        .encode(
            x=alt.X("tasks:Q", title=t("tasks")),
            y=alt.Y("indicator:N", sort="-x", title=None, axis=AXIS),
            tooltip=["indicator:N", "tasks:Q", "documents:Q"],
        )
        .properties(height=380)
    )
    st.altair_chart(chart, width="stretch")

st.subheader(t("deadlines_by_month"))
timeline = [r for r in rows("deadline_timeline") if r["month"] not in ("none",)]
ongoing = "长期/持续" if language() == "zh" else "ongoing"
data = [
    {
        "month": ongoing if r["month"] == "ongoing" else r["month"],
        "tasks": r["tasks"],
        "overdue": r["overdue"],
    }
    for r in timeline
]
chart = (
    alt.Chart(alt.Data(values=data))
    .mark_bar(color="#ff7f0e")
    .encode(
        x=alt.X("month:N", title=t("month"), sort=None),
        y=alt.Y("tasks:Q", title=t("tasks")),
        tooltip=["month:N", "tasks:Q", "overdue:Q"],
    )
    .properties(height=260)
)
st.altair_chart(chart, width="stretch")

st.subheader(t("documents"))
documents = rows("document_list")
for document in documents:
    document["type_name"] = (
        ("工作方案" if document["doc_type"] == "plan" else "工作报告")
        if language() == "zh"
        else document["doc_type"]
    )
table(
    documents,
    key="overview_documents",
    columns=["title", "jurisdiction", "year", "type_name", "task_count", "warning_count", "source_file"],
    labels={
        "title": t("title"),
        "jurisdiction": t("jurisdiction"),
        "year": "年度" if language() == "zh" else "Year",
        "type_name": "类型" if language() == "zh" else "Type",
        "task_count": t("tasks"),
        "warning_count": "提示" if language() == "zh" else "Warnings",
        "source_file": "文件" if language() == "zh" else "File",
    },
)
