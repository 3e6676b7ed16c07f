"""指标 Indicators: coverage per indicator and per document, the gaps, and the targets set."""

from __future__ import annotations

import altair as alt
import streamlit as st

from explorer.data import rows
from explorer.i18n import language, t
from explorer.widgets import choose, table

st.title(t("page_indicators"))
documents = rows("document_list")
names = {d["id"]: d["title"] for d in documents}
document = choose(t("document"), [d["id"] for d in documents], key="indicators_document", names=names)
coverage = rows("indicator_coverage", document=document)
name_key = "name" if language() == "zh" else "en"
data = [
    {"indicator": r[name_key], "tasks": r["tasks"], "covered": "✓" if r["tasks"] else "—"} for r in coverage
]
chart = (
    alt.Chart(alt.Data(values=data))
    .mark_bar()
    .encode(
        x=alt.X("tasks:Q", title=t("tasks")),
        y=alt.Y("indicator:N", sort="-x", title=None),
        color=alt.condition("datum.tasks > 0", alt.value("#9467bd"), alt.value("#d62728")),
        tooltip=["indicator:N", "tasks:Q"],
    )
    .properties(height=460)
)
st.altair_chart(chart, width="stretch")
gaps = [r[name_key] for r in coverage if r["tasks"] == 0]
if gaps:
    st.error(("未覆盖的指标:" if language() == "zh" else "Indicators left uncovered: ") + "、".join(gaps))
table(
    coverage,
    key="indicator_coverage",
    columns=["name", "en", "tasks", "documents", "lead_units", "top_lead_names", "indicator_id"],
    labels={"name": t("indicators"), "tasks": t("tasks"), "documents": t("documents")},
)
