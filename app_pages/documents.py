"""文档 Documents: the corpus with metadata and warnings, a comparison, and adding a new document."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer.data import graph_path, rows
from explorer.i18n import language, t
from explorer.widgets import choose, table
from graph_build.decode import DEFAULT_MAX_BYTES
from graph_build.errors import ReformKGError
from graph_build.pipeline import add_document
from graph_build.serialize import task_to_dict

zh = language() == "zh"
RAW_DIR = Path("data/raw")
st.title(t("page_documents"))

documents = rows("document_list")
table(
    documents,
    key="document_list",
    columns=[
        "title",
        "issuer",
        "jurisdiction",
        "parent_jurisdiction",
        "year",
        "doc_type",
        "script",
        "task_count",
        "warning_count",
        "doc_numbers",
        "source_file",
        "id",
    ],
    labels={"title": t("title"), "jurisdiction": t("jurisdiction"), "task_count": t("tasks")},
)

st.subheader("文档对比" if zh else "Compare two documents")
names = {d["id"]: d["title"] for d in documents}
left, right = st.columns(2)
with left:
    first = choose(t("document") + " A", list(names), key="compare_left", names=names, include_all=False)
with right:
    second = choose(
        t("document") + " B",
        [d for d in names if d != first],
        key="compare_right",
        names=names,
        include_all=False,
    )
if first and second:
    comparison = rows("document_compare", left=first, right=second)
    kinds = {
        "shared_indicator": ("共同指标", "Shared indicators"),
        "shared_reform": ("共同改革举措", "Shared reforms"),
        "similar_pair": ("相似任务", "Similar tasks"),
        "only_left": ("仅 A 有", "Only in A"),
        "only_right": ("仅 B 有", "Only in B"),
    }
    for kind, label in kinds.items():
        kind_rows = [r for r in comparison if r["kind"] == kind]
        with st.expander(
            f"{label[0] if zh else label[1]} ({len(kind_rows)})", expanded=kind.startswith("shared")
        ):
            table(kind_rows, key=f"compare_{kind}", columns=["key", "left_value", "right_value", "score"])

st.subheader("添加文档" if zh else "Add a document")
upload = st.file_uploader(
    "上传工作方案(.txt .docx .html .pdf)" if zh else "Upload a plan (.txt .docx .html .pdf)",
    type=["txt", "md", "docx", "html", "htm", "pdf"],
    key="documents_upload",
)
if upload is not None:
    data = upload.getvalue()
    if len(data) > DEFAULT_MAX_BYTES:
        st.error(f"{upload.name}: 文件超过 20 MB" if zh else f"{upload.name}: over the 20 MB limit")
        st.stop()
    from graph_build.decode import decode_bytes, html_to_text
    from graph_build.pipeline import extract_text

    try:
        if upload.name.lower().endswith((".docx", ".pdf")):
            import tempfile

            from graph_build.pipeline import extract_document, safe_file_name

            with tempfile.TemporaryDirectory() as scratch:
                staged = Path(scratch) / safe_file_name(upload.name)
                staged.write_bytes(data)
                preview = extract_document(staged)
        else:
            text, _ = decode_bytes(upload.name, data)
            if upload.name.lower().endswith((".html", ".htm")):
                text = html_to_text(text)
            preview = extract_text(text, upload.name)
    except ReformKGError as exc:
        st.error(str(exc))
        st.stop()
    doc = preview.document
    st.markdown(
        f"**{doc.title}** · {doc.issuer or '—'} · {doc.jurisdiction or '—'} · {doc.year or '—'} · "
        f"{len(preview.tasks)} {t('tasks')}"
    )
    tasks = [task_to_dict(task) for task in preview.tasks]
    for task in tasks:
        task["leads"] = "、".join(u["name"] for u in task["lead_units"])
        task["assists"] = "、".join(u["name"] for u in task["assist_units"])
        task["due"] = (task["deadline"] or {}).get("raw")
    table(
        tasks,
        key="upload_preview",
        columns=["number", "title", "leads", "assists", "due"],
        labels={"title": t("title"), "leads": t("led"), "assists": t("assisted"), "due": t("deadline")},
    )
    if preview.warnings:
        table([{"code": w.code, "message": w.message} for w in preview.warnings], key="upload_warnings")
    if st.button("加入图谱" if zh else "Add to the graph", key="documents_add", type="primary"):
        try:
            added = add_document(data, upload.name, raw_dir=RAW_DIR, graph_path=graph_path())
        except ReformKGError as exc:
            st.error(str(exc))
        else:
            st.cache_data.clear()
            if added.replaced:
                st.success(("已替换旧版本 " if zh else "Replaced the previous version ") + added.replaced)
            else:
                st.success(("已加入 " if zh else "Added ") + added.stored_as.name)
