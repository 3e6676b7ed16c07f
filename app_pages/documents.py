"""文档 Documents: the corpus with metadata and warnings, a comparison, and adding a new document."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from explorer.data import document_names, embedded_graph, graph_lock, graph_path, rows
from explorer.i18n import language, t
from explorer.widgets import choose, table
from graph_build.decode import DEFAULT_MAX_BYTES
from graph_build.errors import ReformKGError
from graph_build.export import SUFFIXES, ExportFormat, export_graph
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
    labels={
        "title": t("title"),
        "issuer": "发文单位" if zh else "Issuer",
        "jurisdiction": t("jurisdiction"),
        "parent_jurisdiction": "上级地区" if zh else "Parent",
        "year": "年度" if zh else "Year",
        "doc_type": "类型" if zh else "Type",
        "script": "字形" if zh else "Script",
        "task_count": t("tasks"),
        "warning_count": "提示" if zh else "Warnings",
        "doc_numbers": "文号" if zh else "Doc. numbers",
        "source_file": "文件" if zh else "File",
        "id": "ID",
    },
)
with_warnings = [d for d in documents if d["warnings"]]
if with_warnings:
    with st.expander(
        f"解析提示({sum(len(d['warnings']) for d in with_warnings)})"
        if zh
        else f"Extraction warnings ({sum(len(d['warnings']) for d in with_warnings)})"
    ):
        table(
            [{"document": d["title"], "warning": w} for d in with_warnings for w in d["warnings"]],
            key="document_warnings",
            labels={"document": t("document"), "warning": "提示" if zh else "Warning"},
        )

st.subheader("文档对比" if zh else "Compare two documents")
names = document_names()
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
indicator_names = {r["indicator_id"]: r["name"] for r in rows("indicator_coverage")}


def compare_name(row: dict) -> str:
    """What a comparison row is about, in words: an indicator, a reform, or the two tasks."""
    key = row["key"]
    if row["kind"] == "shared_indicator":
        return indicator_names.get(key, key)
    if row["kind"] == "shared_reform":
        return key.removeprefix("reform:")
    if row["kind"] == "similar_pair":
        return f"{row['left_value']} ↔ {row['right_value']}"
    return row["left_value"] or row["right_value"] or key


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
            for row in kind_rows:
                row["name"] = compare_name(row)
            table(
                kind_rows,
                key=f"compare_{kind}",
                columns=["name", "left_value", "right_value", "score", "key"],
                labels={
                    "name": "名称" if zh else "Name",
                    "left_value": "A",
                    "right_value": "B",
                    "score": t("score"),
                    "key": "ID",
                },
            )

st.subheader("导出图谱" if zh else "Export the graph")
st.caption(
    "GraphML 可用 Gephi、yEd 打开;JSON 为 networkx node-link 格式;"
    "Cypher 脚本可用 cypher-shell -f 导入 Neo4j。"
    if zh
    else "GraphML opens in Gephi and yEd; JSON is networkx node-link; the Cypher script loads with "
    "cypher-shell -f."
)
graph = embedded_graph()
if graph is None:
    st.info(t("no_graph"))
else:
    columns = st.columns(3)
    for column, fmt in zip(columns, ExportFormat, strict=True):
        column.download_button(
            f"{'下载' if zh else 'Download'} {fmt.value.upper()}",
            data=partial(export_graph, graph, fmt),  # built when clicked, not on every rerun
            file_name=f"reformkg{SUFFIXES[fmt]}",
            mime="application/octet-stream",
            key=f"export-{fmt.value}",
            width="stretch",
        )

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
            with graph_lock:
                added = add_document(
                    data, upload.name, raw_dir=RAW_DIR, graph_path=graph_path(), graph=embedded_graph()
                )
        except ReformKGError as exc:
            st.error(str(exc))
        else:
            st.cache_data.clear()
            if added.replaced:
                st.success(("已替换旧版本 " if zh else "Replaced the previous version ") + added.replaced)
            else:
                st.success(("已加入 " if zh else "Added ") + added.stored_as.name)
