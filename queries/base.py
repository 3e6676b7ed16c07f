"""What a named query is: typed parameters and rows, one implementation per backend."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from graph_build.errors import QueryParamError

if TYPE_CHECKING:
    from neo4j import Driver


class QueryModule(Protocol):
    """The shape of a module in ``queries/``."""

    NAME: str
    TITLE_ZH: str
    TITLE_EN: str
    DESCRIPTION: str
    Params: type
    Row: type

    def run_networkx(self, G: nx.MultiDiGraph, params: Any) -> list[Any]: ...

    def run_neo4j(self, driver: Driver, params: Any, *, database: str) -> list[Any]: ...


@dataclass(frozen=True, slots=True)
class Embedded:
    """The embedded backend: a networkx graph in memory."""

    G: nx.MultiDiGraph
    name: str = "embedded"


@dataclass(frozen=True, slots=True)
class Neo4j:
    """The Neo4j backend: a driver and the database to ask."""

    driver: Driver
    database: str
    name: str = "neo4j"


Backend = Embedded | Neo4j


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One catalogue entry: a question with a Chinese and English title and two implementations."""

    name: str
    title_zh: str
    title_en: str
    description: str
    params_type: type
    row_type: type
    run_networkx: Callable[[nx.MultiDiGraph, Any], list[Any]]
    run_neo4j: Callable[..., list[Any]]

    @classmethod
    def from_module(cls, module: Any) -> NamedQuery:
        return cls(
            name=module.NAME,
            title_zh=module.TITLE_ZH,
            title_en=module.TITLE_EN,
            description=module.DESCRIPTION,
            params_type=module.Params,
            row_type=module.Row,
            run_networkx=module.run_networkx,
            run_neo4j=module.run_neo4j,
        )

    def run(self, backend: Backend, params: Any | None = None) -> list[Any]:
        """Rows of this query on ``backend``; ``params`` default to the query's defaults."""
        params = params if params is not None else self.params_type()
        if isinstance(backend, Embedded):
            return self.run_networkx(backend.G, params)
        return self.run_neo4j(backend.driver, params, database=backend.database)

    def parse_params(self, pairs: Mapping[str, str]) -> Any:
        """Typed parameters from ``key=value`` strings (the CLI and the app use this).

        Raises
        ------
        QueryParamError
            An unknown key or a value of the wrong type, named in the message.
        """
        hints = typing.get_type_hints(self.params_type)
        known = {f.name for f in dataclasses.fields(self.params_type)}
        values: dict[str, Any] = {}
        for key, raw in pairs.items():
            if key not in known:
                raise QueryParamError(
                    f"{self.name}: unknown parameter {key!r}; known: {', '.join(sorted(known))}"
                )
            values[key] = _convert(self.name, key, raw, hints[key])
        return self.params_type(**values)

    def param_fields(self) -> list[tuple[str, str, Any]]:
        """``(name, type name, default)`` of each parameter, for listings and forms."""
        hints = typing.get_type_hints(self.params_type)
        return [(f.name, _type_name(hints[f.name]), f.default) for f in dataclasses.fields(self.params_type)]


def _type_name(hint: Any) -> str:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if args else hint
    return getattr(base, "__name__", str(base))


def _convert(query: str, key: str, raw: str, hint: Any) -> Any:
    optional = type(None) in typing.get_args(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    target = args[0] if (optional or isinstance(hint, types.UnionType)) and args else hint
    if optional and raw.strip().lower() in ("", "none", "null"):
        return None
    try:
        if target is bool:
            if raw.lower() in ("1", "true", "yes", "y", "是"):
                return True
            if raw.lower() in ("0", "false", "no", "n", "否"):
                return False
            raise ValueError(raw)
        if target is int:
            return int(raw)
        if target is float:
            return float(raw)
        return str(raw)
    except ValueError as exc:
        raise QueryParamError(f"{query}: parameter {key}={raw!r} is not a {_type_name(hint)}") from exc


def as_dict(row: Any) -> dict[str, Any]:
    """A row as a plain dict (for JSON, CSV and tables)."""
    return dataclasses.asdict(row)
