"""A small hand-built graph with cross-document links, in the shapes store_networkx writes.

Three documents: 甲 (``doc:aaa``, four tasks), 乙 (``doc:bbb``) and 丙 (``doc:ccc``), three tasks
each, so 乙 and 丙 tie on tasks and the id decides. The links (a later issue builds them from
text; here they are written by hand):

DEPENDS_ON (source depends on target)::

    aaa:1 → bbb:1 → ccc:1 → aaa:3 → bbb:2       ccc:1 → aaa:1 (a cycle)       aaa:2 → ccc:2

SIMILAR_TO (stored once, smaller id first)::

    aaa:1 – bbb:1 0.88888    aaa:1 – ccc:1 0.7    aaa:2 – bbb:3 0.65    bbb:1 – ccc:2 0.88888

TARGETS: getting_electricity ← aaa:1, aaa:2.1, bbb:2; paying_taxes ← aaa:3, ccc:1;
starting_business ← bbb:3. ADVANCES: 一网通办 ← aaa:1, bbb:1, bbb:3; 容缺受理 ← aaa:2, ccc:1.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

DOCUMENTS = {
    "doc:aaa": ("甲市2023年优化营商环境工作方案", "甲市", ["1", "2", "2.1", "3"]),
    "doc:bbb": ("乙区营商环境提升行动方案", "乙区", ["1", "2", "3"]),
    "doc:ccc": ("丙县优化营商环境实施方案", "丙县", ["1", "2", "3"]),
}
TITLES = {
    "task:aaa:1": "深化工程建设项目审批制度改革",
    "task:aaa:2": "推行政务服务容缺受理",
    "task:aaa:2.1": "压缩用电报装时间",
    "task:aaa:3": "优化纳税服务",
    "task:bbb:1": "落实工程建设项目审批改革任务",
    "task:bbb:2": "提升获得电力便利度",
    "task:bbb:3": "推进企业开办一网通办",
    "task:ccc:1": "承接工程建设项目审批改革",
    "task:ccc:2": "推进工程建设审批全程网办",
    "task:ccc:3": "加强营商环境监督",
}
INDICATORS = {
    "getting_electricity": ("获得电力", "Getting electricity"),
    "paying_taxes": ("纳税", "Paying taxes"),
    "starting_business": ("开办企业", "Starting a business"),
}
DEPENDS_ON = [
    ("task:aaa:1", "task:bbb:1", "cites_task", 0.91234),
    ("task:bbb:1", "task:ccc:1", "cites_task", 0.75),
    ("task:ccc:1", "task:aaa:3", "same_reform", 0.6),
    ("task:aaa:3", "task:bbb:2", "same_reform", 0.5),
    ("task:ccc:1", "task:aaa:1", "implements", 0.55),
    ("task:aaa:2", "task:ccc:2", "implements", 0.4),
]
SIMILAR_TO = [
    ("task:aaa:1", "task:bbb:1", 0.88888),
    ("task:aaa:1", "task:ccc:1", 0.7),
    ("task:aaa:2", "task:bbb:3", 0.65),
    ("task:bbb:1", "task:ccc:2", 0.88888),
]
TARGETS = [
    ("task:aaa:1", "getting_electricity"),
    ("task:aaa:2.1", "getting_electricity"),
    ("task:bbb:2", "getting_electricity"),
    ("task:aaa:3", "paying_taxes"),
    ("task:ccc:1", "paying_taxes"),
    ("task:bbb:3", "starting_business"),
]
ADVANCES = [
    ("task:aaa:1", "一网通办"),
    ("task:bbb:1", "一网通办"),
    ("task:bbb:3", "一网通办"),
    ("task:aaa:2", "容缺受理"),
    ("task:ccc:1", "容缺受理"),
]


def _edge(G: nx.MultiDiGraph, source: str, target: str, rel: str, **attrs: Any) -> None:
    G.add_edge(source, target, key=rel, type=rel, **attrs)


def _document(G: nx.MultiDiGraph, doc: str, title: str, place: str, tasks: int) -> None:
    G.add_node(
        doc,
        label="Policy",
        name=title,
        title=title,
        issuer=f"{place}人民政府办公室",
        jurisdiction=place,
        parent_jurisdiction=None,
        year=2023,
        published=None,
        script="simplified",
        doc_type="plan",
        doc_numbers=[],
        source_file=f"{doc[4:]}.txt",
        content_hash=f"hash-{doc[4:]}",
        is_source=True,
        task_count=tasks,
        warning_count=0,
    )


def _task(G: nx.MultiDiGraph, doc: str, number: str, start: int) -> str:
    task = f"task:{doc[4:]}:{number}"
    parent = f"task:{doc[4:]}:{number.rsplit('.', 1)[0]}" if "." in number else None
    G.add_node(
        task,
        label="Task",
        name=TITLES[task],
        title=TITLES[task],
        text=TITLES[task] + "。",
        number=number.rsplit(".", 1)[-1],
        path=number,
        kind="subtask" if parent else "task",
        parent_id=parent,
        document_id=doc,
        source_file=f"{doc[4:]}.txt",
        section="重点任务",
        deadline_raw="2023年12月底",
        deadline_date="2023-12-31",
        deadline_kind="due",
        span_start=start,
        span_end=start + 40,
        targets=[
            {
                "raw": "压减至20个工作日以内",
                "metric": "时限",
                "comparator": "<=",
                "value": 20.0,
                "unit": "工作日",
                "achieved": False,
                "indicator": None,
            }
        ]
        if task == "task:aaa:1"
        else [],
    )
    _edge(G, task, parent or doc, "PART_OF")
    return task


def build_linked_graph() -> nx.MultiDiGraph:
    """The small linked graph described in the module docstring."""
    G = nx.MultiDiGraph(schema_version=1, warnings=[])
    for snake, (name, en) in INDICATORS.items():
        G.add_node(f"indicator:{snake}", label="Indicator", name=name, en=en, indicator=snake, bready=[])
    unit = "unit:甲市:市发展改革委"
    G.add_node(
        unit,
        label="Unit",
        name="市发展改革委",
        jurisdiction="甲市",
        kind="department",
        unit_type="发展改革",
        aliases=[{"spelling": "市发改委", "rule": "abbreviation"}],
    )
    for doc, (title, place, numbers) in DOCUMENTS.items():
        _document(G, doc, title, place, len(numbers))
        for i, number in enumerate(numbers):
            _task(G, doc, number, 100 * i)
    _edge(
        G,
        unit,
        "task:aaa:1",
        "LEADS",
        label="牵头单位",
        raw="市发改委",
        scope="task",
        document_id="doc:aaa",
        span_start=10,
        span_end=14,
    )
    for task, snake in TARGETS:
        _edge(
            G,
            task,
            f"indicator:{snake}",
            "TARGETS",
            basis="keywords",
            evidence=INDICATORS[snake][0],
            confidence=0.9,
            document_id=G.nodes[task]["document_id"],
        )
    for task, reform in ADVANCES:
        if f"reform:{reform}" not in G:
            G.add_node(f"reform:{reform}", label="Reform", name=reform)
        _edge(
            G,
            task,
            f"reform:{reform}",
            "ADVANCES",
            evidence=reform,
            span_start=5,
            span_end=9,
            document_id=G.nodes[task]["document_id"],
        )
    for source, target, basis, score in DEPENDS_ON:
        documents = sorted({G.nodes[source]["document_id"], G.nodes[target]["document_id"]})
        _edge(
            G,
            source,
            target,
            "DEPENDS_ON",
            basis=basis,
            evidence=f"{TITLES[source]} ← {TITLES[target]}",
            score=score,
            rule=f"rule:{basis}",
            documents=documents,
        )
    for source, target, score in SIMILAR_TO:
        _edge(
            G,
            source,
            target,
            "SIMILAR_TO",
            basis="title_overlap",
            evidence=f"{TITLES[source]} ≈ {TITLES[target]}",
            score=score,
        )
    return G
