"""Chinese first, English on request: every visible string of the explorer, in one place."""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"中文": "zh", "English": "en"}
DEFAULT_LANGUAGE = "zh"

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("营商环境改革图谱", "Business-environment reform graph"),
    "app_caption": (
        "从工作方案到任务、单位、指标与依赖关系",
        "From work plans to tasks, units, indicators and links",
    ),
    "language": ("语言 Language", "Language 语言"),
    "backend": ("数据来源", "Backend"),
    "backend_embedded": ("内置图谱 (data/graph.json)", "Embedded graph (data/graph.json)"),
    "backend_neo4j": ("Neo4j 数据库", "Neo4j database"),
    "backend_answering": ("当前由 {name} 回答", "Answered by {name}"),
    "neo4j_unavailable": (
        "Neo4j 不可用:{reason}。已改用内置图谱。",
        "Neo4j unavailable: {reason}. Using the embedded graph.",
    ),
    "no_graph": (
        "还没有图谱文件:请先运行 `make run` 或 `reformkg build`。",
        "No graph file yet: run `make run` or `reformkg build`.",
    ),
    "page_overview": ("总览", "Overview"),
    "page_units": ("单位", "Units"),
    "page_tasks": ("任务", "Tasks"),
    "page_indicators": ("指标", "Indicators"),
    "page_dependencies": ("依赖", "Dependencies"),
    "page_documents": ("文档", "Documents"),
    "page_qa": ("质量", "QA"),
    "page_cypher": ("Cypher 查询", "Cypher console"),
    "documents": ("文档", "Documents"),
    "tasks": ("任务", "Tasks"),
    "units": ("单位", "Units"),
    "indicators": ("指标", "Indicators"),
    "links": ("关联", "Links"),
    "reforms": ("改革举措", "Reforms"),
    "no_lead": ("无牵头单位的任务", "Tasks without a lead"),
    "busiest_units": ("任务最多的单位", "Busiest units"),
    "indicator_coverage": ("指标覆盖", "Indicator coverage"),
    "deadlines_by_month": ("按月份的完成时限", "Deadlines by month"),
    "qa_headline": (
        "{n} 项任务责任不清(无牵头、仅集体或删节单位、牵头过多)",
        "{n} tasks with unclear responsibility",
    ),
    "download_csv": ("下载 CSV", "Download CSV"),
    "unit": ("单位", "Unit"),
    "jurisdiction": ("地区", "Jurisdiction"),
    "unit_type": ("单位类型", "Unit type"),
    "document": ("文档", "Document"),
    "all": ("全部", "All"),
    "include_collective": ("包括集体与删节单位", "Include collective and redacted holders"),
    "led": ("牵头", "Led"),
    "assisted": ("配合", "Assisted"),
    "ranking": ("单位排名", "Ranking"),
    "overlap": ("责任交叉", "Responsibility overlap"),
    "profile": ("单位画像", "Unit profile"),
    "ego_network": ("协作网络", "Collaboration network"),
    "node_cap": (
        "关系较多,只显示前 {shown} 个(共 {total} 个)。",
        "Large neighbourhood: showing {shown} of {total}.",
    ),
    "legend": ("图例", "Legend"),
    "shared_tasks": ("共同任务", "Shared tasks"),
    "partners": ("协作单位", "Partner units"),
    "role": ("角色", "Role"),
    "title": ("标题", "Title"),
    "deadline": ("完成时限", "Deadline"),
    "count": ("数量", "Count"),
    "month": ("月份", "Month"),
    "score": ("分数", "Score"),
    "evidence": ("依据", "Evidence"),
    "none_found": ("没有结果。", "Nothing found."),
    "kind": ("单位性质", "Kind"),
    "total": ("合计", "Total"),
}


# Unit kinds (UnitKind values) as planners name them.
KIND_NAMES: dict[str, tuple[str, str]] = {
    "department": ("政府部门", "department"),
    "division": ("内设机构", "internal division"),
    "judicial": ("司法机关", "court/procuratorate"),
    "company": ("国有企业", "state-owned company"),
    "financial": ("金融机构", "bank/regulator"),
    "park": ("园区管委会", "park committee"),
    "government": ("人民政府", "government"),
    "collective": ("集体表述", "collective"),
    "redacted": ("删节(略)", "redacted"),
}


def kind_name(kind: str) -> str:
    names = KIND_NAMES.get(kind)
    return (names[0] if language() == "zh" else names[1]) if names else kind


def language() -> str:
    return st.session_state.get("language", DEFAULT_LANGUAGE)


def t(key: str, **values: object) -> str:
    """The string ``key`` in the current language, with ``{placeholders}`` filled in."""
    zh, en = STRINGS[key]
    text = zh if language() == "zh" else en
    return text.format(**values) if values else text
