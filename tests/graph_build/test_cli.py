"""The command line: extract as a table and as the JSON contract, build with failures reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph_build.cli import main
from graph_build.store_networkx import load_graph
from tests.conftest import RAW, SEED_FILES

TASK_KEYS = {
    "id",
    "number",
    "path",
    "title",
    "text",
    "parent_id",
    "kind",
    "lead_units",
    "assist_units",
    "section_lead_units",
    "deadline",
    "targets",
    "indicators",
    "cited_policies",
    "span",
}


def test_extract_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(RAW / SEED_FILES["004"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"document", "tasks", "warnings"}
    assert set(data["document"]) == {"id", "title", "issuer", "jurisdiction", "year", "script", "doc_type"}
    assert all(set(task) >= TASK_KEYS for task in data["tasks"])
    first = data["tasks"][0]
    unit = "unit:石嘴山市:市审批局"
    lead = {"name": "市审批局", "written": "市审批局", "raw": "市审批局", "unit_id": unit}
    assert first["lead_units"] == [{**lead, "scope": "task"}]
    assert first["section_lead_units"] == [lead]
    assert [(i["name"], i["basis"]) for i in first["indicators"]] == [("开办企业", "keywords")]
    assert first["targets"] == [
        {
            "raw": "拓展至14个",
            "metric": "“一业一照一码”改革行业",
            "comparator": ">=",
            "value": 14.0,
            "unit": "个",
        }
    ]
    assert {"code", "message", "task_id"} == set(data["warnings"][0])
    no_own_lead = next(t for t in data["tasks"] if t["number"] == "36")
    assert [(u["name"], u["scope"]) for u in no_own_lead["lead_units"]] == [("市自然资源局", "section")]


def test_extract_json_deadline_and_span(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(RAW / SEED_FILES["000"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    task = data["tasks"][1]
    assert task["deadline"] == {
        "raw": "2022年4月底,长期坚持",
        "date": "2022-04-30",
        "kind": "due_and_ongoing",
    }
    text = (RAW / SEED_FILES["000"]).read_text(encoding="utf-8")
    start, end = task["span"]
    assert text[start:end].startswith("(二)全面落实《市场准入负面清单》")


def test_extract_table_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(RAW / SEED_FILES["002"])]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "松山新区营商环境建设提升年工作方案"
    assert "区科创营商局" in out and "37" not in out.splitlines()[0]


def test_extract_unreadable_file_is_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["extract", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0
    assert "empty.txt" in err and "Traceback" not in err


def test_build_writes_graph_and_reports_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in SEED_FILES.values():
        shutil.copy(RAW / name, raw / name)
    (raw / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "graph.json"
    assert main(["build", str(raw), "--out", str(out), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "broken.txt" in captured.err and "PNG" in captured.err
    assert "5 documents" in captured.out
    graph = load_graph(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"nodes", "edges"} <= set(data)
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert {"Policy", "Task", "Unit"} <= labels


def test_build_of_nothing_readable_fails_and_keeps_the_old_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "graph.json"
    out.write_text('{"previous": true}', encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("", encoding="utf-8")
    assert main(["build", str(raw), "--out", str(out), "--quiet"]) == 1
    assert out.read_text(encoding="utf-8") == '{"previous": true}'
    assert "nothing could be built" in capsys.readouterr().err


def test_add_puts_one_document_into_the_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from graph_build.store_networkx import load_graph

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / SEED_FILES["000"], raw / SEED_FILES["000"])
    graph = tmp_path / "graph.json"
    assert main(["build", str(raw), "--out", str(graph), "--quiet"]) == 0
    assert main(["add", str(RAW / SEED_FILES["003"]), "--graph", str(graph), "--raw-dir", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "24 tasks, added as" in out
    documents = [d for _, d in load_graph(graph).nodes(data=True) if d.get("is_source")]
    assert len(documents) == 2
    assert main(["add", str(tmp_path / "missing.txt"), "--graph", str(graph), "--raw-dir", str(raw)]) != 0
    assert "missing.txt" in capsys.readouterr().err
