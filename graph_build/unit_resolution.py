"""Unit resolution: one unit is one node — spellings merged, places and branches resolved, typed."""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from graph_build.errors import ResourceFormatError
from graph_build.model import (
    Document,
    Role,
    Task,
    Unit,
    UnitAlias,
    UnitKind,
    unit_id,
)
from graph_build.normalize import fold_text
from graph_build.resources import places, resource_lines, tsv_rows

DEFAULT_OVERRIDES = Path("data/unit_aliases.csv")
_LEVEL = re.compile(r"^(市|区|县|省|局)(?![场域])")
# 自规局湾里分局 / 公安局湾里分局 / 不动产湾里分中心 — a branch of a body, located in a place.
_BRANCH_KINDS = ("分局", "分中心", "支队", "大队")
_BODY_ENDINGS = ("局", "委", "院", "中心", "办", "不动产", "支队")


@dataclass(frozen=True, slots=True)
class Branch:
    body: str
    place: str
    kind: str


def split_branch(core: str, known_places: Collection[str]) -> Branch | None:
    """``body + place + 分局``, when the place is a known place and the body names a body.

    Examples
    --------
    >>> split_branch("公安局湾里分局", {"湾里"})
    Branch(body='公安局', place='湾里', kind='分局')
    >>> split_branch("自然资源分局", {"资源"}) is None
    True
    """
    for kind in _BRANCH_KINDS:
        if not core.endswith(kind):
            continue
        head = core[: -len(kind)]
        for length in (3, 2):
            place, body = head[-length:], head[:-length]
            if place in known_places and len(body) >= 2 and body.endswith(_BODY_ENDINGS):
                return Branch(body, place, kind)
    return None


_KIND_BY_NAME = {kind.value: kind for kind in UnitKind}


@dataclass(frozen=True, slots=True)
class UnitType:
    """A row of unit_types.tsv: a functional type and the kind of holder it implies."""

    name: str
    kind: UnitKind
    patterns: tuple[str, ...]


@cache
def unit_aliases() -> dict[str, str]:
    """Variant core name → canonical core name (发展和改革委员会 → 发改委)."""
    aliases: dict[str, str] = {}
    for number, (variant, canonical) in tsv_rows("unit_aliases.tsv", 2):
        variant, canonical = variant.strip(), canonical.strip()
        if not variant or not canonical:
            raise ResourceFormatError("unit_aliases.tsv", number, "empty variant or canonical")
        if aliases.get(variant, canonical) != canonical:
            raise ResourceFormatError("unit_aliases.tsv", number, f"{variant!r} maps to two canonicals")
        aliases[variant] = canonical
    return aliases


@cache
def unit_types() -> tuple[UnitType, ...]:
    rows = []
    for number, (name, kind, patterns) in tsv_rows("unit_types.tsv", 3):
        if kind.strip() not in _KIND_BY_NAME:
            raise ResourceFormatError("unit_types.tsv", number, f"unknown kind {kind!r}")
        parts = tuple(p.strip() for p in patterns.split(",") if p.strip())
        if not parts:
            raise ResourceFormatError("unit_types.tsv", number, "no patterns")
        rows.append(UnitType(name.strip(), _KIND_BY_NAME[kind.strip()], parts))
    return tuple(rows)


def load_overrides(path: Path | None) -> dict[tuple[str, str], str]:
    """A user's ``alias,canonical,jurisdiction`` CSV; an empty jurisdiction applies everywhere.

    Raises
    ------
    ResourceFormatError
        A row without alias and canonical.
    """
    if path is None or not path.exists():
        return {}
    overrides: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            if not row or row[0].strip().startswith("#") or row[0].strip().lower() == "alias":
                continue
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise ResourceFormatError(str(path), number, "expected alias,canonical[,jurisdiction]")
            jurisdiction = row[2].strip() if len(row) > 2 else ""
            overrides[(fold_text(row[0].strip()), jurisdiction)] = fold_text(row[1].strip())
    return overrides


