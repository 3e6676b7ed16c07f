"""依赖 Dependencies: which tasks depend on which and which are the same measure, with evidence."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from explorer.data import rows
from explorer.graph_view import GraphPicture, entity_link, legend_html, render
from explorer.i18n import language, t
from explorer.widgets import choose, table

zh = language() == "zh"
st.title(t("page_dependencies"))
documents = rows("document_list")
doc_names = {d["id"]: d["title"] for d in documents}
ids = list(doc_names)
left, right = st.columns(2)
with left:
    first = choose(t("document") + " A", ids, key="deps_left", names=doc_names, include_all=False)
with right:
    others = [d for d in ids if d != first]
    second = choose(t("document") + " B", others, key="deps_right", names=doc_names, include_all=False)

dependencies = rows("task_dependencies", document=first)
pairs = (
    [r for r in rows("document_compare", left=first, right=second) if r["kind"] == "similar_pair"]
    if second
    else []
)
picture = GraphPicture()
for row in dependencies:
    source_label = "Policy" if row["from_id"].startswith("doc:") else "Task"
    picture.node(
        row["from_id"],
        source_label,
        row["from_title"] or row["from_id"],
        link=entity_link("tasks", "task", row["from_id"]) if source_label == "Task" else "",
    )
    picture.node(row["to_id"], "Task", row["to_title"], link=entity_link("tasks", "task", row["to_id"]))
    picture.edge(row["from_id"], row["to_id"], "DEPENDS_ON", f"{row['basis']}: {row['evidence']}")
for row in pairs:
    a, b = row["key"].split(" ↔ ")
    picture.node(a, "Task", row["left_value"] or a, link=entity_link("tasks", "task", a))
    picture.node(b, "Task", row["right_value"] or b, link=entity_link("tasks", "task", b))
    picture.edge(a, b, "SIMILAR_TO", f"{t('score')} {row['score']}")
st.markdown(
    f"{legend_html(language())} · 红线=依赖 灰色虚线=相似"
    if zh
    else f"{legend_html(language())} · red = depends on, grey dashed = similar",
    unsafe_allow_html=True,
)
if picture.nodes:
    page, hidden = render(picture, height=560)
    if hidden:
        st.caption(t("node_cap", shown=len(picture.nodes) - hidden, total=len(picture.nodes)))
    components.html(page, height=580)
st.subheader("依赖关系" if zh else "Dependencies")
table(
    dependencies,
    key="task_dependencies",
    columns=["from_title", "to_title", "basis", "evidence", "score", "depth", "from_id", "to_id"],
    labels={"evidence": t("evidence"), "score": t("score")},
)
st.subheader("相似任务" if zh else "Similar tasks")
table(
    pairs,
    key="similar_pairs",
    columns=["left_value", "right_value", "score", "key"],
    labels={"score": t("score")},
)
