"""质量 QA: tasks without a clear lead, deadline anomalies, document warnings (numbering and others)."""

from __future__ import annotations

import streamlit as st

from explorer.data import rows
from explorer.i18n import language, t
from explorer.widgets import table

zh = language() == "zh"
st.title(t("page_qa"))

REASONS = {
    "no_lead": ("无牵头单位", "No lead unit"),
    "collective_only": ("仅有集体牵头(各县区政府等)", "Only collective leads"),
    "redacted_only": ("牵头单位被删节(略)", "Only redacted leads"),
    "many_coleads": ("牵头单位过多", "Too many co-leads"),
}
vague = rows("unassigned_or_vague")
counts = {reason: sum(1 for r in vague if r["reason"] == reason) for reason in REASONS}
cols = st.columns(len(REASONS))
for col, (reason, names) in zip(cols, REASONS.items(), strict=True):
    col.metric(names[0] if zh else names[1], counts[reason])
reason = st.selectbox(
    "问题类型" if zh else "Problem",
    [None, *REASONS],
    key="qa_reason",
    format_func=lambda r: t("all") if r is None else REASONS[r][0 if zh else 1],
)
shown = [r for r in vague if reason is None or r["reason"] == reason]
table(
    shown,
    key="unassigned_or_vague",
    columns=["reason", "title", "leads", "lead_names", "document_id", "task_id"],
    labels={"title": t("title")},
)

st.subheader("完成时限异常" if zh else "Deadline anomalies")
anomalies = [r for r in rows("deadline_timeline") if r["anomalies"]]
table(anomalies, key="deadline_anomalies", columns=["month", "anomalies", "anomaly_ids"])

st.subheader(
    "文档警告(编号、括号、重复等)" if zh else "Document warnings (numbering, parentheses, repeats …)"
)
warnings = [{"document": d["title"], "warning": w} for d in rows("document_list") for w in d["warnings"]]
table(warnings, key="document_warnings")