@dataclass(frozen=True, slots=True)
class Place:
    """Where a document sits: its jurisdiction and the city above it."""

    jurisdiction: str
    parent: str

    @property
    def city(self) -> str:
        return self.jurisdiction if self.jurisdiction.endswith("市") else (self.parent or self.jurisdiction)


@dataclass(slots=True)
class Resolution:
    """A resolved name with the rules that were applied."""

    name: str
    jurisdiction: str
    rules: list[str] = field(default_factory=list)
    parent_name: str = ""
    parent_jurisdiction: str = ""
    parent_relation: str = ""


def canonical_core(core: str) -> tuple[str, str | None]:
    """The canonical form of a department name without its prefix, and the alias used.

    Examples
    --------
    >>> canonical_core("市场监督管理局")
    ('市场监管局', '市场监督管理局')
    >>> canonical_core("人社局")
    ('人社局', None)
    """
    aliases = unit_aliases()
    if core in aliases and aliases[core] != core:
        return aliases[core], core
    # 行政审批服务管理局 → 审批局 by the longest variant the name ends with, when what is left
    # in front is not a name of its own (湾里 is handled as a place before we get here).
    for variant in sorted(aliases, key=len, reverse=True):
        if len(variant) >= 3 and core.endswith(variant) and core != variant and aliases[variant] != variant:
            head = core[: -len(variant)]
            if len(head) <= 2 and head in {"区级", "市级", "县级", "本级"}:
                return aliases[variant], variant
    return core, None


def _place_stems() -> dict[str, str]:
    """Short place names (石嘴山) → full names (石嘴山市) for city- and county-level places."""
    return _place_stem_index()


@cache
def _place_stem_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for place in places():
        if place.level == "province":
            continue
        stem = re.sub(r"(市|区|县)$", "", place.name)
        if len(stem) >= 2:
            index.setdefault(stem, place.name)
        index.setdefault(place.name, place.name)
    return index


def _split_place(name: str, place: Place) -> tuple[str, str, str]:
    """``(prefix, jurisdiction, core)`` of a name.

    湾里市场监督管理局 in a 湾里管理局 plan → 湾里, 湾里管理局, 市场监督管理局.
    """
    level = _LEVEL.match(name)
    if level:
        prefix = level.group(1)
        rest = name[1:]
        if prefix == "市":
            return prefix, place.city, rest
        return prefix, place.jurisdiction, rest
    own = [place.jurisdiction, place.parent]
    for full in own:
        if not full:
            continue
        for stem in {full, re.sub(r"(市|区|县|新区|管理局)$", "", full)}:
            if len(stem) >= 2 and name.startswith(stem) and len(name) > len(stem) + 1:
                return stem, full, name[len(stem) :]
    stems = _place_stems()
    for length in (4, 3, 2):
        head = name[:length]
        if head in stems and len(name) > length + 1 and head not in {"公安", "人民", "新华"}:
            return head, stems[head], name[length:]
    return "", place.jurisdiction, name


