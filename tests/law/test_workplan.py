"""Reading a 政务公开工作要点: seed 002 read by hand and by the parser must agree, task by task; timing phrases, notes,
numbering styles and department names as tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.law.duties import DueRule, Recurrence
from gongkai.law.workplan import (
    ALL_DEPARTMENTS,
    DepartmentRef,
    chinese_number,
    chinese_numeral,
    describe_rule,
    match_department,
    parse_plan,
    read_note,
    responsibilities_of,
    timings_of,
)

SEED_002 = Path(__file__).resolve().parents[2] / "gongkai" / "workplan" / "data" / "seed_002.txt"
ALL = ALL_DEPARTMENTS
D = dt.date
Q_SAME = DueRule(Recurrence.QUARTERLY, months_after=0)  # "每季度组织召开1次例行新闻发布会"
Q_2ND_MONTH = DueRule(Recurrence.QUARTERLY, months_after=2)  # "在下一季度第2月底前公开上一季度有关情况"
H_2ND_MONTH = DueRule(Recurrence.HALF_YEARLY, months_after=2)  # "分别于8月底前和下一年度2月底前"
M_SAME = DueRule(Recurrence.MONTHLY, months_after=0)  # "民政事业统计表按月及时在对应栏目中公开"

# Seed 002 read by hand: (group, number, heading starts with, leads, cooperating, timings).
# 5 groups: 一 (（一）–（五）), 二 (（六）–（八）), 三 (（九）–（十一）), 四 (（十二）–（十三）), 五 (（十四）–（十八）): 18 tasks.
SEED_TABLE = [
    (1, 1, "持续做好民政政策文件公开工作", ("办公室",), (ALL,), ()),
    (1, 2, "及时调整公开部门权责清单", ("政策法规科",), (ALL,), ()),
    (1, 3, "认真做好人大代表建议和政协委员提案办理结果公开工作", ("办公室",), (ALL,), ()),
    (1, 4, "全面实施“双随机、一公开”监管", ("政策法规科",), (ALL,), ()),
    # three notes: 新闻发布会 (办公室牵头，各科室配合), 解读 (各科室负责), 舆情回应 (办公室牵头，各科室配合)
    (1, 5, "加强政策解读和舆情回应工作", ("办公室", ALL), (), (Q_SAME,)),
    (2, 6, "做好困难群众基本生活保障信息公开", ("社救办", "救灾科"), (), (Q_2ND_MONTH, H_2ND_MONTH)),
    (2, 7, "做好民政重点业务工作进展情况公开", ("办公室", "财务科"), (ALL,), (M_SAME,)),
    (2, 8, "做好财政预决算信息公开", ("财务科",), (), (D(2018, 5, 31), D(2018, 9, 30))),
    (3, 9, "推进网上办事服务公开", ("社救办", "福利科", "民管科", "办公室"), (), ()),
    (3, 10, "提升实体服务能力", (ALL,), (), ()),
    (3, 11, "优化审批办事服务", (ALL,), (), ()),
    (4, 12, "强化民政网站建设管理", ("办公室",), (ALL,), ()),
    (4, 13, "管好用好“两微一端”新平台", ("办公室",), (), ()),
    (5, 14, "贯彻落实政府信息公开条例", ("办公室",), (), ()),
    (5, 15, "加强政府信息公开审查", ("办公室",), (), ()),
    (5, 16, "推行主动公开基本目录制度", ("办公室",), (), ()),
    (5, 17, "建立健全公共企事业单位信息公开制度", ("社救办", "福利科"), (), ()),
    (5, 18, "加强对政务公开工作督查", ("办公室",), (ALL,), ()),
]
SEED_GROUPS = [
    (1, "加强公开解读回应工作"),
    (2, "做好民政重点业务工作公开"),
    (3, "提升政务服务工作实效"),
    (4, "推进政务公开平台建设"),
    (5, "推进政务公开制度化规范化"),
]


@pytest.fixture(scope="module")
def seed():
    return parse_plan(SEED_002.read_text(encoding="utf-8"), year=2018)


def _timing_values(task) -> tuple:
    return tuple(t.rule if t.rule is not None else t.due_on for t in task.timings)


def test_seed_002_has_18_tasks_in_5_groups(seed):
    assert [(g.number, g.heading) for g in seed.groups] == SEED_GROUPS
    assert len(seed.tasks) == 18
    assert seed.title == "呼和浩特市民政局2018年政务公开工作要点"
    assert seed.title_year == 2018
    assert seed.warnings == ()


@pytest.mark.parametrize(("group", "number", "heading", "leads", "cooperating", "timings"), SEED_TABLE)
def test_seed_002_task_as_read_by_hand(seed, group, number, heading, leads, cooperating, timings):
    task = seed.tasks[number - 1]
    assert (task.group, task.number) == (group, number)
    assert task.label == f"({chinese_numeral(number)})"
    assert task.heading == heading
    assert (task.leads, task.cooperating) == (leads, cooperating)
    assert _timing_values(task) == timings


def test_seed_002_task_5_keeps_one_note_per_sub_duty(seed):
    notes = seed.tasks[4].responsibilities
    assert [(r.note, r.leads, r.cooperating) for r in notes] == [
        ("办公室牵头,各科室配合", ("办公室",), (ALL,)),
        ("各科室负责", (ALL,), ()),
        ("办公室牵头,各科室配合", ("办公室",), (ALL,)),
    ]
    assert notes[0].text.endswith("发布重要政策出台情况、重要工作进展情况等内容")
    assert notes[1].text.startswith("按照“谁起草、谁解读”的原则")
    assert notes[2].text.startswith("增强政务舆情回应工作")
    assert seed.tasks[4].responsibility_note == "办公室牵头,各科室配合；各科室负责；办公室牵头,各科室配合"


def test_seed_002_line_broken_mid_sentence_is_joined(seed):
    # （十三）"按照“谁开设、谁  ⏎⏎  管理”的原则" is one sentence broken over a blank line
    assert "按照“谁开设、谁管理”的原则" in seed.tasks[12].text


def test_seed_002_timing_phrases_are_the_plans_words(seed):
    assert [t.phrase for t in seed.tasks[5].timings] == [
        "原则上每季度公开1次,在下一季度第2月底前公开上一季度有关情况",
        "原则上每半年公开1次,分别于8月底前和下一年度2月底前公开半年和全年有关情况",
    ]
    assert seed.tasks[4].timings[0].phrase.startswith("每季度组织召开1次例行新闻发布会")


def test_seed_002_department_names(seed):
    assert seed.department_names() == ("办公室", "政策法规科", "社救办", "救灾科", "财务科", "福利科", "民管科")


# -- timing phrases -------------------------------------------------------------------------------

TIMING_TABLE = [
    # (phrase, expected: DueRule or date) — plan year 2018
    ("原则上每季度公开1次，在下一季度第2月底前公开上一季度有关情况。", Q_2ND_MONTH),
    ("每季度组织召开1次例行新闻发布会。", Q_SAME),
    ("按季度在下一季度首月10日前公开。", DueRule(Recurrence.QUARTERLY, months_after=1, day=10)),
    ("原则上每半年公开1次，分别于8月底前和下一年度2月底前公开半年和全年有关情况。", H_2ND_MONTH),
    ("每半年公开一次工作进展。", DueRule(Recurrence.HALF_YEARLY, months_after=0)),
    ("每月更新一次。", M_SAME),
    ("低保名单每月在次月10日前公开。", DueRule(Recurrence.MONTHLY, months_after=1, day=10)),
    ("每月15日前报送。", DueRule(Recurrence.MONTHLY, months_after=0, day=15)),
    ("每年5月31日前公开部门预算。", DueRule(Recurrence.YEARLY, month=5, day=31)),
    ("每年开展一次评议。", DueRule(Recurrence.YEARLY, months_after=0)),
    ("5月31日前，同步公开2018年预算。", D(2018, 5, 31)),
    ("9月30日前，同步公开2017年决算。", D(2018, 9, 30)),
    ("6月底前完成目录编制。", D(2018, 6, 30)),
    ("2019年1月10日前报送总结。", D(2019, 1, 10)),
    ("年底前完成网站改版。", D(2018, 12, 31)),
]


@pytest.mark.parametrize(("phrase", "expected"), TIMING_TABLE)
def test_timing_phrase(phrase, expected):
    (timing,) = timings_of(phrase, 2018)
    assert (timing.rule if timing.rule is not None else timing.due_on) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "及时公开，除依法需要保密的外应及时公开。",
        "2018年8月20日印发。",  # a date, but no deadline
        "第四季度的工作情况。",  # a quarter, but no recurrence
        "在分类考核指标中的权重要达到4%。",
    ],
)
def test_no_timing(phrase):
    assert timings_of(phrase, 2018) == ()


def test_the_same_timing_twice_is_one():
    assert len(timings_of("每季度公开1次。每季度召开1次会议。", 2018)) == 1


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (Q_2ND_MONTH, "每季度，下一季度第2个月底前"),
        (Q_SAME, "每季度，当季度末前"),
        (H_2ND_MONTH, "每半年，期满后第2个月底前"),
        (DueRule(Recurrence.MONTHLY, months_after=1, day=10), "每月，次月10日前"),
        (M_SAME, "每月，当月底前"),
        (DueRule(Recurrence.YEARLY, month=5, day=31), "每年，5月31日前"),
    ],
)
def test_describe_rule(rule, words):
    assert describe_rule(rule) == words


# -- responsibility notes -------------------------------------------------------------------------

NOTE_TABLE = [
    # (note words, leads, cooperating)
    ("办公室牵头,各科室配合", ("办公室",), (ALL,)),
    ("办公室牵头，各相关科室配合", ("办公室",), (ALL,)),  # full-width comma
    ("社救办、救灾科分工负责", ("社救办", "救灾科"), ()),
    ("各科室负责", (ALL,), ()),
    ("各相关科室分工负责", (ALL,), ()),
    ("办公室、财务科分工负责,各相关科室配合", ("办公室", "财务科"), (ALL,)),
    ("社救办、福利科、民管科、办公室等相关科室分工负责", ("社救办", "福利科", "民管科", "办公室"), ()),
    ("办公室牵头,各业务科室配合", ("办公室",), (ALL,)),
    ("财务科牵头负责，办公室协助", ("财务科",), ("办公室",)),
    ("牵头单位：办公室；配合单位：各科室", ("办公室",), (ALL,)),
]


@pytest.mark.parametrize(("words", "leads", "cooperating"), NOTE_TABLE)
def test_note(words, leads, cooperating):
    assert read_note(words) == (leads, cooperating)


@pytest.mark.parametrize(
    "words",
    ["内民政办〔2018〕103号", "呼政办发〔2018〕32号", "试行", "见附件", "负责"],
)
def test_not_a_note(words):
    assert read_note(words) is None


def test_parentheses_that_are_not_notes_stay_text():
    text = "按照《通知》(内民政办〔2018〕103号)要求做好工作。(办公室负责)"
    (note,) = responsibilities_of(text)
    assert note.leads == ("办公室",)
    assert note.text == "按照《通知》(内民政办〔2018〕103号)要求做好工作"


# -- numbering ------------------------------------------------------------------------------------


def test_full_width_markers_and_restarting_numbers():
    text = """某局2025年政务公开工作要点
