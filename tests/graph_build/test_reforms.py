"""Reforms: lexicon matching with variants merged, discovery of recurring quoted terms."""

from __future__ import annotations

import networkx as nx

from graph_build.model import Label
from graph_build.pipeline import build_graph
from graph_build.reforms import discover_reforms, find_reforms, reform_lexicon
from tests.conftest import RAW


def test_lexicon_is_curated_and_unambiguous() -> None:
    lexicon = reform_lexicon()
    assert len(lexicon) >= 60
    assert {"一网通办", "证照分离", "告知承诺制", "府院联动", "新官不理旧账", "免申即享"} <= set(lexicon)


def test_variants_and_scripts_merge() -> None:
    names = [
        m.name for m in find_reforms("推进“一网通办”,“一件事”一次办,“双随机、一公开”,新官不理旧帐", 0, "d")
    ]
    assert names == ["一网通办", "一件事一次办", "双随机一公开", "新官不理旧账"]


def test_mentions_point_at_their_words() -> None:
    text = "深化“证照分离”改革"
    (mention,) = find_reforms(text, 100, "doc:x")
    assert (mention.span.start, mention.span.end) == (103, 107)
    assert mention.evidence == "证照分离"


def test_seed_reforms_recur_across_documents() -> None:
    graph: nx.MultiDiGraph = build_graph([RAW], overrides_path=None).graph

    def documents_advancing(name: str) -> set[str]:
        node = f"reform:{name}"
        return {
            graph.nodes[t]["document_id"] for t, _, k in graph.in_edges(node, keys=True) if k == "ADVANCES"
        }

    assert len(documents_advancing("一件事一次办")) >= 2
    assert len(documents_advancing("新官不理旧账")) >= 2
    assert all(d["label"] == Label.REFORM for n, d in graph.nodes(data=True) if n.startswith("reform:"))


def test_discovery_keeps_recurring_terms_and_skips_slogans() -> None:
    found = discover_reforms(
        {
            "a": ["推行“邻省通办”", "落实“一把手”责任", "开展“五大专项行动”"],
            "b": ["开展“邻省通办”试点", "“一把手”负责", "“五大专项行动”"],
        }
    )
    assert found == ["邻省通办"]
