"""Small view helpers shared by the pages: tables with a CSV download, option lists."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import streamlit as st

from explorer.i18n import t

EMPTY = "—"  # what a missing value shows as (not "None")


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return value


def table(
    rows: list[dict[str, Any]],
    *,
    key: str,
    columns: Sequence[str] | None = None,
    labels: dict[str, str] | None = None,
    height: int | None = None,
    select: str | None = None,
) -> Any:
    """A table of ``rows`` and a button that downloads exactly those rows as CSV (UTF-8 with BOM,
    so Excel opens Chinese text correctly).

    With ``select`` (a column name), a click on a row selects it and the row's value in that
    column is returned; otherwise None.
    """
    if not rows:
        st.info(t("none_found"))
        return None
    columns = list(columns or rows[0].keys())
    labels = labels or {}
    shown = [{labels.get(c, c): _cell(row.get(c)) for c in columns} for row in rows]
    chosen = None
    if select:
        state = st.dataframe(
            shown,
            width="stretch",
            hide_index=True,
            height=height if height else "auto",
            placeholder=EMPTY,
            key=f"table-{key}",
            on_select="rerun",
            selection_mode="single-row",
        )
        picked = state.selection.rows if state is not None else []
        chosen = rows[picked[0]].get(select) if picked and picked[0] < len(rows) else None
    else:
        st.dataframe(
            shown, width="stretch", hide_index=True, height=height if height else "auto", placeholder=EMPTY
        )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else _cell(row.get(c)) for c in columns})
    st.download_button(
        t("download_csv"),
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"download-{key}",
    )
    return chosen


def choose(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    names: dict[str, str] | None = None,
    include_all: bool = True,
) -> str | None:
    """A selectbox over ``options`` (ids) shown by ``names``; the "all" choice returns None."""
    names = names or {}
    values: list[str | None] = ([None] if include_all else []) + list(options)
    choice = st.selectbox(
        label, values, key=key, format_func=lambda v: t("all") if v is None else names.get(v, v)
    )
    return choice
