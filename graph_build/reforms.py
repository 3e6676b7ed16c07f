"""Named reform initiatives (“一网通办”, “证照分离” …): the lexicon, matching and discovery."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from graph_build.errors import ResourceFormatError
from graph_build.model import ReformMention, Span, reform_node_id
from graph_build.resources import resource_lines

RESOURCE = "reform_lexicon.txt"
# “一网通办” — a quoted term; discovery keeps the ones that recur across documents.
_QUOTED = re.compile(r"“([^“”]{2,10})”")
# Quoted words that are slogans, campaign names or plain words, not reform initiatives.
_NOT_REFORMS = re.compile(
    r"^[\d.%]+$|^[A-Za-z]+$|级$|档次$|优异|第一方阵|年$|^[一二三四五六七八九十\d]+大|^十[一二三四五]五$"
    r"|专项行动$|专项治理$|精神$"
)
MIN_DISCOVERY_DOCUMENTS = 2


@cache
def reform_lexicon() -> dict[str, tuple[str, ...]]:
    """Canonical reform → its variants, from ``reform_lexicon.txt`` (``canonical<TAB>a|b``)."""
    lexicon: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for number, line in resource_lines(RESOURCE):
        canonical, _, rest = line.partition("\t")
        canonical = canonical.strip()
        variants = tuple(v.strip() for v in rest.split("|") if v.strip() and v.strip() != canonical)
        if not canonical:
            raise ResourceFormatError(RESOURCE, number, "empty canonical name")
        for word in (canonical, *variants):
            if owner.get(word, canonical) != canonical:
                raise ResourceFormatError(RESOURCE, number, f"{word!r} belongs to {owner[word]!r} already")
            owner[word] = canonical
        lexicon[canonical] = variants
    return lexicon


@cache
def reform_stoplist() -> frozenset[str]:
    """Quoted terms that recur across plans but name no reform (一把手, 一站式 …)."""
    return frozenset(line.strip() for _, line in resource_lines("reform_stoplist.txt"))


def _plain(text: str) -> tuple[str, list[int]]:
    """Text without quotation marks and 、 inside names (“双随机、一公开”, “一件事”一次办), with
    the original index of each kept character."""
    kept, index = [], []
    for position, ch in enumerate(text):
        if ch in "“”‘’\"'":
            continue
        kept.append(ch)
        index.append(position)
    return "".join(kept), index


@cache
def _matcher(extra: tuple[str, ...] = ()) -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for canonical, variants in reform_lexicon().items():
        for word in (canonical, *variants):
            owner[word] = canonical
            owner[word.replace("、", "")] = canonical
    for word in extra:
        owner.setdefault(word, word)
    words = sorted(owner, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), owner


def find_reforms(
    analysis: str, base: int, doc_id: str, discovered: Iterable[str] = ()
) -> tuple[ReformMention, ...]:
    """Reforms named in a task's analysis text; one mention per reform, the first.

    Examples
    --------
    >>> [m.name for m in find_reforms("深化“一件事”一次办改革,推进“双随机、一公开”监管", 0, "doc:x")]
    ['一件事一次办', '双随机一公开']
    """
    plain, index = _plain(analysis)
    pattern, owner = _matcher(tuple(sorted(discovered)))
    mentions: dict[str, ReformMention] = {}
    for m in pattern.finditer(plain):
        canonical = owner[m.group(0)]
        if canonical in mentions:
            continue
        start, end = index[m.start()], index[m.end() - 1] + 1
        mentions[canonical] = ReformMention(
            reform_id=reform_node_id(canonical),
            name=canonical,
            evidence=analysis[start:end],
            span=Span(doc_id, base + start, base + end),
        )
    return tuple(mentions.values())


def discover_reforms(texts_by_document: dict[str, list[str]]) -> list[str]:
    """Quoted terms that recur in at least two documents and are not in the lexicon yet.

    Examples
    --------
    >>> discover_reforms({"a": ["推行“邻省通办”"], "b": ["开展“邻省通办”试点"], "c": ["“优异”档次"]})
    ['邻省通办']
    """
    _, owner = _matcher()
    seen: dict[str, set[str]] = defaultdict(set)
    for document, texts in texts_by_document.items():
        for text in texts:
            for m in _QUOTED.finditer(text):
                term = m.group(1).replace("、", "")
                if term in owner or term in reform_stoplist() or _NOT_REFORMS.search(term):
                    continue
                seen[term].add(document)
    return sorted(term for term, docs in seen.items() if len(docs) >= MIN_DISCOVERY_DOCUMENTS)
