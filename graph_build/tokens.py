"""Chinese tokens with jieba and the domain dictionary (reforms, indicators, unit names)."""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib import resources

USER_DICTIONARY = "jieba_userdict.txt"
# Frequency given to every domain word so jieba keeps it whole ("一网通办", "工程建设项目审批").
DOMAIN_WORD_FREQUENCY = 2000
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def domain_words() -> list[tuple[str, str]]:
    """``(word, tag)`` of every domain term, sorted: the source of the jieba user dictionary."""
    from graph_build.indicators import load_indicators
    from graph_build.reforms import reform_lexicon
    from graph_build.unit_resolution import unit_aliases

    words: dict[str, str] = {}
    for canonical, variants in reform_lexicon().items():
        for word in (canonical, *variants):
            words.setdefault(word, "nz")
    for indicator in load_indicators():
        for word in (indicator.name, *indicator.synonyms, *indicator.keywords):
            words.setdefault(word, "n")
    for variant, canonical in unit_aliases().items():
        words.setdefault(variant, "nt")
        words.setdefault(canonical, "nt")
    cleaned = {re.sub(r"\s+", "", w): tag for w, tag in words.items()}
    return sorted((w, t) for w, t in cleaned.items() if len(w) >= 2 and _WORD.search(w))


def render_user_dictionary() -> str:
    """The jieba user dictionary text (``word freq tag`` per line), generated from resources."""
    lines = [f"{word} {DOMAIN_WORD_FREQUENCY} {tag}" for word, tag in domain_words()]
    return "\n".join(lines) + "\n"


@cache
def tokenizer() -> object:
    """A jieba tokenizer of our own, with the domain dictionary; jieba's global one is untouched."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    instance = jieba.Tokenizer()
    path = resources.files("graph_build.resources").joinpath(USER_DICTIONARY)
    with resources.as_file(path) as dictionary:
        instance.load_userdict(str(dictionary))
    return instance


def tokenize(text: str) -> list[str]:
    """Words of ``text`` (punctuation and single characters dropped).

    Examples
    --------
    >>> "一网通办" in tokenize("深化企业开办“一网通办”线上服务")
    True
    """
    return [w for w in tokenizer().lcut(text) if len(w) >= 2 and _WORD.search(w)]  # type: ignore[attr-defined]
