"""Bytes to text: file formats (txt, md, html, docx, pdf) and encodings (UTF-8/16, BOM, GB18030)."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from graph_build.errors import DocumentDecodeError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab/newline/carriage return/form feed: their presence marks binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The text of a file, with how it was read."""

    text: str
    encoding: str
    format: str


def decode_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read ``path`` and return its text, whatever its format and encoding.

    Parameters
    ----------
    path
        A .txt/.md, .html/.htm, .docx or text-layer .pdf file.
    max_bytes
        Files larger than this are refused (default 20 MB).

    Returns
    -------
    DecodedText
        Text with ``\\n`` line ends, the encoding used and the format.

    Raises
    ------
    DocumentDecodeError
        Missing, too large, empty, binary, undecodable, or a PDF without a text layer.
    """
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentDecodeError(name, f"cannot read file ({exc.strerror or exc})") from exc
    if path.is_dir():
        raise DocumentDecodeError(name, "is a directory, not a document")
    if size > max_bytes:
        raise DocumentDecodeError(
            name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
        )
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, encoding, fmt = _docx_text(name, data), "docx", "docx"
    elif suffix == ".pdf":
        text, encoding, fmt = _pdf_text(name, data), "pdf", "pdf"
    elif suffix in HTML_SUFFIXES:
        raw, encoding = decode_bytes(name, data)
        text, fmt = html_to_text(raw), "html"
    else:
        raw, encoding = decode_bytes(name, data)
        # A .txt that is really a saved web page: treat it as HTML.
        fmt = "html" if re.search(r"<(html|body|div|p)[\s>]", raw[:4000], re.I) else "text"
        text = html_to_text(raw) if fmt == "html" else raw
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentDecodeError(name, "empty document (no text after decoding)")
    return DecodedText(text=text, encoding=encoding, format=fmt)


def decode_bytes(name: str, data: bytes) -> tuple[str, str]:
    """Decode raw bytes of a text file: BOM, UTF-8, BOM-less UTF-16, then GB18030.

    Examples
    --------
    >>> decode_bytes("x.txt", "牵头单位".encode("gb18030"))
    ('牵头单位', 'gb18030')
    >>> decode_bytes("x.txt", "牵头单位".encode("utf-16"))[1]
    'utf-16'
    """
    if not data.strip():
        raise DocumentDecodeError(name, "empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentDecodeError(name, f"binary file: this is {what}, not a text document")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(name, data, encoding), encoding
    # UTF-8 first: its multi-byte sequences can also pass as UTF-16 CJK, never the reverse.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise DocumentDecodeError(name, "binary file (control characters), not a text document")
        return text, "utf-8"
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(name, data, utf16), utf16
    if b"\x00" in data:
        raise DocumentDecodeError(name, "binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_binary(text) and _CJK.search(text):
            return text, "gb18030"
    raise DocumentDecodeError(name, "unknown text encoding or binary file (tried UTF-8, UTF-16 and GB18030)")


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentDecodeError(name, f"invalid {encoding} at byte {exc.start}") from exc
    return text.removeprefix("\ufeff")


def _bomless_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16: ASCII shows NUL bytes on one side; otherwise the byte order whose
    decoding reads as Chinese text wins."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _text_share(text)
        if encoding == "utf-16-le" and odd > even * 4:
            score += 0.2
        if encoding == "utf-16-be" and even > odd * 4:
            score += 0.2
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.8 else None


_TEXT_CHAR = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\n\r\t]")


def _text_share(text: str) -> float:
    """Share of characters that plan documents are made of (CJK, CJK punctuation, ASCII)."""
    return len(_TEXT_CHAR.findall(text)) / max(1, len(text))


# Magic numbers of formats people save by mistake with a .txt name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF (rename it to .pdf)"),
    (b"PK\x03\x04", "a ZIP archive or Office file (rename a Word file to .docx)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls): save it as .docx"),
    (b"\x7fELF", "a program"),
)


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def _docx_text(name: str, data: bytes) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise DocumentDecodeError(name, "python-docx is not installed") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for bad zips
        raise DocumentDecodeError(name, f"not a readable .docx file ({type(exc).__name__})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(name: str, data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise DocumentDecodeError(name, "pypdf is not installed") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise DocumentDecodeError(name, f"not a readable PDF ({type(exc).__name__})") from exc
    text = "\n".join(pages)
    if not _CJK.search(text) and len(text.strip()) < 20:
        raise DocumentDecodeError(name, "no text layer: OCR it first")
    return text


_BLOCK_TAGS = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article table ul ol title td th".split()  # noqa: SIM905
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "head", "nav", "footer"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line (scripts, styles, nav dropped).

    Examples
    --------
    >>> html_to_text("<p>一、总体要求</p><script>x()</script><p>(一)任务</p>").split()
    ['一、总体要求', '(一)任务']
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
