"""任务 Tasks: full-text search with filters; one task's text with its annotation highlighted, its
roles, targets, indicators, citations and links with their basis and evidence."""

from __future__ import annotations

import html

import streamlit as st

from explorer.data import rows
from explorer.i18n import language, t
from explorer.widgets import choose, table

zh = language() == "zh"
st.title(t("page_tasks"))

documents = rows("document_list")
doc_names = {d["id"]: d["title"] for d in documents}
coverage = rows("indicator_coverage")
left, middle, right = st.columns([2, 1, 1])
with left:
    query = st.text_input("全文检索" if zh else "Search", value="一网通办", key="tasks_query")
with middle:
    document = choose(t("document"), list(doc_names), key="tasks_document", names=doc_names)
with right:
    indicator = choose(
        t("indicators"),
        [c["indicator_id"] for c in coverage],
        key="tasks_indicator",
        names={c["indicator_id"]: c["name"] for c in coverage},
    )

found = rows("search", q=query, limit=200) if query.strip() else []
if document:
    found = [r for r in found if r["document_id"] == document]
if indicator:
    # The indicator filter keeps tasks whose detail lists that indicator.
    keep = {
        r["task_id"]
        for r in found
        if any(
            d["key"] == indicator
            for d in rows("task_detail", task=r["task_id"])
            if d["section"] == "indicator"
        )
    }
    found = [r for r in found if r["task_id"] in keep]
for row in found:
    row["document"] = doc_names.get(row["document_id"], row["document_id"])
table(
    found,
    key="search",
    columns=["title", "document", "score", "matched", "task_id"],
    labels={"title": t("title"), "document": t("document"), "score": t("score")},
)

options = [r["task_id"] for r in found]
wanted = st.query_params.get("task")
if wanted and wanted not in options:
    options.insert(0, wanted)
if not options:
    st.stop()
titles = {r["task_id"]: r["title"] for r in found}
task = st.selectbox(
    "任务详情" if zh else "Task detail",
    options,
    key="tasks_selected",
    format_func=lambda tid: titles.get(tid, tid),
)
detail = rows("task_detail", task=task)
head = next(r for r in detail if r["section"] == "task")
st.subheader(f"{head['number'] or ''} {head['name']}")
st.caption(f"{doc_names.get(head['document_id'], head['document_id'])} · {head['source_file']} · {task}")

# The text with every role annotation highlighted (spans are offsets into the document).
text = head["detail"] or ""
spans = sorted(
    {
        (r["span_start"] - head["span_start"], r["span_end"] - head["span_start"])
        for r in detail
        if r["section"] == "role" and r["span_start"] is not None
    }
)
parts, cursor = [], 0
for start, end in spans:
    if 0 <= start < end <= len(text) and start >= cursor:
        parts.append(html.escape(text[cursor:start]))
        parts.append(f'<mark style="background:#fde68a">{html.escape(text[start:end])}</mark>')
        cursor = end
parts.append(html.escape(text[cursor:]))
st.markdown(f'<div style="line-height:1.9;font-size:1.02em">{"".join(parts)}</div>', unsafe_allow_html=True)
if head.get("deadline_raw"):
    st.info(
        f"{t('deadline')}: {head['deadline_raw']} → {head.get('deadline_date') or head.get('deadline_kind')}"
    )

SECTIONS = [
    ("role", "牵头与配合单位", "Units and roles"),
    ("target", "量化目标", "Targets"),
    ("indicator", "评价指标", "Indicators"),
    ("citation", "引用的政策", "Cited policies"),
    ("reform", "改革举措", "Reforms"),
    ("link", "关联任务(依据与证据)", "Links (basis and evidence)"),
    ("subtask", "子任务", "Sub-tasks"),
]
for section, zh_name, en_name in SECTIONS:
    section_rows = [r for r in detail if r["section"] == section]
    if section_rows:
        st.markdown(f"**{zh_name if zh else en_name}**")
        table(
            section_rows,
            key=f"task_{section}",
            columns=["name", "detail", "score", "key"],
            labels={"name": t("title"), "detail": t("evidence"), "score": t("score")},
        )
