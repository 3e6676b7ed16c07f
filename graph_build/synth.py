"""Synthetic plan corpora for benchmarks: realistic 营商环境 work plans with their ground truth.

Every document is recombined from what the real documents show — places from the gazetteer,
unit spellings from the alias table, reforms from the lexicon, and every numbering and
annotation style the extraction core reads (see synth_units, synth_tasks and synth_layout) — and
is written beside a ``DOC.truth.json`` holding its tasks as the extractor should normalise them.
Some documents are traditional, some GB18030, some damaged the way real pages are. The same
``(docs, seed)`` always gives byte-identical files.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph_build.errors import ReformKGError
from graph_build.resources import t2s_table
from graph_build.synth_layout import Slot, lay_out_plan, report_lines
from graph_build.synth_tasks import Draft, TruthTask, Writer, draw_style, vocabulary
from graph_build.synth_units import Roster, jurisdiction_tree

DEFAULT_SEED = 7
GENERATOR_VERSION = 1
MANIFEST = "corpus.json"
TRUTH_SUFFIX = ".truth.json"
# Each pass over the cities takes another year and each pass over the years another title kind,
# so what names a document (title, jurisdiction) never repeats below this size.
MAX_DOCS = 50_000
YEARS = (2022, 2023, 2021, 2024, 2020, 2019)
REPORT_SHARE = 0.03
TRADITIONAL_SHARE = 0.10
GB18030_SHARE = 0.10
DAMAGE_SHARE = 0.20


class SynthError(ReformKGError):
    """A synthetic corpus cannot be written as asked: a bad size, or a folder that is a file,
    cannot be written, or holds files of its own.

    Defined here rather than in errors.py: only the generator raises it.
    """


def plan_slots(seed: int) -> Iterator[Slot]:
    """Documents in corpus order: a city's plan, then plans of some of its districts and
    counties that implement it; a new year once every city has had its turn.

    Examples
    --------
    >>> from itertools import islice
    >>> city, district = islice(plan_slots(1), 2)
    >>> city.place.level, district.parent_title == city.title
    ('city', True)
    """
    rng = random.Random(f"reformkg-synth:{seed}:slots")
    kinds = vocabulary().plan_kinds
    tree = list(jurisdiction_tree())
    index = 0
    round_number = 0
    while True:
        year = YEARS[round_number % len(YEARS)]
        shift = round_number // len(YEARS)
        order = tree[:]
        rng.shuffle(order)
        for city, children in order:
            city_slot = Slot(index, city, year, kinds[(int(city.code) // 100 + shift) % len(kinds)], None)
            yield city_slot
            index += 1
            picked = rng.sample(children, min(len(children), rng.randint(2, 6)))
            for child in sorted(picked, key=lambda j: j.code):
                kind = kinds[(int(child.code) + shift) % len(kinds)]
                yield Slot(index, child, year, kind, city_slot.title)
                index += 1
        round_number += 1


@dataclass(frozen=True, slots=True)
class SynthDocument:
    """A written document: file name, bytes and truth."""

    file_name: str
    data: bytes
    truth: dict[str, Any]

    @property
    def truth_name(self) -> str:
        return self.file_name.removesuffix(".txt") + TRUTH_SUFFIX

    @property
    def task_count(self) -> int:
        return len(self.truth["tasks"])


# The full-width forms plans print; a document is written half-width and widened (mostly) whole.
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})


def write_document(slot: Slot, seed: int, rosters: dict[str, Roster]) -> SynthDocument:
    """The document of one slot — text, encoding and truth — from the slot's own random stream,
    so a document does not depend on how many come after it."""
    rng = random.Random(f"reformkg-synth:{seed}:doc:{slot.index}")
    place = slot.place
    roster = rosters.get(place.code)
    if roster is None:
        roster = rosters[place.code] = Roster(place, seed)
    is_report = rng.random() < REPORT_SHARE
    traditional = rng.random() < TRADITIONAL_SHARE
    encoding = (
        "gb18030" if rng.random() < GB18030_SHARE else ("utf-8-sig" if rng.random() < 0.03 else "utf-8")
    )
    variant = structure = ""
    if is_report:
        title = f"{place.title_place}{slot.year}年优化营商环境工作情况报告"
        lines, draft = report_lines(slot, rng), Draft()
        implements: tuple[str, ...] = ()
        cites: tuple[str, ...] = ()
    else:
        style = draw_style(rng)
        structure, variant = style.structure, style.variant or ("table" if style.structure == "table" else "")
        writer = Writer(rng, roster, slot.year, style)
        title = slot.title
        citations = lay_out_plan(writer, slot)
        implements, cites = citations.implements, citations.cites
        draft = writer.draft
        _damage(writer)
        lines = draft.lines
        if style.full_width:
            # A line here and there keeps half-width punctuation, as pasted text does.
            lines = [line if rng.random() < 0.03 else line.translate(_FULL_WIDTH) for line in lines]
    lines = _chrome(rng, slot, lines)
    lines = _redactions(rng, draft, lines)
    text = "\n".join(lines) + "\n"
    if traditional:
        text = to_traditional(text)
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    file_name = f"{slot.index:05d}_{place.code}_{slot.year}.txt"
    truth = {
        "file": file_name,
        "generator": {
            "name": "reformkg synth",
            "version": GENERATOR_VERSION,
            "seed": seed,
            "index": slot.index,
        },
        "document": {
            # The title as the extractor reports it: read from the folded (simplified) text.
            "title": title,
            "jurisdiction": place.name,
            "parent_jurisdiction": place.city if place.level != "city" else place.province,
            "level": place.level,
            "year": slot.year,
            "doc_type": "report" if is_report else "plan",
            "structure": structure,
            "variant": variant,
            "script": "traditional" if traditional else "simplified",
            "encoding": encoding,
            "implements": list(implements),
            "cites": list(cites),
        },
        "units": dict(sorted(draft.units.items())),
        "damage": draft.damage,
        "warnings": sorted({d["warning"] for d in draft.damage if d["warning"]}),
        "tasks": [_task_truth(t, traditional) for t in draft.tasks],
    }
    return SynthDocument(file_name, text.encode(encoding), truth)


def _task_truth(task: TruthTask, traditional: bool) -> dict[str, Any]:
    """A task's truth; its title stays in the document's script, as the extractor keeps it."""
    row = task.as_dict()
    if traditional:
        row["title"] = to_traditional(row["title"])
    return row


# ---------------------------------------------------------------------------------------------
# Traditional script


@cache
def s2t_table() -> dict[int, str]:
    """Simplified → traditional, built by reversing the t2s table.

    Only characters with one traditional form are converted, plus the common ones below whose
    usual form is known; the rest stay as they are, so folding back is always exact.
    """
    reverse: dict[str, list[str]] = {}
    for code, simplified in t2s_table().items():
        reverse.setdefault(simplified, []).append(chr(code))
    table = {
        ord(s): forms[0] for s, forms in reverse.items() if len(forms) == 1 and s not in _SAME_IN_TRADITIONAL
    }
    for simplified, traditional in _PREFERRED_TRADITIONAL.items():
        if traditional in reverse.get(simplified, ()):
            table[ord(simplified)] = traditional
    return table


# Characters that traditional text writes as they are, although the t2s table folds a rare
# variant into them (閤→合, 侷→局, 製→制 …): converting them would read wrong (若幹, 鬆原市).
_SAME_IN_TRADITIONAL = frozenset(
    "修克凌出制千占合同周咸回困家局岩峰巨布庵志教板查核栗梁棱沾注真系群表谷郁松斗干里岳即"
)


_PREFERRED_TRADITIONAL = {
    "个": "個", "为": "為", "么": "麼", "产": "產", "众": "眾", "冲": "衝", "别": "別", "历": "歷",
    "参": "參", "发": "發", "台": "臺", "启": "啟", "团": "團", "墙": "牆", "复": "復", "奖": "獎",
    "宁": "寧", "尽": "盡", "岁": "歲", "并": "並", "当": "當", "录": "錄", "恶": "惡", "术": "術",
    "汇": "匯", "湿": "濕", "炼": "煉", "烟": "煙", "画": "畫", "签": "簽", "线": "線", "绝": "絕",
    "绿": "綠", "脏": "髒", "苏": "蘇", "荡": "蕩", "药": "藥", "获": "獲", "证": "證", "说": "說",
    "赞": "贊", "迹": "跡", "采": "採", "鉴": "鑒", "针": "針", "钟": "鐘", "锐": "銳", "镇": "鎮",
    "闲": "閒", "阅": "閱", "须": "須", "颜": "顏", "馆": "館",
}  # fmt: skip


def to_traditional(text: str) -> str:
    """Simplified text in traditional characters (what a Taiwan/HK-style page shows).

    Examples
    --------
    >>> to_traditional("区发展和改革局牵头")
    '區發展和改革局牽頭'
    """
    return text.translate(s2t_table())


# ---------------------------------------------------------------------------------------------
# Damage and page noise


def _damage(writer: Writer) -> None:
    """Now and then break the document the way real pages are broken; truth keeps what the
    extractor can recover and the damage list says what was done."""
    rng, draft, style = writer.rng, writer.draft, writer.style
    if rng.random() >= DAMAGE_SHARE or not draft.task_lines:
        return
    kinds = ["unclosed_annotation", "repeated_text"]
    if style.marker == "(一)" and style.structure in ("flat", "themed"):
        kinds.append("numbering_malformed")
    if style.marker in ("1．", "1.", "1、") and style.structure == "flat":
        kinds += ["numbering_duplicate", "numbering_gap"]
    kind = rng.choice(kinds)
    if kind == "unclosed_annotation":
        # Not a line with (1)(2) sub-tasks: their annotations sit mid-line.
        candidates = [
            i for i in draft.task_lines if draft.lines[i].endswith(")") and ")(" not in draft.lines[i]
        ]
        if candidates:
            index = rng.choice(candidates)
            draft.lines[index] = draft.lines[index][:-1]
            draft.damage.append(
                {"kind": kind, "line": draft.lines[index][:12], "warning": kind, "recoverable": True}
            )
    elif kind == "repeated_text":
        start = rng.choice(draft.task_lines)
        block = draft.lines[start : start + rng.randint(3, 4)]
        if len(block) >= 3 and sum(len(b) for b in block) >= 80:
            draft.lines[start + len(block) : start + len(block)] = block
            draft.damage.append({"kind": kind, "line": block[0][:12], "warning": kind, "recoverable": True})
    elif kind == "numbering_malformed":
        _break_paren_marker(writer)
    else:
        _renumber(writer, kind)


def _break_paren_marker(writer: Writer) -> None:
    """ "(五加强…": a (一) marker loses its closing parenthesis; the extractor repairs it."""
    draft, rng = writer.draft, writer.rng
    candidates = [
        i
        for i in draft.task_lines
        if re.match(r"^\([一二三四五六七八九十]+\)[^一二三四五六七八九十百零〇两]", draft.lines[i])
        and not draft.lines[i].startswith("(一)")
    ]
    if not candidates:
        return
    index = rng.choice(candidates)
    line = draft.lines[index]
    close = line.index(")")
    draft.lines[index] = line[:close] + line[close + 1 :]
    draft.damage.append(
        {"kind": "broken_marker", "line": line[:12], "warning": "numbering_malformed", "recoverable": True}
    )


def _renumber(writer: Writer, kind: str) -> None:
    """A number written twice (3. 3.) or skipped (5. 8.): truth keeps the numbers as written."""
    draft, rng = writer.draft, writer.rng
    # Only plain lists: every task one numbered line, no sub-tasks whose parent would move too.
    if any(t.parent_number for t in draft.tasks):
        return
    pattern = re.compile(r"^(\d+)([.．、])")
    numbered = [i for i, line in enumerate(draft.lines) if pattern.match(line)]
    if len(numbered) != len(draft.tasks) or len(numbered) < 4:
        return
    at = rng.randint(2, len(numbered) - 1)
    shift = -1 if kind == "numbering_duplicate" else rng.randint(1, 3)
    for position in range(at, len(numbered)):
        index = numbered[position]
        m = pattern.match(draft.lines[index])
        assert m is not None
        value = int(m.group(1)) + shift
        draft.lines[index] = f"{value}{m.group(2)}{draft.lines[index][m.end() :]}"
        draft.tasks[position].number = str(value)
    draft.damage.append({"kind": kind, "line": str(at + 1), "warning": kind, "recoverable": True})


_CHROME_HEAD = (
    "您当前所在位置:首页>政务公开>政策文件",
    "发布时间:{year}-0{month}-1{day} 来源:{place}人民政府办公室",
    "访问量:",
    "字号:[ 大 中 小 ]",
)
_CHROME_FOOT = ("扫码浏览", "【打印本页】", "【关闭窗口】")


def _chrome(rng: random.Random, slot: Slot, lines: list[str]) -> list[str]:
    """A page saved from a government site keeps its breadcrumbs and footer."""
    if rng.random() >= 0.08:
        return lines
    head = [
        line.replace("{year}", str(slot.year))
        .replace("{month}", str(rng.randint(1, 9)))
        .replace("{day}", str(rng.randint(0, 9)))
        .replace("{place}", slot.place.name)
        for line in _CHROME_HEAD
    ]
    return [*head, *lines, *_CHROME_FOOT]


def _redactions(rng: random.Random, draft: Draft, lines: list[str]) -> list[str]:
    """A published draft with words cut out as " (略) " — in the opening text only, where no
    task or unit is lost."""
    if rng.random() >= 0.04:
        return lines
    for index, line in enumerate(lines):
        # After the last cited title, so what the plan implements stays legible.
        first = max(8, line.rfind("》") + 2)
        if line.startswith("为") and len(line) > first + 12:
            cut = rng.randint(first, len(line) - 8)
            lines[index] = line[:cut] + " (略) " + line[cut + 2 :]
            draft.damage.append(
                {"kind": "redacted_text", "line": line[:12], "warning": "", "recoverable": True}
            )
            break
    return lines


# ---------------------------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    """What a run wrote."""

    out: Path
    documents: int
    tasks: int
    seconds: float


def generate_corpus(docs: int, seed: int = DEFAULT_SEED) -> Iterator[SynthDocument]:
    """The first ``docs`` documents of the corpus of ``seed``, in order.

    Examples
    --------
    >>> first = next(generate_corpus(1, seed=1))
    >>> first.file_name.endswith(".txt"), first.truth["document"]["doc_type"] in ("plan", "report")
    (True, True)
    """
    rosters: dict[str, Roster] = {}
    for slot in plan_slots(seed):
        if slot.index >= docs:
            return
        yield write_document(slot, seed, rosters)


def write_corpus(out: Path, docs: int, seed: int = DEFAULT_SEED) -> CorpusSummary:
    """Write ``docs`` documents and their truth under ``out``, with a ``corpus.json`` manifest.

    A folder that holds an earlier synthetic corpus (it has the manifest) is replaced; any other
    non-empty folder is refused, so nobody's documents are mixed into a benchmark.

    Raises
    ------
    SynthError
        ``out`` is a file, cannot be created or written, or holds files of its own.
    """
    if not 1 <= docs <= MAX_DOCS:
        raise SynthError(f"--docs {docs}: choose between 1 and {MAX_DOCS:,}")
    started = time.perf_counter()
    _prepare_folder(out)
    names: list[str] = []
    tasks = 0
    try:
        for document in generate_corpus(docs, seed):
            (out / document.file_name).write_bytes(document.data)
            (out / document.truth_name).write_text(_json(document.truth), encoding="utf-8")
            names += [document.file_name, document.truth_name]
            tasks += document.task_count
        manifest = {
            "generator": "reformkg synth",
            "version": GENERATOR_VERSION,
            "docs": docs,
            "seed": seed,
            "tasks": tasks,
            "files": names,
        }
        (out / MANIFEST).write_text(_json(manifest), encoding="utf-8")
    except OSError as exc:
        raise SynthError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return CorpusSummary(out, docs, tasks, time.perf_counter() - started)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _prepare_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise SynthError(f"{out}: is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SynthError(f"{out}: cannot create the folder ({exc.strerror or exc})") from exc
    manifest = out / MANIFEST
    present = [p for p in out.iterdir() if not p.name.startswith(".")]
    if present and not manifest.exists():
        raise SynthError(f"{out}: folder is not empty and holds no synthetic corpus; choose an empty one")
    if manifest.exists():
        try:
            earlier = json.loads(manifest.read_text(encoding="utf-8"))
            files = [str(name) for name in earlier.get("files", [])]
        except (OSError, ValueError, AttributeError) as exc:
            raise SynthError(f"{manifest}: unreadable manifest of an earlier corpus") from exc
        # Only the files the earlier run listed, and only plain names inside the folder.
        for name in files:
            target = out / name
            if "/" not in name and "\\" not in name and target.is_file():
                target.unlink()
        manifest.unlink()
    probe = out / ".reformkg-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise SynthError(f"{out}: folder is not writable ({exc.strerror or exc})") from exc
