"""``table.value``: a table cell that holds no valid figure, and 规章 counted by an agency that cannot make them.

The cases are the real reports of tests/checker/real/docs (the truth files record them) and the same reports with the
one cell put right, which must be quiet: each rule is shown to fire on the error and only on it.
"""

from __future__ import annotations

import pytest

from gongkai.checker.checking import check_documents
from gongkai.checker.names import CHECK_NAMES
from gongkai.law.report_reading import CHECK_CODES, Reading, level_without_rules
from tests.checker.real import schema
from tests.checker.real.schema import DOCS

CODE = "table.value"


def value_findings(name: str, text: str):
    [result] = check_documents([(name, text.encode())])
    return [f for f in result.findings if f.code == CODE]


def real(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


# --- a cell that holds no valid figure -----------------------------------------------------------------------------

TONGZHOU = "2019-2019-tongzhou-bureau.txt"  # 表二 of the 2019 format, one cell per line


def test_a_sign_in_a_count_and_a_doubled_sign_are_found():
    findings = value_findings(TONGZHOU, real(TONGZHOU))
    messages = " ".join(f.message for f in findings)
    assert len(findings) == 2 and all(f.severity == "error" for f in findings)
    # 其他对外管理服务事项: 上一年项目数量 printed “+22” (a count carries no sign).
    assert "“+22”" in messages and "件数" in messages
    # 行政处罚: 本年增/减 printed “--253” (a change carries one sign at most).
    assert "“--253”" in messages and "增减数" in messages


@pytest.mark.parametrize(
    ("printed", "fixed", "left"),
    [
        ("+22 |", "22 |", "“--253”"),  # the count without its sign
        ("--253 |", "-253 |", "“+22”"),  # a change with one sign
    ],
)
def test_each_cell_put_right_is_quiet(printed, fixed, left):
    text = real(TONGZHOU)
    assert printed in text
    findings = value_findings(TONGZHOU, text.replace(printed, fixed, 1))
    assert [left in f.message for f in findings] == [True]


def test_a_fraction_in_a_request_count_is_found():
    # 表三 counts requests: “1.5” is no number of requests.  The generated correct report, one cell changed.
    import random

    from tests.checker import corpus

    spec = corpus.base_spec(random.Random(3), "frac", year=2023, agency="青山县民政局")
    text = corpus.to_text(spec)
    assert value_findings("ok.txt", text) == []
    row = next(line for line in text.splitlines() if line.startswith("一、本年新收政府信息公开申请数量 |"))
    cells = row.split("|")
    cells[1] = " 1.5 "
    broken = text.replace(row, "|".join(cells), 1)
    findings = value_findings("frac.txt", broken)
    assert len(findings) == 1 and "“1.5”" in findings[0].message


# --- 规章 counted by an agency that cannot make them (立法法 第九十三条) -------------------------------------------

# (agency as read, the level that cannot make 规章, or "" where it may or cannot be told)
LEVELS = [
    ("衡阳市衡东县杨林镇", "镇"),  # corpus 2021-2023-yanglin-town.txt
    ("舟曲县八楞乡人民政府", "乡"),
    ("包头市东河区人民政府", "区"),
    ("城口县人民政府", "县"),
    ("达拉特旗人民政府", "旗"),
    ("历下区大明湖街道办事处", "街道"),
    ("峨边彝族自治县人民政府", "县"),
    ("上海市人民政府办公厅", ""),  # 直辖市: may (第九十三条)
    ("孝感市人民政府办公室", ""),  # 设区的市: may
    ("广西壮族自治区人民政府", ""),  # 自治区: may
    ("浦东新区人民政府", ""),  # 新区: not judged
    ("某市经济技术开发区", ""),
    ("某市乡村振兴局", ""),  # a department: not judged
    ("武进区卫生健康局", ""),
]


@pytest.mark.parametrize(("agency", "level"), LEVELS)
def test_who_cannot_make_rules_by_name(agency, level):
    assert level_without_rules(Reading(agency=agency)) == level


def test_an_unnamed_report_that_calls_itself_a_town_twice():
    reading = Reading(paragraphs=[(1, "现结合我镇实际"), (2, "汇报我镇2023年政府信息公开工作")])
    assert level_without_rules(reading) == "镇"
    reading.paragraphs.append((3, "我县高度重视"))  # a county's words too: not told
    assert level_without_rules(reading) == ""


YANGLIN = "2021-2023-yanglin-town.txt"
XJNLK = "2021-2023-xjnlk-town.txt"


@pytest.mark.parametrize("name", [YANGLIN, XJNLK])
def test_a_town_counting_rules_is_found(name):
    findings = value_findings(name, real(name))
    assert len(findings) == 1
    assert findings[0].where == "section2.rules" and "立法法" in findings[0].message


def test_the_town_with_no_rules_or_as_a_city_is_quiet():
    text = real(YANGLIN)
    assert value_findings(YANGLIN, text.replace("规章 | 1 | 1 | 1 |", "规章 | 0 | 0 | 0 |", 1)) == []
    assert value_findings(YANGLIN, text.replace("衡阳市衡东县杨林镇", "衡阳市人民政府", 1)) == []


def test_the_code_is_registered_where_every_check_is():
    assert CODE in CHECK_CODES and CODE in CHECK_NAMES
    assert CODE not in schema.EXTRA_CODES


# --- a table printed with its labels and no figures (table.shape, not table.missing) -----------------------------


def test_a_table_of_labels_only_is_a_shape_error_not_a_missing_table():
    name = "2021-2022-xizhen-town.txt"  # 表二 and the visible part of 表三: labels, one per line, no figure
    [result] = check_documents([(name, (DOCS / name).read_bytes())])
    by_where = {f.where: f for f in result.findings if f.code in ("table.shape", "table.missing")}
    assert by_where["section2"].code == "table.shape" and "只印出了行标签（规章" in by_where["section2"].message
    assert by_where["section3"].code == "table.shape"
    assert by_where["section4"].code == "table.missing"  # 表四's labels are not told apart from the text's words


def test_a_table_with_no_labels_at_all_is_missing():
    name = "2021-2021-baleng-township.txt"  # its tables are images on the page
    [result] = check_documents([(name, (DOCS / name).read_bytes())])
    assert {f.code for f in result.findings if f.where == "section2"} == {"table.missing"}
