"""The typed data model every stage shares: documents, tasks, roles, deadlines and warnings."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class Label(StrEnum):
    """Node labels, shared by the networkx store, the Neo4j writer and the queries."""

    POLICY = "Policy"
    TASK = "Task"
    UNIT = "Unit"
    INDICATOR = "Indicator"
    REFORM = "Reform"


class Rel(StrEnum):
    """Relationship types (edge attribute ``type`` in networkx)."""

    LEADS = "LEADS"
    ASSISTS = "ASSISTS"
    PART_OF = "PART_OF"
    ISSUED_BY = "ISSUED_BY"
    TARGETS = "TARGETS"
    CITES = "CITES"
    IMPLEMENTS = "IMPLEMENTS"
    PRODUCES = "PRODUCES"
    ADVANCES = "ADVANCES"
    DEPENDS_ON = "DEPENDS_ON"
    SIMILAR_TO = "SIMILAR_TO"


class RoleKind(StrEnum):
    """``lead`` — 牵头/负责; ``assist`` — 配合/协办/参与."""

    LEAD = "lead"
    ASSIST = "assist"


class UnitKind(StrEnum):
    """What sort of holder a unit string names."""

    DEPARTMENT = "department"  # a government department: 市发改委
    DIVISION = "division"  # an internal division of the issuing body: 责任科室 体改科, 局经发办
    JUDICIAL = "judicial"  # court or procuratorate: 市法院, 区检察室
    COMPANY = "company"  # state-owned utility or company: 湾里供电公司, 市星瀚集团
    FINANCIAL = "financial"  # bank or regulator branch: 石嘴山银保监分局, 各商业银行
    PARK = "park"  # park committee: 高新区管委会
    GOVERNMENT = "government"  # a people's government or its basic level: 县政府, 街道办事处
    COLLECTIVE = "collective"  # 各县区政府, 市直各相关部门 …
    REDACTED = "redacted"  # contains (略)


# Holders that rankings leave out unless asked: nobody in particular, or nobody legible.
UNRANKED_KINDS = frozenset({UnitKind.COLLECTIVE, UnitKind.REDACTED})


class TaskKind(StrEnum):
    """``task`` in a work plan, ``subtask`` (1)(2) with its own units, ``measure`` in a report."""

    TASK = "task"
    SUBTASK = "subtask"
    MEASURE = "measure"


class DocType(StrEnum):
    PLAN = "plan"
    REPORT = "report"


class Script(StrEnum):
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


class DeadlineKind(StrEnum):
    """``due`` has a date; ``ongoing`` is 长期坚持-style; both when a date is followed by 长期坚持."""

    DUE = "due"
    ONGOING = "ongoing"
    DUE_AND_ONGOING = "due_and_ongoing"
    UNPARSED = "unparsed"


SCOPE_TASK = "task"
SCOPE_SECTION = "section"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into a document's original decoded text."""

    doc_id: str
    start: int
    end: int

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Role:
    """One unit named in one role on one task, with the words it came from.

    Notes
    -----
    ``name`` is the unit's name — after resolution its canonical name (市审批局); ``written`` keeps
    the normalised spelling (simplified, prefix propagated, 等 dropped: 市行政审批局);
    ``raw`` is the piece of the annotation as written; ``label`` the raw label
    (牵头单位, 责任单位, 牵头 …, empty for a bare list); ``scope`` is ``task``,
    ``section`` (from a heading) or the scope phrase of a scoped lead.
    """

    name: str
    raw: str
    kind: RoleKind
    label: str
    unit_kind: UnitKind
    scope: str
    span: Span
    unit_id: str = ""  # set by unit resolution
    written: str = ""  # the normalised spelling before resolution (市行政审批局 for 市审批局)


@dataclass(frozen=True, slots=True)
class UnitAlias:
    """One spelling of a unit and the rule that made it this unit."""

    spelling: str
    rule: str


@dataclass(frozen=True, slots=True)
class Unit:
    """A resolved unit: one node however many spellings and documents name it."""

    id: str
    name: str
    jurisdiction: str
    kind: UnitKind
    unit_type: str
    aliases: tuple[UnitAlias, ...]
    parent_id: str | None = None  # the body a division or branch belongs to
    parent_relation: str = ""  # "division" or "branch"


