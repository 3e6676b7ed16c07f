"""质量 QA: tasks without a clear lead, deadline anomalies, tasks mapped to no indicator, and the
warnings extraction raised (numbering, parentheses, repeated text …)."""

from __future__ import annotations

import streamlit as st

from explorer.data import document_names, rows
from explorer.i18n import language, t
from explorer.widgets import table

zh = language() == "zh"
st.title(t("page_qa"))
names = document_names()

REASONS = {
    "no_lead": ("无牵头单位", "No lead unit"),
    "collective_only": ("仅有集体牵头(各县区政府等)", "Only collective leads"),
    "redacted_only": ("牵头单位被删节(略)", "Only redacted leads"),
    "many_coleads": ("牵头单位过多", "Too many co-leads"),
}
vague = rows("unassigned_or_vague")
counts = {reason: sum(1 for r in vague if r["reason"] == reason) for reason in REASONS}
cols = st.columns(len(REASONS))
for col, (reason, reason_names) in zip(cols, REASONS.items(), strict=True):
    col.metric(reason_names[0] if zh else reason_names[1], counts[reason])
st.caption(
    "工作报告中的举措本就不标注单位,不计入。"
    if zh
    else "Measures of progress reports name no units by nature and are not counted."
)
reason = st.selectbox(
    "问题类型" if zh else "Problem",
    [None, *REASONS],
    key="qa_reason",
    format_func=lambda r: t("all") if r is None else REASONS[r][0 if zh else 1],
)
shown = [dict(r) for r in vague if reason is None or r["reason"] == reason]
for row in shown:
    row["reason_name"] = REASONS[row["reason"]][0 if zh else 1]
    row["document"] = names.get(row["document_id"], row["document_id"])
table(
    shown,
    key="unassigned_or_vague",
    columns=["reason_name", "title", "leads", "lead_names", "document", "task_id", "reason"],
    labels={
        "reason_name": "问题" if zh else "Problem",
        "title": t("title"),
        "leads": "牵头数" if zh else "Leads",
        "lead_names": t("led"),
        "document": t("document"),
        "task_id": "ID",
    },
)

st.subheader("完成时限异常" if zh else "Deadline anomalies")
st.caption(
    "完成时限早于方案年度,或无法解析的时限。"
    if zh
    else "Deadlines before the plan's year, or deadlines that could not be read."
)
anomalies = []
for month in rows("deadline_timeline"):
    for task in month["anomaly_ids"]:
        head = rows("task_detail", task=task)[0]
        anomalies.append(
            {
                "title": head["name"],
                "deadline_raw": head["deadline_raw"],
                "deadline_date": head["deadline_date"],
                "document": names.get(head["document_id"], head["document_id"]),
                "task_id": task,
            }
        )
table(
    anomalies,
    key="deadline_anomalies",
    labels={
        "title": t("title"),
        "deadline_raw": t("deadline"),
        "deadline_date": "解析日期" if zh else "Read as",
        "document": t("document"),
        "task_id": "ID",
    },
)

st.subheader("未对应评价指标的任务" if zh else "Tasks mapped to no indicator")
unmapped = [r for r in rows("task_list", no_indicator=True, limit=5000) if r["kind"] != "measure"]
for row in unmapped:
    row["document"] = names.get(row["document_id"], row["document_id"])
table(
    unmapped,
    key="unmapped_tasks",
    columns=["number", "title", "leads", "document", "task_id"],
    labels={
        "number": "序号" if zh else "No.",
        "title": t("title"),
        "leads": t("led"),
        "document": t("document"),
        "task_id": "ID",
    },
)

st.subheader(
    "解析提示(编号、括号、重复等)" if zh else "Extraction warnings (numbering, parentheses, repeats …)"
)
warnings = [
    {"document": names.get(d["id"], d["title"]), "code": w.split(": ", 1)[0], "warning": w.split(": ", 1)[-1]}
    for d in rows("document_list")
    for w in d["warnings"]
]
table(
    warnings,
    key="document_warnings",
    labels={
        "document": t("document"),
        "code": "类别" if zh else "Code",
        "warning": "说明" if zh else "Detail",
    },
)
