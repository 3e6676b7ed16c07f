"""Graph pictures with pyvis: resources inline (no CDN), every label escaped, a legend, a node cap."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

# Colour and shape per node label; the legend is drawn from this table.
STYLE: dict[str, tuple[str, str, str, str]] = {
    # label: (colour, shape, 中文, English)
    "Unit": ("#1f77b4", "dot", "单位", "Unit"),
    "Task": ("#ff7f0e", "square", "任务", "Task"),
    "Policy": ("#2ca02c", "diamond", "文档/政策", "Document/policy"),
    "Indicator": ("#9467bd", "triangle", "指标", "Indicator"),
    "Reform": ("#d62728", "star", "改革举措", "Reform"),
}
EDGE_COLOUR = {
    "LEADS": "#1f77b4",
    "ASSISTS": "#9ecae1",
    "DEPENDS_ON": "#d62728",
    "SIMILAR_TO": "#8c8c8c",
    "TARGETS": "#9467bd",
    "SHARED": "#6baed6",
}
DEFAULT_NODE_CAP = 80


@dataclass(slots=True)
class GraphPicture:
    """Nodes and edges to draw; add to it, then render."""

    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)  # (source, target, type, tooltip)

    def node(
        self, node_id: str, label: str, name: str, tooltip: str = "", size: int = 14, link: str = ""
    ) -> None:
        if node_id not in self.nodes:
            self.nodes[node_id] = {
                "label": label,
                "name": name,
                "tooltip": tooltip or name,
                "size": size,
                "link": link,
            }

    def edge(self, source: str, target: str, kind: str, tooltip: str = "") -> None:
        self.edges.append((source, target, kind, tooltip))


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(
    picture: GraphPicture, *, height: int = 560, cap: int = DEFAULT_NODE_CAP, keep: Iterable[str] = ()
) -> tuple[str, int]:
    """Self-contained HTML for the picture and how many nodes were left out by the cap.

    Nodes beyond ``cap`` are dropped, keeping ``keep`` (the focus) and the best-connected ones.
    Every label and tooltip is HTML-escaped, so document text with ``<script>`` stays text.
    """
    from pyvis.network import Network

    degree: dict[str, int] = dict.fromkeys(picture.nodes, 0)
    for source, target, _, _ in picture.edges:
        if source in degree and target in degree:
            degree[source] += 1
            degree[target] += 1
    focus = [n for n in keep if n in picture.nodes]
    rest = sorted((n for n in picture.nodes if n not in focus), key=lambda n: (-degree[n], n))
    shown = set(focus + rest[: max(0, cap - len(focus))])
    net = Network(
        height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff"
    )
    for node_id in sorted(shown):
        data = picture.nodes[node_id]
        colour, shape, _, _ = STYLE.get(data["label"], ("#7f7f7f", "dot", "", ""))
        net.add_node(
            node_id,
            label=html.escape(_short(data["name"])),
            title=html.escape(data["tooltip"]),
            color=colour,
            shape=shape,
            size=data["size"] + (6 if node_id in focus else 0),
            borderWidth=3 if node_id in focus else 1,
        )
    for source, target, kind, tooltip in picture.edges:
        if source in shown and target in shown:
            net.add_edge(
                source,
                target,
                title=html.escape(tooltip or kind),
                color=EDGE_COLOUR.get(kind, "#bbbbbb"),
                arrows="to" if kind in ("LEADS", "ASSISTS", "DEPENDS_ON", "TARGETS") else "",
                dashes=kind in ("ASSISTS", "SIMILAR_TO"),
            )
    net.set_options(
        json.dumps(
            {
                "physics": {
                    "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": True, "iterations": 300, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
                },
                "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": True},
                "edges": {"smooth": {"type": "continuous"}},
                "nodes": {"font": {"size": 13, "face": "Noto Sans CJK SC, Microsoft YaHei, sans-serif"}},
            }
        )
    )
    page = _without_remote_resources(net.generate_html(notebook=False))
    links = {n: picture.nodes[n]["link"] for n in shown if picture.nodes[n]["link"]}
    # Physics stops once the layout has settled, so the picture stays still; a double click on a
    # node opens that entity's page in the explorer when the browser allows it.
    script = (
        "<script>network.once('stabilizationIterationsDone', function () {"
        " network.setOptions({physics: false}); });"
        f"var reformkgLinks = {json.dumps(links, ensure_ascii=True)};"
        "network.on('doubleClick', function (p) { if (p.nodes.length && reformkgLinks[p.nodes[0]]) {"
        " try { window.parent.location.href = reformkgLinks[p.nodes[0]]; } catch (e) {} } });</script>"
    )
    page = page.replace("</body>", script + "</body>")
    return page, len(picture.nodes) - len(shown)


# pyvis adds Bootstrap from a CDN even with cdn_resources="in_line" (for menus this view does not
# use); on a closed network that link only stalls the page, so every remote tag goes.
_REMOTE_TAG = re.compile(
    r"""<(?:link|script)\b[^>]*(?:href|src)\s*=\s*["']https?://[^"']*["'][^>]*>(?:\s*</script>)?""",
    re.IGNORECASE,
)


def _without_remote_resources(page: str) -> str:
    """``page`` without tags that fetch from the network.

    Examples
    --------
    >>> _without_remote_resources('<head><script src="https://cdn.x/b.js"></script><b>x</b></head>')
    '<head><b>x</b></head>'
    """
    return _REMOTE_TAG.sub("", page)


def legend_html(language: str) -> str:
    """A small legend: colour and shape per node label, escaped."""
    items = []
    for colour, shape, zh, en in STYLE.values():
        name = zh if language == "zh" else en
        symbol = {"dot": "●", "square": "■", "diamond": "◆", "triangle": "▲", "star": "★"}[shape]
        items.append(f'<span style="color:{colour};font-size:1.1em">{symbol}</span> {html.escape(name)}')
    return " &nbsp; ".join(items)


def entity_link(page: str, key: str, value: str) -> str:
    """A URL of an explorer page selecting one entity (used for double-click navigation)."""
    return f"/{page}?{key}={quote(value, safe='')}"
