"""reformkg explorer — the frame: page set-up, language and backend in the sidebar, navigation.

Run with `make run` (or `streamlit run app_streamlit.py`). Pages in app_pages/ are thin views
over the query catalogue; the graph comes from REFORMKG_GRAPH (default data/graph.json) or Neo4j.
"""

from __future__ import annotations

import streamlit as st

from explorer import import_heavy_modules
from explorer.data import current_source, graph_path, neo4j_settings
from explorer.i18n import LANGUAGES, t

import_heavy_modules()

st.set_page_config(
    page_title="营商环境改革图谱 · reformkg", page_icon=":material/account_balance:", layout="wide"
)

with st.sidebar:
    choice = st.radio("语言 / Language", list(LANGUAGES), horizontal=True, key="language_choice")
    st.session_state["language"] = LANGUAGES[choice]
    backends = ["embedded"] + (["neo4j"] if neo4j_settings() is not None else [])
    st.radio(
        t("backend"),
        backends,
        key="backend",
        format_func=lambda b: t("backend_embedded") if b == "embedded" else t("backend_neo4j"),
    )

if st.session_state.get("backend") != "neo4j" and not graph_path().exists():
    st.error(t("no_graph"))
    st.stop()

source = current_source()
if error := st.session_state.pop("backend_error", None):
    st.sidebar.warning(t("neo4j_unavailable", reason=error))
st.sidebar.caption(t("backend_answering", name=source.name))

pages = [
    st.Page(
        "app_pages/overview.py",
        title=t("page_overview"),
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page("app_pages/units.py", title=t("page_units"), icon=":material/apartment:", url_path="units"),
    st.Page("app_pages/tasks.py", title=t("page_tasks"), icon=":material/checklist:", url_path="tasks"),
    st.Page(
        "app_pages/indicators.py", title=t("page_indicators"), icon=":material/target:", url_path="indicators"
    ),
    st.Page(
        "app_pages/dependencies.py",
        title=t("page_dependencies"),
        icon=":material/hub:",
        url_path="dependencies",
    ),
    st.Page(
        "app_pages/documents.py",
        title=t("page_documents"),
        icon=":material/description:",
        url_path="documents",
    ),
    st.Page("app_pages/qa.py", title=t("page_qa"), icon=":material/fact_check:", url_path="qa"),
]
if source.name == "Neo4j":
    pages.append(
        st.Page("app_pages/cypher.py", title=t("page_cypher"), icon=":material/terminal:", url_path="cypher")
    )

st.navigation(pages).run()
