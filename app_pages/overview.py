"""总览 Overview: the size of the graph, the busiest units, indicator coverage, deadlines, a QA headline."""

from __future__ import annotations

import altair as alt
import streamlit as st

from explorer.data import rows
from explorer.i18n import language, t

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
    data = [
        {"unit": f"{r['name']} · {r['jurisdiction']}", "led": r["led"], "assisted": r["assisted"]}
        for r in top
    ]
    order = [d["unit"] for d in data]
    chart = (
        alt.Chart(alt.Data(values=data))
        .transform_fold(["led", "assisted"], as_=["role", "tasks"])
        .mark_bar()
        .encode(
            x=alt.X("tasks:Q", title=t("tasks")),
            y=alt.Y("unit:N", sort=order, title=None),
            color=alt.Color(
                "role:N",
                title=t("role"),
                scale=alt.Scale(domain=["led", "assisted"], range=["#1f77b4", "#9ecae1"]),
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
            y=alt.Y("indicator:N", sort="-x", title=None),
            tooltip=["indicator:N", "tasks:Q", "documents:Q"],
        )
        .properties(height=380)
    )
    st.altair_chart(chart, width="stretch")

st.subheader(t("deadlines_by_month"))
timeline = [r for r in rows("deadline_timeline") if r["month"] not in ("none",)]
data = [{"month": r["month"], "tasks": r["tasks"], "overdue": r["overdue"]} for r in timeline]
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
