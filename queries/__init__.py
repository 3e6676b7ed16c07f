"""The catalogue of named queries, each answered by the embedded graph and by Neo4j.

The CLI (`reformkg query`) and the explorer iterate :data:`CATALOGUE`; the parity test runs every
entry on both backends, so a query without both implementations cannot be added.
"""

from __future__ import annotations

from queries import (
    coordination_path,
    deadline_timeline,
    document_compare,
    document_list,
    graph_summary,
    indicator_coverage,
    reform_overview,
    responsibility_overlap,
    search,
    similar_tasks,
    target_list,
    task_dependencies,
    task_detail,
    task_links,
    task_list,
    unassigned_or_vague,
    unit_communities,
    unit_load,
    unit_profile,
)
from queries.base import Backend, Embedded, NamedQuery, Neo4j, as_dict

CATALOGUE: tuple[NamedQuery, ...] = tuple(
    NamedQuery.from_module(module)
    for module in (
        unit_load,
        responsibility_overlap,
        unit_profile,
        indicator_coverage,
        task_dependencies,
        similar_tasks,
        unassigned_or_vague,
        deadline_timeline,
        coordination_path,
        unit_communities,
        search,
        document_compare,
        graph_summary,
        document_list,
        task_detail,
        task_links,
        reform_overview,
        task_list,
        target_list,
    )
)
_BY_NAME = {query.name: query for query in CATALOGUE}


def get_query(name: str) -> NamedQuery:
    """The named query.

    Raises
    ------
    QueryParamError
        No query has that name; the message lists the names there are.
    """
    from graph_build.errors import QueryParamError

    if name not in _BY_NAME:
        raise QueryParamError(f"no query named {name!r}; try one of: {', '.join(sorted(_BY_NAME))}")
    return _BY_NAME[name]


__all__ = ["CATALOGUE", "Backend", "Embedded", "NamedQuery", "Neo4j", "as_dict", "get_query"]