def resolve_name(name: str, place: Place, overrides: dict[tuple[str, str], str] | None = None) -> Resolution:
    """Canonical name and jurisdiction of one unit name as a document writes it.

    Examples
    --------
    >>> r = resolve_name("湾里市场监督管理局", Place("湾里管理局", "南昌市"))
    >>> r.name, r.jurisdiction
    ('湾里市场监管局', '湾里管理局')
    >>> r = resolve_name("市自规局湾里分局", Place("湾里管理局", "南昌市"))
    >>> r.name, r.jurisdiction, r.parent_name, r.parent_jurisdiction
    ('市自然资源局湾里分局', '湾里管理局', '市自然资源局', '南昌市')
    >>> resolve_name("区科技创新和营商局", Place("松山新区", "锦州市")).name
    '区科创营商局'
    """
    overrides = overrides or {}
    for key in ((name, place.jurisdiction), (name, "")):
        if key in overrides:
            resolution = resolve_name(overrides[key], place)
            resolution.rules.insert(0, f"user override: {name} → {overrides[key]}")
            return resolution
    prefix, jurisdiction, core = _split_place(name, place)
    branch = split_branch(core, _PlacesAnd(_place_stems(), _stem(place.jurisdiction)))
    if branch:
        body_core, body_alias = canonical_core(branch.body)
        body_name = prefix + body_core
        location = _locate(branch.place, place)
        resolution = Resolution(
            name=f"{body_name}{branch.place}{branch.kind}",
            jurisdiction=location,
            parent_name=body_name,
            parent_jurisdiction=jurisdiction,
            parent_relation="branch",
        )
        resolution.rules.append(f"branch of {body_name} ({jurisdiction}) located in {location}")
        if body_alias:
            resolution.rules.append(f"alias table: {body_alias} → {body_core}")
        return resolution
    canonical, alias = canonical_core(core)
    resolution = Resolution(name=prefix + canonical, jurisdiction=jurisdiction)
    if alias:
        resolution.rules.append(f"alias table: {alias} → {canonical}")
    return resolution


@dataclass(frozen=True, slots=True)
class _PlacesAnd:
    """The known place stems plus one more (the document's own), without copying thousands of
    stems into a new set for every unit name."""

    known: Collection[str]
    extra: str

    def __contains__(self, name: object) -> bool:
        return name == self.extra or name in self.known

    def __iter__(self) -> Iterator[str]:
        yield self.extra
        yield from self.known

    def __len__(self) -> int:
        return len(self.known) + 1


def _stem(full: str) -> str:
    return re.sub(r"(市|区|县|新区|管理局)$", "", full)


def _locate(stem: str, place: Place) -> str:
    if stem == _stem(place.jurisdiction):
        return place.jurisdiction
    if place.parent and stem == _stem(place.parent):
        return place.parent
    return _place_stems().get(stem, stem)


def classify(name: str, kind: UnitKind) -> tuple[str, UnitKind]:
    """``(unit_type, kind)`` from unit_types.tsv; collective and redacted holders keep their kind."""
    if kind is UnitKind.REDACTED:
        return "已删节", kind
    if kind is UnitKind.COLLECTIVE:
        return "集体", kind
    for row in unit_types():
        if any(pattern in name for pattern in row.patterns):
            return row.name, kind if kind is UnitKind.DIVISION else row.kind
    return "其他", kind


@dataclass(slots=True)
class UnitRegistry:
    """Units of one document or one build, keyed by id, collecting spellings and rules."""

    units: dict[str, Unit] = field(default_factory=dict)

    def add(self, unit: Unit) -> None:
        existing = self.units.get(unit.id)
        if existing is None:
            self.units[unit.id] = unit
            return
        spellings = {a.spelling for a in existing.aliases}
        extra = tuple(a for a in unit.aliases if a.spelling not in spellings)
        self.units[unit.id] = replace(
            existing,
            aliases=existing.aliases + extra,
            parent_id=existing.parent_id or unit.parent_id,
            parent_relation=existing.parent_relation or unit.parent_relation,
        )

    def merge(self, units: Iterable[Unit]) -> None:
        for unit in units:
            self.add(unit)


def resolve_document_units(
    document: Document,
    tasks: list[Task],
    overrides: dict[tuple[str, str], str] | None = None,
) -> tuple[list[Task], list[Unit]]:
    """Give every role its resolved unit name and id, and return the document's units.

    Notes
    -----
    责任科室 divisions and 局…办 offices of a 管理局 are units of their own, PART_OF the issuer;
    a branch such as 市自规局湾里分局 is located in 湾里 and PART_OF the city bureau.
    """
    place = Place(document.jurisdiction or "未知", document.parent_jurisdiction)
    registry = UnitRegistry()
    issuer_id = _issuer_unit(document, place, registry, overrides)
    resolved_tasks = []
    for task in tasks:
        roles = tuple(_resolve_role(role, place, registry, issuer_id, overrides) for role in task.roles)
        resolved_tasks.append(replace(task, roles=roles))
    return resolved_tasks, sorted(registry.units.values(), key=lambda u: u.id)


