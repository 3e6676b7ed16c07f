"""Who the synthetic plans name: jurisdictions from the gazetteer and each one's own unit spellings."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache

from graph_build.resources import places, tsv_rows, unit_suffixes

# A name starting with one of these reads as carrying a level prefix (市中区, 区… , 局…).
LEVEL_CHARS = frozenset("市区县省州旗局")


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A city, district or county that issues plans; ``prefix`` is how its units begin."""

    code: str
    name: str
    level: str  # city / district / county
    city: str  # the city itself, or the city above a district or county
    province: str

    @property
    def prefix(self) -> str:
        return {"city": "市", "district": "区", "county": "县"}[self.level]

    @property
    def stem(self) -> str:
        """襄阳 for 襄阳市, 樊城 for 樊城区: companies and branches are named with it."""
        return self.name[:-1]

    @property
    def title_place(self) -> str:
        """Titles name a district with its city (襄阳市樊城区) so the place is unambiguous."""
        return self.name if self.level == "city" else self.city + self.name


@cache
def jurisdiction_tree() -> tuple[tuple[Jurisdiction, tuple[Jurisdiction, ...]], ...]:
    """Prefecture-level cities named …市, each with its districts (…区) and counties (…县).

    Places whose name starts with a level character (市中区) or is too short to have a stem
    (城区) are left out: a plan could not name their units unambiguously. Provincial-level
    municipalities are left out too: their districts' plans sit under a province, not a city.
    """
    rows = places()
    provinces = {p.name for p in rows if p.level == "province"}
    cities = {
        p.name: p
        for p in rows
        if p.level == "city" and p.name.endswith("市") and p.parent in provinces and len(p.name) <= 4
    }
    children: dict[str, list[Jurisdiction]] = {name: [] for name in cities}
    for place in rows:
        if (
            place.level == "county"
            and place.parent in cities
            and place.name[-1] in "区县"
            and 3 <= len(place.name) <= 4
            and place.name[0] not in LEVEL_CHARS
        ):
            level = "district" if place.name.endswith("区") else "county"
            city = cities[place.parent]
            children[city.name].append(Jurisdiction(place.code, place.name, level, city.name, city.parent))
    tree = []
    for name, city in sorted(cities.items(), key=lambda item: item[1].code):
        kids = tuple(sorted(children[name], key=lambda j: j.code))
        if kids and name[0] not in LEVEL_CHARS:
            tree.append((Jurisdiction(city.code, name, "city", name, city.parent), kids))
    return tuple(tree)


@dataclass(frozen=True, slots=True)
class Holder:
    """A unit as a plan names it.

    ``written`` is the name the extractor should produce (simplified, prefix carried, 等
    dropped): the truth. ``canonical`` is its resolved name (市发改委 for 市发展改革委).
    ``short`` is how a list may write it after another unit of the same level (人社局 after
    市公安局), empty when real plans always write it in full.
    """

    written: str
    canonical: str
    short: str = ""
    collective: bool = False

    @property
    def prefix(self) -> str:
        return self.written[0] if self.short else ""


# Department keys → canonical core at city level and below; None where that level has none.
# 发改委 (city) and 发改局 (county) are different canonicals in the alias table on purpose.
DEPARTMENTS: dict[str, tuple[str | None, str | None]] = {
    "发改": ("发改委", "发改局"),
    "审批": ("审批局", "审批局"),
    "市场监管": ("市场监管局", "市场监管局"),
    "人社": ("人社局", "人社局"),
    "住建": ("住建局", "住建局"),
    "自然资源": ("自然资源局", "自然资源局"),
    "卫健": ("卫健委", "卫健委"),
    "工信": ("工信局", "工信局"),
    "教育": ("教育局", "教体局"),
    "文旅": ("文旅局", "文旅局"),
    "生态环境": ("生态环境局", None),
    "医保": ("医保局", "医保局"),
    "公积金": ("公积金中心", None),
    "税务": ("税务局", "税务局"),
    "商务": ("商务局", "商务局"),
    "交通": ("交通局", "交通局"),
    "水务": ("水务局", "水务局"),
    "应急": ("应急局", "应急局"),
    "政务服务": ("政务服务中心", "政务服务中心"),
    "优化办": ("优化办", "优化办"),
    "大数据": ("大数据局", "大数据局"),
    "政府办": ("政府办", "政府办"),
    "城管": ("城管局", "城管局"),
    "农业农村": ("农业农村局", "农业农村局"),
    "投资促进": ("投资促进局", None),
    "金融": ("金融局", None),
    "科技": ("科技局", "科技局"),
    "司法": ("司法局", "司法局"),
    "财政": ("财政局", "财政局"),
    "公安": ("公安局", "公安局"),
    "民政": ("民政局", "民政局"),
    "统计": ("统计局", "统计局"),
    "公共资源交易": ("公共资源交易中心", "公共资源交易中心"),
    "不动产": ("不动产登记中心", "不动产登记中心"),
    "消防": ("消防救援支队", "消防救援大队"),
    "人防": ("人防办", None),
    "法院": ("法院", "法院"),
    "检察院": ("检察院", "检察院"),
}
# Holders named after the place rather than by a prefix: utilities, banks, customs, parks.
SPECIALS = frozenset({"power", "water", "gas", "pboc", "cbirc", "customs", "park"})
COLLECTIVE = "collective"
# Plans write a bureau's short form after another bureau (市公安局、人社局) but courts and
# procuratorates always in full.
_SHORTENS = ("局", "委", "办", "中心")
_NEVER_SHORT = frozenset({"法院", "检察院"})
# Spellings that belong to another level of government (…厅, 高级人民法院) or that no plan
# would put behind a level prefix (中国人民银行).
_FOREIGN_SPELLING = re.compile(r"厅|高级|中国|人行")
_CITY_ONLY_SPELLING = re.compile(r"中级|中院")

