"""单位 Units: who carries how much, where responsibility overlaps, one unit's profile and network."""

from __future__ import annotations

import altair as alt
import streamlit as st

from explorer.data import document_names, rows
from explorer.graph_view import GraphPicture, entity_link, legend_html, render
from explorer.i18n import kind_name, language, t
from explorer.widgets import choose, table

st.title(t("page_units"))

everyone = rows("unit_load", include_collective=True, limit=100000)
places = sorted({r["jurisdiction"] for r in everyone})
types = sorted({r["unit_type"] for r in everyone})
left, middle, right = st.columns([1, 1, 1])
with left:
    jurisdiction = choose(t("jurisdiction"), places, key="units_jurisdiction")
with middle:
    unit_type = choose(t("unit_type"), types, key="units_type")
with right:
    include_collective = st.toggle(t("include_collective"), key="units_collective")

ranking = rows(
    "unit_load",
    jurisdiction=jurisdiction,
    unit_type=unit_type,
    include_collective=include_collective,
    limit=500,
)
for row in ranking:
    row["kind_name"] = kind_name(row["kind"])
# A link to one unit (?unit=…, from a graph view) opens its profile.
ranking_tab, overlap_tab, profile_tab = st.tabs(
    [t("ranking"), t("overlap"), t("profile")],
    default=t("profile") if st.query_params.get("unit") else None,
)

with ranking_tab:
    top = ranking[:25]
    if top:
        melted = [
            {"unit": f"{r['name']} · {r['jurisdiction']}", "role": t("led"), "tasks": r["led"]} for r in top
        ]
        melted += [
            {"unit": f"{r['name']} · {r['jurisdiction']}", "role": t("assisted"), "tasks": r["assisted"]}
            for r in top
        ]
        order = [f"{r['name']} · {r['jurisdiction']}" for r in top]
        chart = (
            alt.Chart(alt.Data(values=melted))
            .mark_bar()
            .encode(
                x=alt.X("tasks:Q", title=t("tasks")),
                y=alt.Y("unit:N", sort=order, title=None, axis=alt.Axis(labelLimit=240, labelOverlap=False)),
                color=alt.Color("role:N", title=t("role"), scale=alt.Scale(range=["#1f77b4", "#9ecae1"])),
                tooltip=["unit:N", "role:N", "tasks:Q"],
            )
            .properties(height=max(220, 24 * len(top)))
        )
        st.altair_chart(chart, width="stretch")
    table(
        ranking,
        key="unit_load",
        columns=[
            "name",
            "jurisdiction",
            "unit_type",
            "kind_name",
            "led",
            "assisted",
            "total",
            "documents",
            "unit_id",
        ],
        labels={
            "name": t("unit"),
            "jurisdiction": t("jurisdiction"),
            "unit_type": t("unit_type"),
            "led": t("led"),
            "assisted": t("assisted"),
            "documents": t("documents"),
            "kind_name": t("kind"),
            "total": t("total"),
            "unit_id": "ID",
        },
    )

with overlap_tab:
    pairs = rows(
        "responsibility_overlap", jurisdiction=jurisdiction, include_collective=include_collective, limit=60
    )
    if pairs:
        cells = [
            {"a": p["unit_a_name"], "b": p["unit_b_name"], "shared": p["shared"], "jaccard": p["jaccard"]}
            for p in pairs
        ]
        cells += [
            {"a": c["b"], "b": c["a"], "shared": c["shared"], "jaccard": c["jaccard"]} for c in list(cells)
        ]
        heatmap = (
            alt.Chart(alt.Data(values=cells))
            .mark_rect()
            .encode(
                x=alt.X("a:N", title=None, axis=alt.Axis(labelAngle=-60)),
                y=alt.Y("b:N", title=None),
                color=alt.Color("shared:Q", title=t("shared_tasks"), scale=alt.Scale(scheme="blues")),
                tooltip=["a:N", "b:N", "shared:Q", "jaccard:Q"],
            )
            .properties(height=520)
        )
        st.altair_chart(heatmap, width="stretch")
    table(
        pairs,
        key="responsibility_overlap",
        columns=["unit_a_name", "unit_b_name", "shared", "union_tasks", "jaccard", "shared_task_ids"],
        labels={"shared": t("shared_tasks")},
    )
    st.subheader("多头牵头的任务" if language() == "zh" else "Tasks with many co-leads")
    coleads = rows("responsibility_overlap", mode="coleads", jurisdiction=jurisdiction, min_leads=3, limit=50)
    table(coleads, key="coleads", columns=["title", "leads", "lead_names", "document_id", "task_id"])

with profile_tab:
    candidates = [r["unit_id"] for r in ranking] or [r["unit_id"] for r in everyone]
    names = {r["unit_id"]: f"{r['name']} · {r['jurisdiction']}" for r in everyone}
    wanted = st.query_params.get("unit")
    index = candidates.index(wanted) if wanted in candidates else 0
    unit = st.selectbox(
        t("unit"), candidates, index=index, key="units_profile_unit", format_func=lambda u: names.get(u, u)
    )
    profile = rows("unit_profile", unit=unit, include_collective=True)
    tasks = [r for r in profile if r["section"] == "task"]
    partners = [r for r in profile if r["section"] == "partner"]
    a, b, c = st.columns(3)
    a.metric(t("led"), sum(1 for r in tasks if r["role"] == "LEADS"))
    b.metric(t("assisted"), sum(1 for r in tasks if r["role"] == "ASSISTS"))
    c.metric(t("partners"), len(partners))
    picture = GraphPicture()
    picture.node(unit, "Unit", names.get(unit, unit), size=22)
    for row in tasks:
        picture.node(
            row["key"],
            "Task",
            row["name"],
            tooltip=row["name"],
            link=entity_link("tasks", "task", row["key"]),
        )
        picture.edge(unit, row["key"], "LEADS" if row["role"] == "LEADS" else "ASSISTS")
    # Partners attach to the tasks they share with this unit, so the picture shows who works
    # with whom on what.
    drawn = {row["key"] for row in tasks}
    for row in partners[:30]:
        picture.node(
            row["key"],
            "Unit",
            row["name"],
            tooltip=f"{row['name']} · {t('shared_tasks')} {row['count']}",
            link=entity_link("units", "unit", row["key"]),
        )
        for task in row["items"]:
            if task in drawn:
                picture.edge(row["key"], task, "SHARED", f"{row['name']} → {t('shared_tasks')}")
    page, hidden = render(picture, keep=[unit], height=520)
    st.markdown(f"**{t('ego_network')}** · {legend_html(language())}", unsafe_allow_html=True)
    if hidden:
        st.caption(t("node_cap", shown=len(picture.nodes) - hidden, total=len(picture.nodes)))
    st.iframe(page, height=540)
    st.subheader(t("tasks"))
    doc_names = document_names()
    for row in tasks:
        row["role_name"] = t("led") if row["role"] == "LEADS" else t("assisted")
        row["document"] = doc_names.get(row["document_id"], row["document_id"])
    table(
        tasks,
        key="unit_tasks",
        columns=["name", "role_name", "deadline_date", "items", "document", "key"],
        labels={
            "name": t("title"),
            "role_name": t("role"),
            "document": t("document"),
            "key": "ID",
            "deadline_date": t("deadline"),
            "items": t("indicators"),
        },
    )
    st.subheader(t("partners"))
    table(
        partners,
        key="unit_partners",
        columns=["name", "count", "key"],
        labels={"name": t("unit"), "count": t("shared_tasks"), "key": "ID"},
    )
