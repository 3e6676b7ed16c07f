"""The explorer's support code: language, cached data access, graph views. Pages stay thin."""

from __future__ import annotations

import importlib
import threading

_IMPORT_LOCK = threading.Lock()
# Imported once, under one lock: two browser sessions that start together would otherwise import
# pandas in two script threads at once and one of them can see it half-initialised.
HEAVY_MODULES = ("pandas", "pyarrow", "altair", "pyvis.network")


def import_heavy_modules() -> None:
    with _IMPORT_LOCK:
        for name in HEAVY_MODULES:
            importlib.import_module(name)
