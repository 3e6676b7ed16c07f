"""Reading files: encodings, formats, page chrome, and clear errors for what is not a document."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from graph_build.decode import decode_document
from graph_build.errors import DocumentDecodeError
from graph_build.pipeline import extract_document
from tests.conftest import RAW, SEED_FILES
from tests.fixtures.bad_input.make_corpus import one_page_pdf

PLAN = (
    "某市2022年优化营商环境工作方案\n"
    "一、重点任务\n"
    "（一）压缩企业开办时间。企业开办压缩至1个工作日。（牵头单位：市审批局；配合单位：市税务局；完成时限：2022年6月底）\n"
    "（二）提升获得电力便利度。（牵头单位：市发改委；完成时限：长期坚持）\n"
)


def _summary(path: Path) -> list[tuple[str, str, list[str], str | None]]:
    extraction = extract_document(path)
    return [
        (t.number, t.title, [r.name for r in t.lead_roles], t.deadline.raw if t.deadline else None)
        for t in extraction.tasks
    ]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_every_encoding_gives_the_same_tasks(tmp_path: Path, encoding: str) -> None:
    reference = tmp_path / "reference.txt"
    reference.write_text(PLAN, encoding="utf-8")
    other = tmp_path / f"plan-{encoding}.txt"
    other.write_bytes(PLAN.encode(encoding))
    assert _summary(other) == _summary(reference)
    assert _summary(reference)[0] == ("(一)", "压缩企业开办时间", ["市审批局"], "2022年6月底")


def test_seed_in_gb18030_extracts_like_the_utf8_original(tmp_path: Path) -> None:
    original = RAW / SEED_FILES["000"]
    converted = tmp_path / "000-gbk.txt"
    converted.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    assert _summary(converted) == _summary(original)


def test_utf8_bom_is_not_part_of_the_title(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + PLAN.encode("utf-8"))
    assert extract_document(path).document.title == "某市2022年优化营商环境工作方案"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 50, "binary"),
    ],
    ids=["empty", "whitespace", "all-bytes", "png"],
)
def test_unreadable_files_raise_a_clear_error_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentDecodeError, match=rf"bad\.txt: .*{reason}"):
        decode_document(path)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(PLAN * 50, encoding="utf-8")
    with pytest.raises(DocumentDecodeError, match=r"big\.txt: file is .* over the"):
        decode_document(path, max_bytes=1000)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentDecodeError, match=r"nope\.txt: cannot read file"):
        decode_document(tmp_path / "nope.txt")


def test_html_page_drops_chrome_and_scripts(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in PLAN.splitlines())
    page = (
        "<html><head><title>x</title><script>var a='(牵头单位:假单位)';</script></head><body>"
        "<div>您当前所在位置：首页 &gt; 政务公开</div><div>字号：[ 大 中 小 ]</div><div>访问量：</div>"
        f"{body}<div>扫码浏览</div><div>关联稿件</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    decoded = decode_document(path)
    assert decoded.format == "html"
    assert "假单位" not in decoded.text
    assert _summary(path)[0] == ("(一)", "压缩企业开办时间", ["市审批局"], "2022年6月底")
    assert len(_summary(path)) == 2


def test_seed_web_page_chrome_is_not_a_task_or_title(tmp_path: Path) -> None:
    extraction = extract_document(RAW / SEED_FILES["003"])
    assert "访问量" not in extraction.document.title
    assert not any("扫码浏览" in t.text or "关联稿件" in t.text for t in extraction.tasks)


def test_docx_paragraphs_are_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(path)
    assert _summary(path)[0] == ("(一)", "压缩企业开办时间", ["市审批局"], "2022年6月底")


def test_broken_docx_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocumentDecodeError, match=r"broken\.docx: not a readable \.docx"):
        decode_document(path)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "layer.pdf"
    path.write_bytes(
        one_page_pdf(b"BT /F1 12 Tf 72 712 Td (Business environment work plan 2022, task one) Tj ET")
    )
    assert "task one" in decode_document(path).text


def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(one_page_pdf(b"0 0 m 100 100 l S"))
    with pytest.raises(DocumentDecodeError, match=r"scan\.pdf: no text layer: OCR it first"):
        decode_document(path)


def test_corrupt_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(DocumentDecodeError, match=r"corrupt\.pdf"):
        decode_document(path)