一、深化重点领域公开
（一）做好预算公开。5月31日前公开部门预算。（财务科负责）
（二）做好救助公开。每季度公开一次。（社会救助科牵头，办公室配合）
二、加强平台建设
（一）办好网站。（办公室负责）
"""
    plan = parse_plan(text, year=2025)
    assert [(t.group, t.number, t.label, t.heading) for t in plan.tasks] == [
        (1, 1, "（一）", "做好预算公开"),
        (1, 2, "（二）", "做好救助公开"),
        (2, 1, "（一）", "办好网站"),
    ]
    assert plan.tasks[1].leads == ("社会救助科",) and plan.tasks[1].cooperating == ("办公室",)
    assert plan.warnings == ()
    assert plan.title == "某局2025年政务公开工作要点"


@pytest.mark.parametrize("marker", ["1.", "1．", "1、", "（1）"])
def test_arabic_task_markers_when_there_is_no_chinese_level(marker):
    second = marker.replace("1", "2")
    text = f"一、公开工作\n{marker}做好预算公开。（财务科负责）\n{second}做好网站。（办公室负责）\n"
    plan = parse_plan(text, year=2025)
    assert [(t.number, t.heading, t.leads) for t in plan.tasks] == [
        (1, "做好预算公开", ("财务科",)),
        (2, "做好网站", ("办公室",)),
    ]


def test_deeper_levels_stay_in_the_task_text():
    text = "一、公开工作\n（一）做好预算公开。\n1.5月31日前公开预算。\n2.9月30日前公开决算。（财务科负责）\n（二）办好网站。（办公室负责）\n"
    plan = parse_plan(text, year=2025)
    assert len(plan.tasks) == 2
    assert "1.5月31日前公开预算" in plan.tasks[0].text
    assert [t.due_on for t in plan.tasks[0].timings] == [D(2025, 5, 31), D(2025, 9, 30)]


def test_a_plan_without_groups():
    plan = parse_plan("（一）做好预算公开。（财务科负责）\n（二）办好网站。（办公室负责）", year=2025)
    assert [(t.group, t.number) for t in plan.tasks] == [(0, 1), (0, 2)]


def test_attachments_and_dates_of_issue_are_not_task_text():
    text = "一、公开工作\n（一）办好网站。（办公室负责）\n某局办公室 2025年3月1日印发\n附件：\n1.任务分工表\n"
    plan = parse_plan(text, year=2025)
    assert len(plan.tasks) == 1
    assert plan.tasks[0].text == "办好网站。（办公室负责）"


def test_warnings_name_gaps_and_missing_owners():
    plan = parse_plan("一、公开工作\n（一）做好预算公开。（财务科负责）\n（三）办好网站。\n", year=2025)
    assert plan.warnings == (
        "“（三）”编号不连续，请核对是否漏读或多读了一项。",
        "“（三）办好网站”未找到责任科室（如“（办公室牵头，各科室配合）”）。",
    )


@pytest.mark.parametrize(
    ("text", "number"), [("一", 1), ("十", 10), ("十一", 11), ("十八", 18), ("二十", 20), ("二十三", 23), ("7", 7)]
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number
    if not text.isdigit():
        assert chinese_numeral(number) == text


@pytest.mark.parametrize("text", ["", "十十", "一二", "百"])
def test_not_chinese_numbers(text):
    with pytest.raises(ValueError):
        chinese_number(text)


# -- department names -----------------------------------------------------------------------------

DEPARTMENTS = [
    DepartmentRef(1, "办公室", ("局办公室",)),
    DepartmentRef(2, "社会救助科", ("社救办", "社会救助办")),
    DepartmentRef(3, "养老服务科", ("养老科",)),
    DepartmentRef(4, "政策法规科"),
    DepartmentRef(5, "财务审计科"),
    DepartmentRef(6, "审计科"),
]

MATCH_TABLE = [
    # (written name, department id or None, how)
    ("办公室", 1, "name"),
    ("社救办", 2, "alias"),
    ("局办公室", 1, "alias"),
    ("本局办公室", 1, "normalised"),
    ("政策法规 科", 4, "normalised"),
    ("政策法规股", 4, "normalised"),  # the unit word differs (county 股, city 科)
    ("救灾科", None, None),
    ("福利科", None, None),
]


@pytest.mark.parametrize(("name", "key", "how"), MATCH_TABLE)
def test_match_department(name, key, how):
    match = match_department(name, DEPARTMENTS)
    assert (match.key, match.how) == (key, how) if key else match is None


def test_the_admins_mapping_comes_first_and_names_a_department_or_alias():
    assert match_department("福利科", DEPARTMENTS, {"福利科": "养老科"}).key == 3
    assert match_department("办公室", DEPARTMENTS, {"办公室": "社会救助科"}).how == "mapped"
    assert match_department("福利科", DEPARTMENTS, {"福利科": "不存在的科"}) is None


def test_an_ambiguous_name_is_not_matched():
    departments = [DepartmentRef(1, "审计科"), DepartmentRef(2, "审计股")]
    assert match_department("审计处", departments) is None
