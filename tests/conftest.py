"""Shared fixtures: the seed documents and their extractions."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_build.model import Extraction
from graph_build.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SEED_FILES = {
    "000": "000_f185dcf26e0eb861.txt",
    "001": "001_823fa8a203438605.txt",
    "002": "002_9fe3945367a3c861.txt",
    "003": "003_9f16241015fbbe58.txt",
    "004": "004_35546647ca30bd67.txt",
}


@pytest.fixture(scope="session")
def seeds() -> dict[str, Extraction]:
    """Each seed document extracted once per test session, by its three-digit prefix."""
    return {key: extract_document(RAW / name) for key, name in SEED_FILES.items()}