COLLECTIVES = {
    "city": ("市直各相关部门", "各县区政府", "各县(市、区)人民政府", "市直有关单位", "各有关单位"),
    "district": ("区直各相关部门", "各街道办事处", "各镇、街道", "区直相关单位", "各有关单位"),
    "county": ("县直各相关部门", "各乡镇人民政府", "县直有关单位", "各乡镇、街道", "各有关单位"),
}
# Who a 牵头领导 segment names: a person's office, not a unit.
LEADERS = {"city": "市政府分管副市长", "district": "区政府分管副区长", "county": "县政府分管副县长"}


@cache
def canonical_spellings() -> dict[str, tuple[str, ...]]:
    """Canonical core → its spellings (canonical first) from unit_aliases.tsv."""
    suffixes = unit_suffixes()
    spellings: dict[str, list[str]] = {}
    for _, (variant, canonical) in tsv_rows("unit_aliases.tsv", 2):
        variant, canonical = variant.strip(), canonical.strip()
        spellings.setdefault(canonical, [canonical])
        if (
            variant != canonical
            and variant.endswith(suffixes)
            and not _FOREIGN_SPELLING.search(variant)
            and variant not in spellings[canonical]
        ):
            spellings[canonical].append(variant)
    return {k: tuple(v) for k, v in spellings.items()}


class Roster:
    """The unit names of one jurisdiction: each department spelled the way this place spells it.

    Each choice is seeded by the corpus seed, the place's code and the unit, so every plan of a
    place spells its bureaus alike (市发展改革委 here, 市发改委 next door) — as real places do —
    whichever plans of the place a corpus holds and in whatever order they are written.
    """

    def __init__(self, place: Jurisdiction, seed: int) -> None:
        self.place = place
        self.seed = seed
        self._chosen: dict[str, str] = {}
        self._spellings: dict[str, tuple[str, ...]] = {}
        self._specials: dict[str, Holder] = {}

    def _choice(self, key: str) -> random.Random:
        return random.Random(f"reformkg-synth:{self.seed}:roster:{self.place.code}:{key}")

    def core(self, key: str) -> str | None:
        city_core, local_core = DEPARTMENTS[key]
        return city_core if self.place.level == "city" else local_core

    def spellings(self, key: str) -> tuple[str, ...]:
        if key not in self._spellings:
            core = self.core(key)
            found = canonical_spellings().get(core, (core,)) if core else ()
            if self.place.level != "city":
                found = tuple(s for s in found if not _CITY_ONLY_SPELLING.search(s))
            self._spellings[key] = found
        return self._spellings[key]

    def department(
        self, key: str, rng: random.Random | None = None, *, variant: float = 0.0
    ) -> Holder | None:
        """This place's name for a department; now and then (``variant``) another spelling."""
        core = self.core(key)
        if core is None:
            return None
        options = self.spellings(key)
        if key not in self._chosen:
            # The short canonical is what most places write; the long forms share the rest.
            choice = self._choice(key)
            self._chosen[key] = core if choice.random() < 0.5 else choice.choice(options)
        spelling = self._chosen[key]
        if rng is not None and len(options) > 1 and rng.random() < variant:
            spelling = rng.choice(options)
        prefix = self.place.prefix
        # 市民服务中心 cannot lose its prefix: what is left would read as a prefixed name.
        shortens = spelling.endswith(_SHORTENS) and spelling[0] not in LEVEL_CHARS
        short = spelling if shortens and key not in _NEVER_SHORT else ""
        return Holder(prefix + spelling, prefix + core, short)

    def special(self, key: str) -> Holder | None:
        """Companies, banks, customs and parks: named with the place's stem, never prefixed.
        Banks and their regulator have branches in cities only."""
        if key in ("pboc", "cbirc") and self.place.level != "city":
            return None
        if key not in self._specials:
            stem, city_stem = self.place.stem, self.place.city[:-1]
            options = {
                "power": (f"国网{stem}供电公司", f"{stem}供电公司"),
                "water": (f"{stem}自来水公司", f"{stem}水务集团"),
                "gas": (f"{stem}燃气公司", f"{stem}燃气集团"),
                "pboc": (f"人民银行{self.place.city}中心支行",),
                "cbirc": (f"{city_stem}银保监分局",),
                "customs": (f"{city_stem}海关",),
                "park": ("高新区管委会", f"{stem}经济开发区管委会"),
            }[key]
            name = self._choice(key).choice(options)
            self._specials[key] = Holder(name, name)
        return self._specials[key]

    def collective(self, rng: random.Random) -> Holder:
        name = rng.choice(COLLECTIVES[self.place.level])
        return Holder(name, name, collective=True)

    def holder(self, key: str, rng: random.Random, *, variant: float = 0.0) -> Holder | None:
        """The holder a vocabulary key names here, or None when this level has no such unit."""
        if key in DEPARTMENTS:
            return self.department(key, rng, variant=variant)
        if key == COLLECTIVE:
            return self.collective(rng)
        return self.special(key)

    @property
    def leader(self) -> str:
        return LEADERS[self.place.level]
