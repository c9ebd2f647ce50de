"""``section.empty``: a part's heading followed straight by the next part's — the report says nothing under it.

条例 第五十条 lists what an annual report contains (主动公开, 收到和处理申请, 复议诉讼, 问题及改进, 其他事项); a heading
with nothing under it reports none of it.  The true case is real (tests/checker/real/docs); the quiet ones are the
shapes real reports print rightly: tables under a heading, a table of contents, an excerpt that ends on a heading.
"""

from __future__ import annotations

import pytest

from gongkai.checker.checking import check_documents
from gongkai.checker.names import CHECK_NAMES
from gongkai.law.report_reading import CHECK_CODES
from tests.checker.real import schema
from tests.checker.real.schema import DOCS

CODE = "section.empty"
TITLE = "某县公路局2015年政府信息公开工作年度报告"


def empty_sections(lines: list[str]) -> list[str]:
    [result] = check_documents([("r.txt", "\n".join(lines).encode())])
    return [f.where for f in result.findings if f.code == CODE]


def test_the_real_report_with_an_empty_part():
    name = "pre2019-2015-jiedong-highway.txt"
    [result] = check_documents([(name, (DOCS / name).read_bytes())])
    findings = [f for f in result.findings if f.code == CODE]
    assert [f.where for f in findings] == ["二、主动公开政府信息情况"]
    assert findings[0].severity == "warning"


BODY = "本年度我局认真贯彻落实《条例》。"

FIRES = [
    (
        [TITLE, "一、概述", BODY, "二、主动公开政府信息情况", "三、依申请公开政府信息情况", BODY],
        "二、主动公开政府信息情况",
    ),
    (
        [TITLE, "一、概述", BODY, "四、政府信息公开收费情况", "五、行政复议和行政诉讼情况", BODY, "六、其他"],
        "四、政府信息公开收费情况",
    ),
]

QUIET = [
    # the part holds a table: its rows are content
    (
        [TITLE, "一、概述", BODY, "二、主动公开政府信息情况", "| 规章 | 0 | 0 | 0 |", "三、依申请公开情况", BODY],
        "a table",
    ),
    # a table of contents: three headings or more in a row
    (
        [TITLE, "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", BODY],
        "a table of contents",
    ),
    # the excerpt ends on the next heading: what follows it is not known
    ([TITLE, "一、概述", BODY, "二、主动公开政府信息情况", "三、依申请公开情况"], "an excerpt's end"),
    # a heading that holds its own text
    (
        [TITLE, "一、概述", BODY, "二、主动公开情况：全年主动公开信息20条", "三、依申请公开情况", BODY],
        "a heading with text",
    ),
    # numbers that do not follow each other are numbering's matter, not this check's
    ([TITLE, "一、概述", BODY, "二、主动公开政府信息情况", "四、依申请公开情况", BODY], "a skipped number"),
]


@pytest.mark.parametrize(("lines", "where"), FIRES)
def test_a_heading_straight_before_the_next_fires(lines, where):
    assert empty_sections(lines) == [where]


@pytest.mark.parametrize(("lines", "case"), QUIET, ids=[c[1] for c in QUIET])
def test_parts_with_something_under_them_are_quiet(lines, case):
    assert empty_sections(lines) == []


def test_the_code_is_registered_where_every_check_is():
    assert CODE in CHECK_CODES and CODE in CHECK_NAMES
    assert CODE not in schema.EXTRA_CODES
