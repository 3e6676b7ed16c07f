"""依赖 Dependencies: which tasks depend on which, and which are the same reform elsewhere, each
link with the basis and evidence it rests on."""

from __future__ import annotations

import streamlit as st

from explorer.data import document_names, rows
from explorer.graph_view import GraphPicture, entity_link, legend_html, render
from explorer.i18n import language, t
from explorer.widgets import choose, table

zh = language() == "zh"
st.title(t("page_dependencies"))
st.caption(
    "依赖(红色箭头):前者要等后者的成果;相似(灰色虚线):不同文档中的同一项改革。双击节点打开任务详情。"
    if zh
    else "Depends on (red arrow): the first needs the second's result; similar (grey dashes): the same "
    "reform in another document. Double-click a node to open the task."
)

doc_names = document_names()
units = rows("unit_load", limit=100000)
unit_names = {u["unit_id"]: f"{u['name']} · {u['jurisdiction']}" for u in units}
reforms = rows("reform_overview", limit=1000)
reform_names = {r["reform_id"]: f"{r['name']}({r['documents']})" for r in reforms}
TYPE_NAMES = {
    "DEPENDS_ON": "依赖" if zh else "Depends on",
    "SIMILAR_TO": "相似" if zh else "Similar",
}

first, second, third = st.columns([2, 2, 1])
with first:
    document = choose(t("document"), list(doc_names), key="deps_document", names=doc_names)
with second:
    unit = choose(t("unit"), list(unit_names), key="deps_unit", names=unit_names)
with third:
    link_type = choose("关联类型" if zh else "Link type", list(TYPE_NAMES), key="deps_type", names=TYPE_NAMES)
fourth, fifth, sixth = st.columns([2, 2, 1])
with fourth:
    reform = choose("改革举措" if zh else "Reform", list(reform_names), key="deps_reform", names=reform_names)
with fifth:
    min_score = st.slider(t("score") + " ≥", 0.0, 1.0, 0.0, 0.05, key="deps_min_score")
with sixth:
    cross_only = st.toggle("只看跨文档关联" if zh else "Across documents only", key="deps_cross")

links = rows(
    "task_links",
    type=link_type,
    document=document,
    unit=unit,
    reform=reform,
    cross_document_only=cross_only,
    min_score=min_score,
    limit=2000,
)

picture = GraphPicture()
for link in links:
    for end in ("from", "to"):
        node, title, doc = link[f"{end}_id"], link[f"{end}_title"], link[f"{end}_document_id"]
        is_document = node.startswith("doc:")
        picture.node(
            node,
            "Policy" if is_document else "Task",
            title,
            tooltip=f"{title}\n{doc_names.get(doc, doc)}",
            link="" if is_document else entity_link("tasks", "task", node),
        )
    evidence = f"{link['basis']}: {link['evidence']}" if link["evidence"] else link["basis"] or ""
    picture.edge(link["from_id"], link["to_id"], link["type"], evidence)

counts = {name: sum(1 for link in links if link["type"] == name) for name in TYPE_NAMES}
a, b, c = st.columns(3)
a.metric(TYPE_NAMES["DEPENDS_ON"], counts["DEPENDS_ON"])
b.metric(TYPE_NAMES["SIMILAR_TO"], counts["SIMILAR_TO"])
c.metric("跨文档" if zh else "Across documents", sum(1 for link in links if link["cross_document"]))

if picture.nodes:
    st.markdown(legend_html(language()), unsafe_allow_html=True)
    page, hidden = render(picture, height=560)
    if hidden:
        st.caption(t("node_cap", shown=len(picture.nodes) - hidden, total=len(picture.nodes)))
    st.iframe(page, height=580)

for link in links:
    link["type_name"] = TYPE_NAMES[link["type"]]
    link["from_document"] = doc_names.get(link["from_document_id"], link["from_document_id"])
    link["to_document"] = doc_names.get(link["to_document_id"], link["to_document_id"])
table(
    links,
    key="task_links",
    columns=[
        "type_name",
        "from_title",
        "from_document",
        "to_title",
        "to_document",
        "basis",
        "evidence",
        "score",
        "from_id",
        "to_id",
    ],
    labels={
        "type_name": "关联类型" if zh else "Link",
        "from_title": "任务" if zh else "Task",
        "from_document": t("document"),
        "to_title": "关联任务" if zh else "Linked task",
        "to_document": ("关联任务所在文档" if zh else "Its document"),
        "basis": "依据类型" if zh else "Basis",
        "evidence": t("evidence"),
        "score": t("score"),
    },
)
