"""The jieba dictionary: generated from the resources, kept current, keeps domain terms whole."""

from __future__ import annotations

from importlib import resources

from graph_build.tokens import USER_DICTIONARY, render_user_dictionary, tokenize


def test_packaged_dictionary_is_current() -> None:
    packaged = resources.files("graph_build.resources").joinpath(USER_DICTIONARY).read_text(encoding="utf-8")
    assert packaged == render_user_dictionary(), "run `reformkg dictionary` after editing a resource"


def test_domain_terms_come_out_whole() -> None:
    tokens = tokenize("推进工程建设项目审批制度改革,实行“多测合一”和“证照分离”,市场监督管理局负责")
    assert {"多测合一", "证照分离", "市场监督管理局"} <= set(tokens)


def test_our_tokenizer_is_not_the_global_one() -> None:
    import jieba

    from graph_build.tokens import tokenizer

    assert tokenizer() is not jieba.dt
    assert "多测合一" not in jieba.dt.user_word_tag_tab
