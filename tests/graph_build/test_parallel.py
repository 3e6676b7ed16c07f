"""Extraction over many files uses worker processes and gives what one process gives, in order."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph_build.pipeline import PARALLEL_MIN_FILES, Failure, extract_all
from graph_build.serialize import extraction_to_dict
from tests.conftest import RAW, ROOT

VARIANTS = ROOT / "tests" / "fixtures" / "variants"


def _corpus(tmp_path: Path) -> list[Path]:
    files = sorted(VARIANTS.glob("*.txt")) + sorted(RAW.glob("*.txt"))
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01" * 50)
    files.insert(7, broken)
    copies = [tmp_path / f"{index:02d}_{path.name}" for index, path in enumerate(files)]
    for source, copy in zip(files, copies, strict=True):
        shutil.copy(source, copy)
    assert len(copies) >= PARALLEL_MIN_FILES
    return copies


def _plain(result) -> object:
    return (
        ("failure", Path(result.file).name, result.reason)
        if isinstance(result, Failure)
        else extraction_to_dict(result)
    )


def test_parallel_extraction_equals_serial_in_the_same_order(tmp_path: Path) -> None:
    files = _corpus(tmp_path)
    seen: list[Path] = []
    parallel = [_plain(r) for r in extract_all(files, workers=2, progress=seen.append)]
    serial = [_plain(r) for r in extract_all(files, workers=1)]
    assert parallel == serial
    assert seen == files
    assert parallel[7][0] == "failure"


def test_errors_survive_the_trip_between_processes() -> None:
    import pickle

    from graph_build.errors import DocumentDecodeError, ResourceFormatError

    for error in (
        DocumentDecodeError("a.txt", "empty file"),
        ResourceFormatError("r.tsv", 3, "unknown meaning"),
    ):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error)
