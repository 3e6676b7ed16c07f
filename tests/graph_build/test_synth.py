"""The synthetic corpus generator: deterministic files whose truth the extractor reproduces."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph_build.cli import main
from graph_build.model import Extraction
from graph_build.normalize import fold_text
from graph_build.pipeline import extract_document, extract_text
from graph_build.resources import general_section_words, resource_lines
from graph_build.synth import MANIFEST, SynthError, generate_corpus, to_traditional, write_corpus
from graph_build.synth_eval import Comparison, compare_corpus, compare_document
from graph_build.synth_tasks import STRETCH_VARIANTS, vocabulary

# A seed whose first 40 documents hold GB18030, traditional and damaged plans (and a task table).
SEED = 5
DOCS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    write_corpus(out, DOCS, SEED)
    return out


@pytest.fixture(scope="module")
def scored(corpus: Path) -> Comparison:
    return compare_corpus(corpus)


def _truths(corpus: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.truth.json"))]


def _task_keys(extraction: Extraction) -> list[tuple[str, str]]:
    return [(t.number, t.title) for t in extraction.tasks]


def test_the_same_docs_and_seed_give_byte_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_corpus(first, 25, 11)
    write_corpus(second, 25, 11)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) == 2 * 25 + 1
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_another_seed_gives_another_corpus() -> None:
    one = [d.data for d in generate_corpus(5, 1)]
    two = [d.data for d in generate_corpus(5, 2)]
    assert one != two


def test_a_smaller_corpus_is_the_start_of_a_larger_one() -> None:
    small = [(d.file_name, d.data) for d in generate_corpus(12, 3)]
    large = [(d.file_name, d.data) for d in generate_corpus(30, 3)]
    assert large[:12] == small


def test_small_corpus_extracts_as_its_truth(scored: Comparison) -> None:
    scores = scored.as_dict()
    assert scores["documents"] == DOCS
    assert scores["task_recall"] >= 0.95
    assert scores["lead_f1"] >= 0.9
    # The formats the extraction core is built for come out exactly.
    assert scores["task_recall.core"] == 1.0
    assert scores["lead_f1.core"] == 1.0
    assert scores["assist_f1.core"] == 1.0
    assert scores["deadline_accuracy.core"] == 1.0
    assert scores["implements_recall"] == 1.0


def test_gb18030_and_traditional_documents_extract_their_truth(corpus: Path) -> None:
    special = [
        t
        for t in _truths(corpus)
        if t["tasks"] and (t["document"]["encoding"] == "gb18030" or t["document"]["script"] == "traditional")
    ]
    encodings = {t["document"]["encoding"] for t in special}
    scripts = {t["document"]["script"] for t in special}
    assert "gb18030" in encodings and "traditional" in scripts
    for truth in special:
        path = corpus / truth["file"]
        if truth["document"]["encoding"] == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                path.read_bytes().decode("utf-8")
        extraction = extract_document(path)
        assert extraction.document.script.value == truth["document"]["script"]
        core = [t for t in truth["tasks"] if not t["variant"]]
        assert [(t["number"], t["title"]) for t in core] == [
            k for k in _task_keys(extraction) if k in {(t["number"], t["title"]) for t in core}
        ]
        assert compare_document(truth, extraction).as_dict()["lead_f1.core"] == 1.0


def test_damage_occurs_and_is_reported_as_warnings(corpus: Path, scored: Comparison) -> None:
    damaged = [t for t in _truths(corpus) if t["warnings"]]
    kinds = {d["kind"] for t in damaged for d in t["damage"]}
    assert {"unclosed_annotation", "repeated_text"} <= kinds
    assert kinds & {"broken_marker", "numbering_duplicate", "numbering_gap"}
    for truth in damaged:
        codes = {w.code for w in extract_document(corpus / truth["file"]).warnings}
        assert set(truth["warnings"]) <= codes, truth["file"]
    assert scored.as_dict()["warning_recall"] == 1.0


def test_truth_names_units_in_their_normalised_form(corpus: Path) -> None:
    for truth in _truths(corpus):
        for task in truth["tasks"]:
            assert task["variant"] in ("", *STRETCH_VARIANTS)
            for name in task["lead"] + task["assist"] + task["section_lead"]:
                assert fold_text(name) == name
                assert not name.endswith("等") and name in truth["units"]


def test_traditional_text_folds_back_exactly() -> None:
    words = vocabulary()
    for theme in words.themes:
        for text in (*theme.titles, *theme.sentences, *theme.headings):
            assert fold_text(to_traditional(text)) == text
    assert to_traditional("若干举措") == "若干舉措"  # 干 stays: 若幹 would be wrong


def test_vocabulary_uses_lexicon_reforms_and_no_general_section_words() -> None:
    lexicon = set()
    for _, line in resource_lines("reform_lexicon.txt"):
        canonical, _, variants = line.partition("\t")
        lexicon |= {canonical.strip(), *(v.strip() for v in variants.split("|") if v.strip())}
    words = vocabulary()
    general = general_section_words()
    for theme in words.themes:
        assert set(theme.reforms) <= lexicon, theme.indicator
        for text in (*theme.titles, *theme.headings):
            assert not any(word in text for word in general), text
    for text in (*words.generic_titles, *words.generic_headings, *words.task_section_headings):
        assert not any(word in text for word in general), text


def test_district_plans_implement_their_city_plan(corpus: Path) -> None:
    titles = {t["document"]["title"] for t in _truths(corpus)}
    districts = [t for t in _truths(corpus) if t["document"]["level"] != "city"]
    assert districts
    assert all(t["document"]["implements"][0] in titles for t in districts)


def test_evaluation_counts_a_wrong_lead_against_precision_and_recall() -> None:
    text = "某市2022年优化营商环境工作方案\n一、重点任务\n(一)压缩开办时间。(牵头单位:市发改委)\n"
    truth = {
        "file": "x.txt",
        "document": {
            "title": "某市2022年优化营商环境工作方案",
            "jurisdiction": "",
            "year": 2022,
            "doc_type": "plan",
            "implements": [],
        },
        "units": {"市审批局": "市审批局"},
        "warnings": [],
        "tasks": [
            {
                "number": "(一)",
                "title": "压缩开办时间",
                "lead": ["市审批局"],
                "assist": [],
                "section_lead": [],
                "deadline": None,
                "deadline_raw": None,
                "ongoing": False,
                "targets": [],
                "variant": "",
            }
        ],
    }
    scores = compare_document(truth, extract_text(text, "x.txt")).as_dict()
    assert scores["task_recall"] == 1.0
    assert scores["lead_precision"] == 0.0 and scores["lead_recall"] == 0.0


def test_cli_synth_writes_the_corpus_and_one_closing_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus"
    assert main(["synth", "--docs", "6", "--seed", "3", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert re.match(
        rf"wrote 6 documents \(\d+ tasks\) with their truth to {re.escape(str(out))} in ", lines[0]
    )
    assert len(list(out.glob("*.txt"))) == 6 and len(list(out.glob("*.truth.json"))) == 6
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["seed"] == 3


def test_cli_synth_replaces_an_earlier_corpus(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert main(["synth", "--docs", "8", "--out", str(out)]) == 0
    assert main(["synth", "--docs", "3", "--out", str(out)]) == 0
    assert len(list(out.glob("*.txt"))) == 3


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("foreign", "folder is not empty and holds no synthetic corpus"),
        ("file", "is a file, not a folder"),
        ("under_file", "cannot create the folder"),
    ],
)
def test_cli_synth_refuses_a_folder_it_cannot_use_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    out = {"foreign": tmp_path, "file": tmp_path / "notes.txt", "under_file": tmp_path / "notes.txt" / "x"}[
        setup
    ]
    assert main(["synth", "--docs", "2", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_write_corpus_refuses_a_size_out_of_range(tmp_path: Path) -> None:
    with pytest.raises(SynthError, match="--docs 0"):
        write_corpus(tmp_path / "corpus", 0)
