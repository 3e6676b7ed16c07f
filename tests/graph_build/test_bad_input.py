"""The bad-input corpus (tests/fixtures/bad_input/, written by its make_corpus.py): every file gives
the right tasks or one clear error naming the file and the reason, and a build of the whole folder
goes on past the bad ones."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from graph_build.errors import DocumentDecodeError
from graph_build.pipeline import build_graph, extract_document
from tests.conftest import ROOT

BAD = ROOT / "tests" / "fixtures" / "bad_input"
PLAN_TASKS = [
    ("(一)", ["市审批局"], ["市税务局", "市公安局"], "2023-06-30"),
    ("(二)", ["市发改委"], ["鹤壁市供电公司"], None),
    ("(三)", ["市自然资源局"], ["市税务局"], "2023-09-30"),
]
SAME_PLAN = [
    "plan_utf8.txt",
    "plan_gbk.txt",
    "plan_gb18030.txt",
    "plan_utf16.txt",
    "plan_utf8_bom.txt",
    "plan_copy_under_another_name.txt",
    "plan_repeated_text.txt",
    "plan_mixed_script.txt",
]
UNREADABLE = {
    "empty.txt": "empty file",
    "whitespace_only.txt": "empty document",
    "binary.txt": "binary file",
    "scan_without_text.pdf": "no text layer: OCR it first",
    "not_really.docx": "not a readable .docx file",
}


def _summary(name: str) -> list[tuple[str, list[str], list[str], str | None]]:
    extraction = extract_document(BAD / name)
    return [
        (
            t.number,
            [r.name for r in t.lead_roles],
            [r.name for r in t.assist_roles],
            t.deadline.date.isoformat() if t.deadline and t.deadline.date else None,
        )
        for t in extraction.tasks
    ]


def _codes(name: str) -> Counter[str]:
    return Counter(w.code for w in extract_document(BAD / name).warnings)


@pytest.mark.parametrize("name", SAME_PLAN)
def test_encodings_copies_repeats_and_mixed_script_give_the_plan_s_tasks(name: str) -> None:
    assert _summary(name) == PLAN_TASKS
    document = extract_document(BAD / name).document
    assert (document.title, document.jurisdiction, document.year) == (
        "鹤壁市2023年优化营商环境工作方案",
        "鹤壁市",
        2023,
    )


def test_repeated_text_is_read_once_and_reported() -> None:
    assert _codes("plan_repeated_text.txt")["repeated_text"] == 1


def test_mixed_script_keeps_the_original_words_for_display() -> None:
    task = extract_document(BAD / "plan_mixed_script.txt").tasks[1]
    assert task.title == "提升獲得電力便利度"
    assert task.roles[0].raw == "市發改委" and task.roles[0].name == "市发改委"


def test_unbalanced_and_missing_parentheses_are_read_and_reported() -> None:
    assert _summary("unbalanced_parentheses.txt") == [
        ("(一)", ["市审批局"], [], "2023-06-30"),
        ("(二)", ["市税务局"], [], None),
        ("(三)", ["市市场监管局"], ["市司法局"], None),
        ("(四)", ["市政务服务中心"], [], "2023-12-31"),
    ]
    assert _codes("unbalanced_parentheses.txt") == {"unclosed_annotation": 2, "unparenthesised_annotation": 1}


def test_absurd_numbering_keeps_every_item_and_says_what_is_odd() -> None:
    summary = _summary("absurd_numbering.txt")
    assert [number for number, *_ in summary] == ["(九十九)", "(一)", "(一)", "(七)"]
    codes = _codes("absurd_numbering.txt")
    assert codes["numbering_gap"] == 2 and codes["numbering_duplicate"] == 1
    assert codes["numbering_out_of_order"] == 1
    # "(1a)加强信用监管…" and "十万、保障措施" are no numbering the reader knows: it says so,
    # since their annotation now counts for (七).
    assert codes["numbering_unrecognised"] == 2


@pytest.mark.parametrize(("name", "reason"), sorted(UNREADABLE.items()))
def test_unreadable_files_are_one_clear_error(name: str, reason: str) -> None:
    with pytest.raises(DocumentDecodeError) as caught:
        extract_document(BAD / name)
    assert str(caught.value).startswith(f"{BAD / name}: {reason}")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes((BAD / "plan_utf8.txt").read_bytes() * 50)
    with pytest.raises(DocumentDecodeError, match=r"huge\.txt: .*limit"):
        extract_document(big, max_bytes=2_000)


def test_a_build_of_the_whole_corpus_goes_on_past_the_bad_files(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(BAD, raw, ignore=shutil.ignore_patterns("*.py"))
    result = build_graph([raw], overrides_path=None)
    assert {Path(f.file).name: f.reason for f in result.failures}.keys() == UNREADABLE.keys()
    for failure in result.failures:
        assert UNREADABLE[Path(failure.file).name] in failure.reason
    titles = Counter(e.document.title for e in result.extractions)
    assert titles == {
        "鹤壁市2023年优化营商环境工作方案": 1,  # eight files, one document
        "淮北市2023年优化营商环境工作方案": 1,
        "三明市2023年优化营商环境工作方案": 1,
    }
    codes = Counter(w.code for w in result.warnings)
    assert codes["duplicate_document"] >= 4 and codes["replaced_document"] >= 1
    kept = next(e for e in result.extractions if e.document.jurisdiction == "鹤壁市")
    assert [t.number for t in kept.tasks] == ["(一)", "(二)", "(三)"]
