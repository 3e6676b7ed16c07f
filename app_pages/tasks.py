"""任务 Tasks: full-text search with filters; one task's text with its annotation highlighted, its
roles, targets, indicators, citations and links with their basis and evidence."""

from __future__ import annotations

import html

import streamlit as st

from explorer.data import document_names, rows
from explorer.i18n import language, t
from explorer.widgets import choose, table

zh = language() == "zh"
st.title(t("page_tasks"))

doc_names = document_names()
coverage = rows("indicator_coverage")
indicator_names = {c["indicator_id"]: c["name"] for c in coverage}
units = rows("unit_load", limit=100000)
query = st.text_input(
    "全文检索(支持繁体与全角)" if zh else "Search (traditional and full-width forms fold)",
    value="",
    placeholder="例如:一网通办、府院联动、电子证照" if zh else "e.g. 一网通办, 府院联动, 电子证照",
    key="tasks_query",
)
first, second, third, fourth = st.columns([2, 2, 2, 2])
with first:
    document = choose(t("document"), list(doc_names), key="tasks_document", names=doc_names)
with second:
    indicator = choose(
        t("indicators"),
        [c["indicator_id"] for c in coverage],
        key="tasks_indicator",
        names={c["indicator_id"]: c["name"] for c in coverage},
    )
with third:
    unit = choose(
        t("unit"),
        [u["unit_id"] for u in units],
        key="tasks_unit",
        names={u["unit_id"]: f"{u['name']} · {u['jurisdiction']}" for u in units},
    )
with fourth:
    due = st.date_input(t("deadline"), value=(), key="tasks_due", format="YYYY-MM-DD")
due_from = due[0].isoformat() if len(due) >= 1 else None
due_to = due[1].isoformat() if len(due) == 2 else None

listed = rows(
    "task_list", document=document, indicator=indicator, unit=unit, due_from=due_from, due_to=due_to
)
if query.strip():
    scores = {r["task_id"]: r for r in rows("search", q=query, limit=1000)}
    found = [{**r, "score": scores[r["task_id"]]["score"]} for r in listed if r["task_id"] in scores]
    found.sort(key=lambda r: -r["score"])
else:
    found = listed
for row in found:
    row["document"] = doc_names.get(row["document_id"], row["document_id"])
st.caption(
    ("共 {n} 项任务 · 点击一行查看详情" if zh else "{n} tasks · click a row for its detail").format(
        n=len(found)
    )
)
clicked = table(
    found,
    key="tasks",
    select="task_id",
    columns=["number", "title", "document", "leads", "deadline_raw", "indicators"]
    + (["score"] if query.strip() else [])
    + ["task_id"],
    labels={
        "number": "序号" if zh else "No.",
        "title": t("title"),
        "document": t("document"),
        "leads": t("led"),
        "deadline_raw": t("deadline"),
        "indicators": t("indicators"),
        "score": t("score"),
    },
)

options = [r["task_id"] for r in found]
if clicked and clicked != st.query_params.get("task"):
    st.query_params["task"] = clicked
    st.session_state.pop("tasks_selected", None)
wanted = st.query_params.get("task")
if wanted and wanted not in options:
    options.insert(0, wanted)
if not options:
    st.stop()
titles = {r["task_id"]: r["title"] for r in found}
task = st.selectbox(
    "任务详情" if zh else "Task detail",
    options,
    index=options.index(wanted) if wanted in options else 0,
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

RELATION_NAMES = {
    "LEADS": ("牵头", "leads"),
    "ASSISTS": ("配合", "assists"),
    "target": ("目标", "target"),
    "achieved": ("已达成", "achieved"),
    "CITES": ("引用", "cites"),
    "PRODUCES": ("制定", "drafts"),
    "IMPLEMENTS": ("贯彻落实", "implements"),
    "depends_on": ("依赖于", "depends on"),
    "depended_on_by": ("被依赖", "needed by"),
    "similar_to": ("相似", "similar to"),
}
# (section, 中文, English, columns shown); every column keeps its catalogue name in the CSV.
SECTIONS = [
    ("role", "牵头与配合单位", "Units and roles", ["relation", "name", "basis", "detail", "key"]),
    ("target", "量化目标", "Targets", ["name", "detail", "relation", "basis"]),
    ("indicator", "评价指标", "Indicators", ["name", "basis", "detail", "score"]),
    ("citation", "引用的政策", "Cited policies", ["relation", "name", "detail"]),
    ("reform", "改革举措", "Reforms", ["name", "detail"]),
    (
        "link",
        "关联任务(依据与证据)",
        "Links (basis and evidence)",
        ["relation", "name", "document", "basis", "detail", "score", "key"],
    ),
    ("subtask", "子任务", "Sub-tasks", ["number", "name", "detail", "key"]),
]
LABELS = {
    "relation": "关系" if zh else "Relation",
    "name": "名称" if zh else "Name",
    "basis": "依据类型" if zh else "Basis",
    "detail": "原文/证据" if zh else "Source words / evidence",
    "score": t("score"),
    "document": t("document"),
    "number": "序号" if zh else "No.",
    "key": "ID",
}
for section, zh_name, en_name, columns in SECTIONS:
    section_rows = [dict(r) for r in detail if r["section"] == section]
    if not section_rows:
        continue
    for row in section_rows:
        names = RELATION_NAMES.get(row["relation"] or "")
        row["relation"] = (names[0] if zh else names[1]) if names else row["relation"]
        row["document"] = doc_names.get(row["document_id"] or "", row["document_id"])
        if section == "target" and row["basis"]:
            row["basis"] = indicator_names.get(f"indicator:{row['basis']}", row["basis"])
    st.markdown(f"**{zh_name if zh else en_name}**")
    table(section_rows, key=f"task_{section}", columns=columns, labels=LABELS)


def _open_linked() -> None:
    """Switch the page to the linked task picked below (runs before the next render)."""
    chosen = st.session_state.get("tasks_open_linked")
    if chosen:
        st.query_params["task"] = chosen
        st.session_state.pop("tasks_selected", None)
        st.session_state["tasks_open_linked"] = None


linked = [r["key"] for r in detail if r["section"] in ("link", "subtask") and r["key"].startswith("task:")]
if linked:
    names = {r["key"]: r["name"] for r in detail}
    st.selectbox(
        "打开关联任务" if zh else "Open a linked task",
        [None, *linked],
        format_func=lambda k: "—" if k is None else names.get(k, k),
        key="tasks_open_linked",
        on_change=_open_linked,
    )
