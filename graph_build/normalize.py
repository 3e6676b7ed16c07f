"""Text to analysable lines: width and script folding, page chrome and repeated text removed."""

from __future__ import annotations

from dataclasses import dataclass

from graph_build.model import BuildWarning, Script
from graph_build.resources import page_chrome_patterns, t2s_table

# A block of at least this many lines (and characters) that repeats an earlier block verbatim
# is a page that contains its own text twice (seed 004), not two copies of the tasks.
MIN_REPEAT_LINES = 3
MIN_REPEAT_CHARS = 80
TRADITIONAL_SHARE = 0.04


def _width_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table.update(
        {
            0x3000: " ",  # ideographic space
            0x00A0: " ",
            0x2002: " ",
            0x2003: " ",
            0x2009: " ",
            0x200B: " ",  # zero-width space keeps its slot so offsets stay aligned
            0xFE59: "(",  # small parentheses ﹙﹚
            0xFE5A: ")",
            0xFE50: ",",
            0xFE54: ";",
            0xFE55: ":",
        }
    )
    return table


_WIDTH = _width_table()


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank body line: ``start`` is its offset in the original text."""

    start: int
    original: str
    text: str  # analysis form, same length as ``original``

    @property
    def end(self) -> int:
        return self.start + len(self.original)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document's text ready for analysis.

    ``analysis`` has exactly the length of ``original`` (every folding is one character to one
    character), so an offset found in the analysis text points at the same place in the original.
    """

    original: str
    analysis: str
    lines: tuple[Line, ...]
    script: Script
    warnings: tuple[BuildWarning, ...]


def fold_text(text: str) -> str:
    """Half-width punctuation and digits, simplified characters; length is preserved.

    Examples
    --------
    >>> fold_text("（牽頭單位：區住建局；完成時限：２０２１年）")
    '(牵头单位:区住建局;完成时限:2021年)'
    """
    return text.translate(_WIDTH).translate(t2s_table())


def fold_width(text: str) -> str:
    """Half-width punctuation and digits only; the script is kept (for display).

    Examples
    --------
    >>> fold_width("（牽頭單位：區住建局）")
    '(牽頭單位:區住建局)'
    """
    return text.translate(_WIDTH)


def detect_script(text: str) -> Script:
    """``traditional`` when a noticeable share of CJK characters are traditional forms."""
    table = t2s_table()
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return Script.SIMPLIFIED
    traditional = sum(1 for ch in cjk if ord(ch) in table)
    return Script.TRADITIONAL if traditional / len(cjk) >= TRADITIONAL_SHARE else Script.SIMPLIFIED


def prepare_text(original: str, file: str) -> SourceText:
    """Fold ``original`` for analysis and keep the body lines, dropping chrome and repeats.

    Parameters
    ----------
    original
        The decoded text, as it is displayed.
    file
        The source file name, for warnings.

    Returns
    -------
    SourceText
        Lines with offsets into ``original``; a ``repeated_text`` warning when a block repeats.
    """
    analysis = fold_text(original)
    chrome = page_chrome_patterns()
    candidates: list[Line] = []
    offset = 0
    for raw_line in original.split("\n"):
        stripped = raw_line.strip()
        if stripped:
            start = offset + raw_line.index(stripped[0])
            folded = analysis[start : start + len(stripped)]
            if not any(p.search(folded.strip()) for p in chrome):
                candidates.append(Line(start, stripped, folded))
        offset += len(raw_line) + 1
    lines, warnings = _drop_repeated_blocks(candidates, file)
    return SourceText(
        original=original,
        analysis=analysis,
        lines=tuple(lines),
        script=detect_script(original),
        warnings=tuple(warnings),
    )


def _drop_repeated_blocks(lines: list[Line], file: str) -> tuple[list[Line], list[BuildWarning]]:
    first_seen: dict[str, int] = {}
    kept: list[Line] = []
    warnings: list[BuildWarning] = []
    index = 0
    while index < len(lines):
        earlier = first_seen.get(lines[index].text)
        run = 0
        if earlier is not None:
            while (
                index + run < len(lines)
                and earlier + run < index
                and lines[earlier + run].text == lines[index + run].text
            ):
                run += 1
        chars = sum(len(line.text) for line in lines[index : index + run])
        if run >= MIN_REPEAT_LINES and chars >= MIN_REPEAT_CHARS:
            warnings.append(
                BuildWarning(
                    code="repeated_text",
                    message=(
                        f"{run} lines from line {lines[index].text[:20]!r} repeat earlier text "
                        "verbatim; the repeat was ignored"
                    ),
                    file=file,
                )
            )
            index += run
            continue
        first_seen.setdefault(lines[index].text, index)
        kept.append(lines[index])
        index += 1
    return kept, warnings
