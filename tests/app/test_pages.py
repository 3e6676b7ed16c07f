"""Every explorer page renders on the seeds graph without an exception, shows real seed content,
and its key widgets change what it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP

TIMEOUT = 90


def open_page(page: str | None = None, **state: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [str(c.value) for c in at.caption] + [w.value for w in at.warning] + [e.value for e in at.error]
    return "\n".join(parts)


def frame_values(at: AppTest, column: str) -> list:
    values = []
    for frame in at.dataframe:
        if column in frame.value.columns:
            values.extend(frame.value[column].tolist())
    return values


@pytest.mark.usefixtures("app_env")
class TestPages:
    def test_overview_counts_the_seeds_and_flags_unclear_tasks(self) -> None:
        at = open_page()
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["文档"] == "5" and metrics["任务"] == "182"
        assert "责任不清" in texts(at)
        assert at.title[0].value == "营商环境改革图谱"

    def test_english_toggle_translates_the_page(self) -> None:
        at = open_page()
        at.sidebar.radio(key="language_choice").set_value("English").run()
        assert not at.exception
        assert at.title[0].value == "Business-environment reform graph"
        assert "Documents" in {m.label for m in at.metric}

    def test_units_ranking_and_a_filter_that_narrows_it(self) -> None:
        at = open_page("app_pages/units.py")
        assert frame_values(at, "单位")[0] == "市审批局"
        everyone = len(frame_values(at, "单位"))
        at.selectbox(key="units_jurisdiction").set_value("鄂州市").run()
        assert not at.exception
        narrowed = frame_values(at, "单位")
        assert 0 < len(narrowed) < everyone
        assert "市审批局" in narrowed and "局经发办" not in narrowed

    def test_selected_unit_shows_its_tasks(self) -> None:
        at = open_page("app_pages/units.py")
        at.selectbox(key="units_profile_unit").set_value("unit:鄂州市:市发改委").run()
        assert not at.exception
        assert {m.label: m.value for m in at.metric}["牵头"] == "11"
        assert "全面落实《市场准入负面清单》" in frame_values(at, "标题")

    def test_tasks_search_and_task_page_with_highlighted_annotation(self) -> None:
        at = open_page("app_pages/tasks.py")
        at.text_input(key="tasks_query").set_value("府院联动").run()
        assert not at.exception
        titles = frame_values(at, "标题")
        assert "健全企业破产“府院联动”协调机制" in titles
        page = texts(at)
        assert "<mark" in page and "市牵头单位" in page

    def test_tasks_filters_by_unit_and_deadline(self) -> None:
        import datetime as dt

        at = open_page("app_pages/tasks.py")
        everything = len(frame_values(at, "标题"))
        at.selectbox(key="tasks_unit").set_value("unit:鄂州市:市发改委").run()
        at.date_input(key="tasks_due").set_value((dt.date(2022, 1, 1), dt.date(2022, 6, 30))).run()
        assert not at.exception
        titles = frame_values(at, "标题")
        assert 0 < len(titles) < everything
        assert titles == ["全面落实《市场准入负面清单》", "持续提高办电效率", "压减水电气报装时限"]

    def test_indicators_show_coverage_and_gaps_for_one_document(self) -> None:
        at = open_page("app_pages/indicators.py")
        assert "政务服务" in frame_values(at, "指标")
        documents = at.selectbox(key="indicators_document").options
        at.selectbox(key="indicators_document").set_value(documents[1]).run()
        assert not at.exception
        assert "未覆盖的指标" in texts(at)

    def test_dependencies_show_links_with_evidence(self) -> None:
        at = open_page("app_pages/dependencies.py")
        evidence = [str(e) for e in frame_values(at, "依据")]
        assert any(e.startswith("免证办需要电子证照") for e in evidence)
        everything = len(evidence)
        at.selectbox(key="deps_type").set_value("DEPENDS_ON").run()
        at.selectbox(key="deps_reform").set_value("reform:电子证照").run()
        assert not at.exception
        narrowed = [str(e) for e in frame_values(at, "依据")]
        assert 0 < len(narrowed) < everything
        assert set(frame_values(at, "关联类型")) == {"依赖"}

    def test_documents_list_and_compare(self) -> None:
        at = open_page("app_pages/documents.py")
        titles = frame_values(at, "标题")
        assert "松山新区营商环境建设提升年工作方案" in titles and len(titles) == 5

    def test_qa_lists_redacted_and_missing_leads(self) -> None:
        at = open_page("app_pages/qa.py")
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["牵头单位被删节(略)"] == "9"
        at.selectbox(key="qa_reason").set_value("redacted_only").run()
        assert not at.exception
        assert set(frame_values(at, "reason")) == {"redacted_only"}


def test_missing_graph_file_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFORMKG_GRAPH", str(tmp_path / "none.json"))
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "make run" in at.error[0].value


@pytest.mark.neo4j
def test_neo4j_backend_answers_the_same_and_opens_the_read_only_console(
    neo4j_seeds, neo4j_settings, seeds_graph_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFORMKG_GRAPH", str(seeds_graph_file))
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    embedded = open_page()
    on_file = {m.label: m.value for m in embedded.metric}
    at = open_page()
    at.sidebar.radio(key="backend").set_value("neo4j").run()
    assert not at.exception
    assert "Neo4j" in " ".join(str(c.value) for c in at.sidebar.caption)
    assert {m.label: m.value for m in at.metric} == on_file
    at.switch_page("app_pages/cypher.py").run()
    at.text_area(key="cypher_text").set_value("CREATE (:Task {id: 'task:intruder'})").run()
    at.button(key="cypher_run").click().run()
    assert not at.exception
    assert at.error, "a write statement must be refused"
    at.text_area(key="cypher_text").set_value("MATCH (t:Task) RETURN count(t) AS tasks").run()
    at.button(key="cypher_run").click().run()
    assert frame_values(at, "tasks") == [182]


HOSTILE_PLAN = (
    "鹤壁市2023年优化营商环境工作方案<script>alert(1)</script>\n"
    "一、重点任务\n"
    "（一）压缩开办时间<img src=x onerror=alert(2)>。企业开办压缩至1个工作日。"
    "（牵头单位：市审批局；配合单位：市税务局；完成时限：2023年6月底）\n"
)


def test_hostile_document_text_stays_text_on_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph_build.pipeline import build_graph
    from graph_build.store_networkx import save_graph

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "hostile.txt").write_text(HOSTILE_PLAN, encoding="utf-8")
    graph_file = tmp_path / "graph.json"
    save_graph(build_graph([raw], overrides_path=None).graph, graph_file)
    monkeypatch.setenv("REFORMKG_GRAPH", str(graph_file))
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for page in ("overview", "units", "tasks", "indicators", "dependencies", "documents", "qa"):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.run()
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        for block in [m.value for m in at.markdown]:
            assert "<script" not in block and "<img" not in block, page
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("app_pages/tasks.py").run()
    highlighted = next(m.value for m in at.markdown if "<mark" in m.value)
    assert "&lt;img src=x onerror=alert(2)&gt;" in highlighted