@dataclass(frozen=True, slots=True)
class IndicatorLink:
    """A task serves an evaluation indicator (评价指标); ``evidence`` says why."""

    indicator_id: str
    name: str
    basis: str  # "heading" or "keywords"
    evidence: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Citation:
    """A 《》 policy title in the text: cited, implemented (为贯彻落实《X》) or produced (起草《X》)."""

    title: str
    raw: str
    relation: str  # "cites", "implements" or "produces"
    doc_number: str
    span: Span


@dataclass(frozen=True, slots=True)
class ReformMention:
    """A named reform initiative (“一网通办”) a task advances."""

    reform_id: str
    name: str
    evidence: str
    span: Span


@dataclass(frozen=True, slots=True)
class Deadline:
    """``deadline`` — 完成时限: the raw words and what they mean."""

    raw: str
    date: dt.date | None
    kind: DeadlineKind
    span: Span

    @property
    def ongoing(self) -> bool:
        return self.kind in (DeadlineKind.ONGOING, DeadlineKind.DUE_AND_ONGOING)


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative target ("压缩至2个工作日") or, in a report, an achieved figure."""

    raw: str
    metric: str
    comparator: str
    value: float | None
    unit: str
    achieved: bool
    span: Span
    indicator_id: str = ""


@dataclass(frozen=True, slots=True)
class Task:
    """One numbered task (or report measure) with everything the document says about it."""

    id: str
    document_id: str
    number: str
    path: str
    title: str
    text: str
    kind: TaskKind
    parent_id: str | None
    section: str
    roles: tuple[Role, ...]
    deadline: Deadline | None
    targets: tuple[Target, ...]
    span: Span
    indicators: tuple[IndicatorLink, ...] = ()
    citations: tuple[Citation, ...] = ()
    reforms: tuple[ReformMention, ...] = ()

    @property
    def lead_roles(self) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.kind is RoleKind.LEAD and r.scope != SCOPE_SECTION)

    @property
    def section_lead_roles(self) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.scope == SCOPE_SECTION)

    @property
    def assist_roles(self) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.kind is RoleKind.ASSIST)


@dataclass(frozen=True, slots=True)
class Document:
    """One source document (a Policy node), with its metadata."""

    id: str
    source_file: str
    title: str
    issuer: str
    jurisdiction: str
    parent_jurisdiction: str
    year: int | None
    published: dt.date | None
    script: Script
    doc_type: DocType
    doc_numbers: tuple[str, ...]
    content_hash: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class BuildWarning:
    """A recoverable problem found in the input, reported beside the results.

    Named ``BuildWarning`` rather than ``Warning`` so the builtin stays usable.
    """

    code: str
    message: str
    file: str
    task_id: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document; ``text`` is the original decoded text."""

    document: Document
    tasks: tuple[Task, ...]
    warnings: tuple[BuildWarning, ...]
    text: str = field(repr=False)
    units: tuple[Unit, ...] = ()


def short_hash(*parts: str, length: int = 12) -> str:
    """A stable hex digest of ``parts``: the building block of natural-key ids."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def document_id(title: str, issuer: str, jurisdiction: str) -> str:
    """``doc:<hash>`` from what names a document, so a new version keeps its id."""
    return f"doc:{short_hash(title, issuer, jurisdiction)}"


def task_id(doc_id: str, path: str) -> str:
    """``task:<doc hash>:<outline path>``."""
    return f"task:{doc_id.removeprefix('doc:')}:{path}"


def policy_id(title: str) -> str:
    """``policy:<hash>`` of a cited title; a cited title equal to a corpus document's title is
    linked to that document instead."""
    return f"policy:{short_hash(title)}"


def indicator_node_id(indicator: str) -> str:
    return f"indicator:{indicator}"


def reform_node_id(name: str) -> str:
    return f"reform:{name}"


def unit_id(jurisdiction: str, name: str) -> str:
    """``unit:<jurisdiction>:<canonical name>``: the same name in two places is two units."""
    return f"unit:{jurisdiction}:{name}"
