"""Cypher 查询: a read-only console on Neo4j (writes refused, timeout and row cap)."""

from __future__ import annotations

import streamlit as st

from explorer.data import current_source
from explorer.i18n import language, t
from explorer.widgets import table
from graph_build.errors import StoreError
from graph_build.store_neo4j import run_read_only
from queries import Neo4j

zh = language() == "zh"
st.title(t("page_cypher"))
st.caption(
    "只读:写入语句会被拒绝;每次查询有超时和行数上限。"
    if zh
    else "Read-only: writes are refused; every statement has a timeout and a row cap."
)
EXAMPLES = {
    "任务最多的单位": "MATCH (u:Unit)-[:LEADS]->(t:Task) RETURN u.name AS unit, u.jurisdiction AS place, "
    "count(t) AS tasks ORDER BY tasks DESC LIMIT 10",
    "跨文档相似任务": "MATCH (a:Task)-[r:SIMILAR_TO]->(b:Task) RETURN a.title, b.title, r.score "
    "ORDER BY r.score DESC LIMIT 10",
    "依赖关系": "MATCH (a)-[r:DEPENDS_ON]->(b:Task) RETURN a.title, b.title, r.basis, r.evidence LIMIT 20",
}
example = st.selectbox("示例" if zh else "Examples", list(EXAMPLES), key="cypher_example")
statement = st.text_area("Cypher", EXAMPLES[example], height=120, key="cypher_text")
source = current_source()
if st.button("运行" if zh else "Run", key="cypher_run") and isinstance(source.backend, Neo4j):
    try:
        result = run_read_only(
            source.backend.driver, statement, database=source.backend.database, row_limit=500
        )
    except StoreError as exc:
        st.error(str(exc))
    else:
        table([dict(zip(result.columns, row, strict=True)) for row in result.rows], key="cypher_result")
        if result.truncated:
            st.caption("只显示前 500 行" if zh else "First 500 rows shown")