def _issuer_unit(
    document: Document,
    place: Place,
    registry: UnitRegistry,
    overrides: dict[tuple[str, str], str] | None,
) -> str | None:
    issuer = re.sub(r"\s+", "", document.issuer)
    if not issuer or "(略)" in issuer:
        return None
    resolution = resolve_name(fold_text(issuer), place, overrides)
    unit_type, kind = classify(resolution.name, UnitKind.DEPARTMENT)
    unit = Unit(
        id=unit_id(resolution.jurisdiction, resolution.name),
        name=resolution.name,
        jurisdiction=resolution.jurisdiction,
        kind=kind,
        unit_type=unit_type,
        aliases=(UnitAlias(document.issuer, "issuer of the document"),),
    )
    registry.add(unit)
    return unit.id


def _resolve_role(
    role: Role,
    place: Place,
    registry: UnitRegistry,
    issuer_id: str | None,
    overrides: dict[tuple[str, str], str] | None,
) -> Role:
    rules: list[str] = []
    if role.unit_kind in (UnitKind.COLLECTIVE, UnitKind.REDACTED):
        name, jurisdiction = role.name, _collective_place(role.name, place)
        resolution = Resolution(name, jurisdiction)
    else:
        resolution = resolve_name(role.name, place, overrides)
    name, jurisdiction = resolution.name, resolution.jurisdiction
    rules.extend(_surface_rules(role))
    rules.extend(resolution.rules)
    parent_id, relation = None, ""
    kind = role.unit_kind
    office_of_bureau = name.startswith("局") and place.jurisdiction.endswith("管理局")
    if role.unit_kind is UnitKind.DIVISION or (office_of_bureau and role.unit_kind is UnitKind.DEPARTMENT):
        kind = UnitKind.DIVISION
        parent_id, relation = issuer_id, "division"
        rules.append("internal division of the issuing body")
    elif resolution.parent_name:
        parent_id = unit_id(resolution.parent_jurisdiction, resolution.parent_name)
        relation = resolution.parent_relation
        parent_type, parent_kind = classify(resolution.parent_name, UnitKind.DEPARTMENT)
        registry.add(
            Unit(
                parent_id,
                resolution.parent_name,
                resolution.parent_jurisdiction,
                parent_kind,
                parent_type,
                (UnitAlias(resolution.parent_name, "parent of a branch"),),
            )
        )
    unit_type, kind = classify(name if not resolution.parent_name else resolution.parent_name, kind)
    uid = unit_id(jurisdiction, name)
    rule = "; ".join(rules) if rules else "same name"
    registry.add(
        Unit(uid, name, jurisdiction, kind, unit_type, (UnitAlias(role.raw, rule),), parent_id, relation)
    )
    return replace(role, name=name, unit_id=uid, unit_kind=kind, written=role.name)


def _collective_place(name: str, place: Place) -> str:
    return place.city if name.startswith("市") else place.jurisdiction


def _surface_rules(role: Role) -> list[str]:
    rules = []
    raw = re.sub(r"\s+", "", role.raw)
    folded = fold_text(raw)
    if folded != raw:
        rules.append("traditional/full-width folded")
    if re.search(r"等(单位|部门)?$", folded):
        rules.append("trailing 等 dropped")
    if role.name.startswith(("市", "区", "县", "局")) and not folded.startswith(role.name[0]):
        rules.append(f"shared prefix {role.name[0]} carried from the list")
    return rules


def read_resource_words(name: str) -> list[str]:
    """Lines of a one-word-per-line resource (used by the jieba dictionary generator)."""
    return [line.strip() for _, line in resource_lines(name)]
