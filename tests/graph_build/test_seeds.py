"""The five real seed documents: task counts, metadata, and tasks checked field by field.

Expected values were read off the source lines by hand, not copied from the parser's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph_build.model import DeadlineKind, DocType, Extraction, Script, Task, TaskKind, UnitKind


def task_at(extraction: Extraction, path: str) -> Task:
    matches = [t for t in extraction.tasks if t.path == path]
    assert len(matches) == 1, f"no single task at {path}"
    return matches[0]


def names(roles: tuple) -> list[str]:
    """Units as the document names them (normalised spelling, before alias resolution)."""
    return [r.written for r in roles]


@pytest.mark.parametrize(("seed", "count"), [("000", 29), ("002", 37), ("003", 24), ("004", 73)])
def test_top_level_task_counts_match_the_documents(
    seeds: dict[str, Extraction], seed: str, count: int
) -> None:
    top_level = [t for t in seeds[seed].tasks if t.parent_id is None]
    assert len(top_level) == count


@pytest.mark.parametrize(
    ("seed", "title", "issuer", "jurisdiction", "parent", "year", "script", "doc_type"),
    [
        (
            "000",
            "市发改委2022年优化营商环境工作方案",
            "市发改委",
            "鄂州市",
            "湖北省",
            2022,
            Script.SIMPLIFIED,
            DocType.PLAN,
        ),
        (
            "002",
            "松山新区营商环境建设提升年工作方案",
            "松山新区管理委员会",
            "松山新区",
            "锦州市",
            2021,
            Script.TRADITIONAL,
            DocType.PLAN,
        ),
        (
            "003",
            "湾里管理局关于持续推进营商环境优化升级“一号改革工程”2023年行动方案",
            "湾里管理局",
            "湾里管理局",
            "南昌市",
            2023,
            Script.SIMPLIFIED,
            DocType.PLAN,
        ),
        (
            "004",
            "(略) 2023年营商环境提升行动工作方案",
            "(略)优化营商环境工作领导小组办公室",
            "石嘴山市",
            "宁夏回族自治区",
            2023,
            Script.SIMPLIFIED,
            DocType.PLAN,
        ),
    ],
)
def test_document_metadata(
    seeds: dict[str, Extraction],
    seed: str,
    title: str,
    issuer: str,
    jurisdiction: str,
    parent: str,
    year: int,
    script: Script,
    doc_type: DocType,
) -> None:
    doc = seeds[seed].document
    assert (doc.title, doc.issuer, doc.jurisdiction, doc.parent_jurisdiction) == (
        title,
        issuer,
        jurisdiction,
        parent,
    )
    assert (doc.year, doc.script, doc.doc_type) == (year, script, doc_type)


def test_plan_year_is_not_the_mistaken_publishing_date(seeds: dict[str, Extraction]) -> None:
    doc = seeds["004"].document
    assert doc.published == dt.date(2022, 2, 7)
    assert doc.year == 2023


def test_document_numbers_are_read(seeds: dict[str, Extraction]) -> None:
    assert "锦委发﹝2020﹞13号" in seeds["002"].document.doc_numbers
    assert "鄂州办发〔2022〕2号" in seeds["000"].document.doc_numbers


# --- seed 000: 责任科室 divisions and 市牵头单位 are both leads --------------------------------


def test_000_first_task_deadline_before_plan_year_is_flagged(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["000"], "2.1")
    assert (task.number, task.title) == ("(一)", "牵头做好全市优化营商环境工作")
    assert names(task.lead_roles) == ["体改科", "市优化办"]
    assert task.lead_roles[0].unit_kind is UnitKind.DIVISION
    assert task.lead_roles[0].label == "责任科室"
    assert task.lead_roles[1].label == "市牵头单位"
    assert task.assist_roles == ()
    assert task.deadline is not None
    assert (task.deadline.raw, task.deadline.date) == ("2021年4月", dt.date(2021, 4, 30))
    codes = {(w.code, w.task_id) for w in seeds["000"].warnings}
    assert ("deadline_before_plan_year", task.id) in codes


def test_000_date_followed_by_long_term_is_due_and_ongoing(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["000"], "2.2")
    assert task.title == "全面落实《市场准入负面清单》"
    assert names(task.lead_roles) == ["体改科", "市发改委", "市商务局"]
    assert task.deadline.raw == "2022年4月底,长期坚持"
    assert task.deadline.date == dt.date(2022, 4, 30)
    assert task.deadline.kind is DeadlineKind.DUE_AND_ONGOING


def test_000_several_city_leads(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["000"], "2.5")
    assert (task.number, task.title) == ("(五)", "压减水电气报装时限")
    assert names(task.lead_roles) == ["能源办", "市水利局", "市发改委", "市住建局"]
    assert task.deadline.date == dt.date(2022, 3, 31)
    assert task.deadline.kind is DeadlineKind.DUE_AND_ONGOING


def test_000_descriptive_division_list_is_collective(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["000"], "2.7")
    assert task.title == "全面推行惠企政策免申即享和精准推送"
    assert names(task.lead_roles) == [
        "体改科",
        "服务业科",
        "投资科",
        "其它向企业兑现财政资金的科室",
        "市财政局",
        "市行政审批局",
        "市经信局",
    ]
    assert task.lead_roles[3].unit_kind is UnitKind.COLLECTIVE


def test_000_ongoing_only_deadline_has_no_date(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["000"], "2.13")
    assert task.title == "健全企业破产“府院联动”协调机制"
    assert names(task.lead_roles) == ["体改科", "市法院", "市发改委"]
    assert (task.deadline.raw, task.deadline.date, task.deadline.kind) == (
        "及时推进,长期坚持",
        None,
        DeadlineKind.ONGOING,
    )


def test_000_trailing_deng_is_dropped_but_kept_in_raw(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["000"], "2.28")
    assert task.number == "(二十八)"
    city_lead = task.lead_roles[1]
    assert (city_lead.written, city_lead.raw) == ("市优化办", "市优化办等")


# --- seed 002: traditional characters, 。-separated labels ---------------------------------


def test_002_traditional_units_are_simplified_and_raw_kept(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["002"], "3.1.1")
    assert (task.number, task.title) == ("1", "持續向鄉鎮(街道)、村(社區)賦權")
    lead = task.lead_roles[0]
    assert (lead.written, lead.raw) == ("区科创营商局", "區科創營商局")
    assert names(task.assist_roles) == ["区直各相关部门", "街道办事处"]
    assert task.deadline.date == dt.date(2021, 10, 31)


def test_002_unlabelled_deadline_after_a_label(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["002"], "3.1.12")
    assert names(task.lead_roles) == ["区科创营商局", "区工管委办公室"]
    assert names(task.assist_roles) == ["区直相关单位"]
    assert (task.deadline.raw, task.deadline.date) == ("2021年12月底", dt.date(2021, 12, 31))


def test_002_responsible_units_beside_a_lead_label_assist(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["002"], "3.2.3")
    assert task.title == "加強知識產權保護和應用"
    assert names(task.lead_roles) == ["区政法委", "区市场监管局"]
    assert names(task.assist_roles) == ["区法庭", "区检察室", "区公安分局"]


def test_002_shared_district_prefix_propagates(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["002"], "3.1.4")
    assert names(task.assist_roles) == [
        "高新税务局",
        "区发改局",
        "区财政局",
        "区社会事业发展局",
        "区市场监管局",
        "区社保分局",
    ]


def test_002_problem_categories_are_not_tasks(seeds: dict[str, Extraction]) -> None:
    titles = [t.title for t in seeds["002"].tasks]
    assert not any("職責落實方面" in t or "說了等于做了" in t for t in titles)
    assert not any(t.path.startswith("3.5") for t in seeds["002"].tasks)


# --- seed 003: missing parenthesis, scoped leads -------------------------------------------


def test_003_broken_number_is_repaired_and_warned(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["003"], "1.11")
    assert (task.number, task.title) == ("(十一)", "劳动力市场监管")
    assert names(task.lead_roles) == ["局人社办"]
    assert "numbering_malformed" in {w.code for w in seeds["003"].warnings}


def test_003_unclosed_annotation_still_gives_units(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["003"], "1.3")
    assert names(task.lead_roles) == ["湾里供电公司"]
    assert names(task.assist_roles) == [
        "局经发办",
        "局景城管理办",
        "市自规局湾里分局",
        "局财政办",
        "各镇、街道",
        "洗药湖管理处",
        "罗亭工业园",
    ]
    assert ("unclosed_annotation", task.id) in {(w.code, w.task_id) for w in seeds["003"].warnings}


def test_003_collective_town_holder_kept_whole(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["003"], "1.10")
    assert (task.number, task.title, names(task.lead_roles), task.assist_roles) == (
        "(十)",
        "执行合同",
        ["局社稳办"],
        (),
    )
    first = task_at(seeds["003"], "1.1")
    assert names(first.assist_roles) == ["各镇、街道", "洗药湖管理处", "罗亭工业园"]
    assert first.assist_roles[0].unit_kind is UnitKind.COLLECTIVE


def test_003_scoped_leads_keep_their_scope(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["003"], "2.6")
    assert task.title == "持续深化四大专项治理"
    assert [(r.written, r.scope) for r in task.lead_roles] == [
        ("局经发办", "“新官不理旧账”、招标投标领域专项治理"),
        ("局行政审批办", "行政审批中介服务专项治理"),
        ("局纪检监察工委", "营商环境领域腐败和作风问题专项治理"),
    ]


def test_003_general_closing_section_has_no_tasks(seeds: dict[str, Extraction]) -> None:
    assert not any(t.path.startswith("3.") for t in seeds["003"].tasks)


# --- seed 004: repeated text, section leads, redactions, sub-tasks ---------------------------


def test_004_repeated_page_text_is_read_once(seeds: dict[str, Extraction]) -> None:
    assert "repeated_text" in {w.code for w in seeds["004"].warnings}
    assert len({t.id for t in seeds["004"].tasks}) == len(seeds["004"].tasks)


def test_004_duplicate_and_jumping_numbers_keep_every_task(seeds: dict[str, Extraction]) -> None:
    numbers = [t.number for t in seeds["004"].tasks if t.parent_id is None]
    assert numbers.count("2") == 2
    assert "39" not in numbers and "45" in numbers
    codes = [w.code for w in seeds["004"].warnings]
    assert "numbering_duplicate" in codes and "numbering_gap" in codes


def test_004_section_lead_applies_and_responsible_alone_leads(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["004"], "2.1.2")
    assert (task.number, task.title) == ("2", "打造企业开办“一件事”升级版")
    assert names(task.lead_roles) == ["市审批局"]
    assert names(task.section_lead_roles) == ["市审批局"]
    assert names(task.assist_roles) == ["市公安局", "市人社局", "市税务局", "市住房公积金中心", "各县区政府"]
    assert [r.raw for r in task.assist_roles][:3] == ["市公安局", "人社局", "税务局"]


def test_004_redacted_lead_is_a_redacted_unit(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["004"], "2.1.3")
    assert task.title == "便利企业银行开户"
    assert names(task.lead_roles) == ["石嘴山银保监分局", "(略)中心支行"]
    assert task.lead_roles[1].unit_kind is UnitKind.REDACTED
    assert names(task.assist_roles) == ["各商业银行"]


def test_004_annotation_on_its_own_line_belongs_to_the_task(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["004"], "2.3.4")
    assert task.number == "23"
    assert names(task.lead_roles) == ["市审批局"]
    assert names(task.assist_roles) == ["市工程建设项目审批制度改革领导小组成员单位", "各县区政府"]


def test_004_task_without_annotation_gets_only_the_section_lead(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["004"], "2.6.1")
    assert (task.number, task.title) == ("36", "提升财产登记质效")
    assert task.lead_roles == ()
    assert names(task.section_lead_roles) == ["市自然资源局"]


def test_004_redacted_section_lead(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["004"], "2.12.1")
    assert names(task.lead_roles) == ["市(略)"]
    assert names(task.section_lead_roles) == ["市(略)"]
    assert names(task.assist_roles) == ["市司法局", "各县区政府"]


def test_004_one_closing_annotation_covers_all_sub_items(seeds: dict[str, Extraction]) -> None:
    task = task_at(seeds["004"], "2.14.5")
    assert task.number == "77"
    assert names(task.lead_roles) == ["市教体局", "市卫健委", "市民政局", "市交通局"]
    assert not [t for t in seeds["004"].tasks if t.parent_id == task.id]


def test_004_sub_items_with_their_own_units_are_subtasks(seeds: dict[str, Extraction]) -> None:
    parent = task_at(seeds["004"], "2.14.6")
    children = [t for t in seeds["004"].tasks if t.parent_id == parent.id]
    assert [(c.number, c.kind, names(c.lead_roles)) for c in children] == [
        ("(1)", TaskKind.SUBTASK, ["高新区管委会"]),
        ("(2)", TaskKind.SUBTASK, ["经开区管委会"]),
        ("(3)", TaskKind.SUBTASK, ["平罗工业园区"]),
    ]
    assert children[1].title == "石嘴山经开区打造科创特色营商环境"
    assert all(names(c.section_lead_roles) == ["市发改委"] for c in children)


# --- seed 001: a narrative report ------------------------------------------------------------


def test_001_report_measures_with_achieved_figures(seeds: dict[str, Extraction]) -> None:
    extraction = seeds["001"]
    assert extraction.document.doc_type is DocType.REPORT
    assert extraction.document.jurisdiction == "武汉市"
    assert all(t.kind is TaskKind.MEASURE for t in extraction.tasks)
    titles = [t.title for t in extraction.tasks]
    assert titles[:4] == ["强化组织领导", "加强顶层设计", "完善工作机制", "营造良好氛围"]
    assert "实施电力报装革命" in titles and "畅通政务渠道" in titles
    assert len(titles) == 16
    power = next(t for t in extraction.tasks if t.title == "实施电力报装革命")
    assert power.targets and all(target.achieved for target in power.targets)
    assert (power.targets[0].value, power.targets[0].unit) == (45.0, "工作日")


# --- provenance -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_every_role_span_points_at_its_raw_text(seeds: dict[str, Extraction], seed: str) -> None:
    extraction = seeds[seed]
    for task in extraction.tasks:
        assert extraction.text[task.span.start : task.span.end].strip()
        for role in task.roles:
            assert extraction.text[role.span.start : role.span.end].strip() == role.raw
