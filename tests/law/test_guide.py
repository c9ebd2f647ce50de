"""Tests for gongkai.law.guide: what the 政府信息公开指南 states, each sentence citing its article and using the
numbers the rest of gongkai.law applies."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongkai.law import guide
from gongkai.law.catalog import ARTICLE_20_ITEMS, CIVIL_AFFAIRS_ITEMS
from gongkai.law.fees import MEASURES, per_page_fee, per_piece_fee, schedule_on
from gongkai.law.outcomes import TEMPLATE_NAME

ON = dt.date(2026, 12, 1)  # the guide states the fee standard in force today

ALL_STATEMENTS = [
    *guide.office_statements(),
    *guide.proactive_statements(),
    *guide.application_statements(),
    *guide.time_limit_statements(),
    *guide.fee_statements("per_piece", on=ON),
    *guide.fee_statements("per_page", on=ON),
    *guide.remedy_statements(),
    *guide.annual_report_statements("department", on=ON),
]


def _by_basis(statements, basis: str) -> str:
    matches = [s.text for s in statements if s.basis == basis]
    assert len(matches) == 1, f"{basis}: {matches}"
    return matches[0]


def test_every_statement_cites_an_article():
    for statement in ALL_STATEMENTS:
        assert re.search(r"第[一二三四五六七八九十]+条", statement.basis), statement
        assert statement.text.endswith("。"), statement


@pytest.mark.parametrize(
    ("statements", "basis", "parts"),
    [
        # 条例 第四条：政府信息公开工作机构的职能
        (guide.office_statements, "条例 第四条", ["日常工作", "指南、目录和年度报告", "审查"]),
        # 条例 第二十六条：形成或者变更之日起20个工作日内公开
        (guide.proactive_statements, "条例 第二十六条", ["形成或者变更之日起20个工作日内公开"]),
        # 条例 第二十九条第一款：书面形式；确有困难的可以口头提出
        (guide.application_statements, "条例 第二十九条第一款", ["书面形式", "口头提出", "代为填写"]),
        # 条例 第三十一条：收到申请之日
        (guide.application_statements, "条例 第三十一条", ["提交之日", "签收之日", "双方确认之日"]),
        # 条例 第三十三条：20个工作日；延长最长20个工作日，须工作机构负责人同意
        (
            guide.time_limit_statements,
            "条例 第三十三条",
            ["当场答复", "收到申请之日起20个工作日内答复", "负责人同意", "最长不超过20个工作日"],
        ),
        # 条例 第三十条：7个工作日内一次性告知补正；期限自收到补正后的申请之日起计算
        (
            guide.time_limit_statements,
            "条例 第三十条",
            ["7个工作日内一次性", "收到补正后的申请之日起计算", "视为放弃申请"],
        ),
        # 条例 第三十二条：第三方15个工作日；第三十三条第三款：征求意见时间不计算在内
        (
            guide.time_limit_statements,
            "条例 第三十二条、第三十三条第三款",
            ["15个工作日内提出意见", "不计算在答复期限内"],
        ),
        # 条例 第四十二条：原则上不收费
        (
            lambda: guide.fee_statements("per_piece", on=ON),
            "条例 第四十二条",
            ["不收取费用", "明显超过合理范围", MEASURES],
        ),
        # 国办函〔2020〕109号 第四条：按件计收的档次
        (
            lambda: guide.fee_statements("per_piece", on=ON),
            f"{MEASURES} 第四条",
            [
                "10件以下（含10件）的，不收费",
                "第11—30件的部分，100元/件",
                "第31—40件的部分，200元/件",
                "每10件为一档，每增加一档，收费标准提高100元/件",
            ],
        ),
        # 国办函〔2020〕109号 第五条：按量计收的档次
        (
            lambda: guide.fee_statements("per_page", on=ON),
            f"{MEASURES} 第五条",
            [
                "30页以下（含30页）的，不收费",
                "第31—100页的部分，10元/页",
                "第101—200页的部分，20元/页",
                "201页以上的部分，40元/页",
            ],
        ),
        # 国办函〔2020〕109号 第七条：收到收费通知次日起20个工作日内缴纳
        (
            lambda: guide.fee_statements("per_page", on=ON),
            f"{MEASURES} 第七条",
            ["次日起20个工作日内缴纳", "视为放弃申请"],
        ),
        # 条例 第四十九条：部门1月31日前公布
        (lambda: guide.annual_report_statements("department", on=ON), "条例 第四十九条", ["每年1月31日前"]),
        # 条例 第四十九条：人民政府3月31日前公布
        (lambda: guide.annual_report_statements("government", on=ON), "条例 第四十九条", ["每年3月31日前"]),
    ],
)
def test_statement_states_the_rule_of_its_article(statements, basis, parts):
    text = _by_basis(statements(), basis)
    for part in parts:
        assert part in text, f"{basis}: {part!r} missing from {text!r}"


def test_per_piece_tiers_stated_are_the_tiers_charged():
    # 国办函〔2020〕109号 第四条 — the guide is phrased from gongkai.law.fees, never typed: each tier it names costs
    # what fees.per_piece_fee charges for its first and last application.
    text = _by_basis(guide.fee_statements("per_piece", on=ON), f"{MEASURES} 第四条")
    tiers = re.findall(r"第(\d+)—(\d+)件的部分，(\d+)元/件", text)
    assert tiers
    for first, last, rate in tiers:
        assert per_piece_fee(int(first), on=ON) == per_piece_fee(int(last), on=ON) == int(rate)
        assert per_piece_fee(int(first) - 1, on=ON) != int(rate)


def test_per_page_tiers_stated_are_the_tiers_charged():
    # 国办函〔2020〕109号 第五条
    text = _by_basis(guide.fee_statements("per_page", on=ON), f"{MEASURES} 第五条")
    for first, last, rate in schedule_on(ON).page_bands[1:]:
        end = last or first + 50
        assert per_page_fee(end, on=ON) - per_page_fee(end - 1, on=ON) == rate
        assert f"{first}" in text and f"{rate}元/页" in text


@pytest.mark.parametrize(
    ("method", "label", "unit", "other_unit"),
    [("per_piece", "按件计收", "元/件", "元/页"), ("per_page", "按量计收", "元/页", "元/件")],
)
def test_the_guide_states_only_the_agencys_one_fee_method(method, label, unit, other_unit):
    # 国办函〔2020〕109号 第三条：每件申请只适用一种标准，不得同时按照两种标准重复计算。
    statements = guide.fee_statements(method, on=ON)
    text = "".join(s.text for s in statements)
    assert label in _by_basis(statements, f"{MEASURES} 第三条")
    assert unit in text and other_unit not in text


def test_an_unknown_fee_method_is_refused_in_chinese():
    with pytest.raises(ValueError, match="收费方式“per_word”无效"):
        guide.fee_statements("per_word", on=ON)


def test_remedies_name_the_agencys_bodies_and_the_statutory_periods():
    # 条例 第五十一条；《行政复议法》第二十条（60日）、第二十三条（复议前置）；《行政诉讼法》第四十六条（6个月）、第四十五条（15日）
    statements = guide.remedy_statements(
        reconsideration_body="江源市人民政府", court="江源市江城区人民法院", supervisor="江源市人民政府办公室"
    )
    text = "".join(s.text for s in statements)
    for part in (
        "60日内向江源市人民政府申请行政复议",
        "6个月内向江源市江城区人民法院提起行政诉讼",
        "15日内提起行政诉讼",
    ):
        assert part in text
    assert "（江源市人民政府办公室）投诉、举报" in text
    assert "应当先申请行政复议" in text


def test_remedies_without_configured_bodies_stay_generic():
    text = "".join(s.text for s in guide.remedy_statements(reconsideration_body=" ", court=""))
    assert "本机关的行政复议机关" in text and "有管辖权的人民法院" in text
    assert "政府信息公开工作主管部门投诉、举报" in text  # no supervisor named


def test_an_unknown_agency_kind_has_no_report_deadline():
    with pytest.raises(ValueError, match="机关类型“township”无效"):
        guide.annual_report_statements("township", on=ON)


def test_the_application_contents_are_the_three_of_article_29():
    # 条例 第二十九条第二款
    assert guide.APPLICATION_CONTENTS_BASIS == "条例 第二十九条第二款"
    assert len(guide.APPLICATION_CONTENTS) == 3
    first, second, third = guide.APPLICATION_CONTENTS
    assert "身份证明" in first and "联系方式" in first
    assert "文号" in second and "特征性描述" in second
    assert "形式要求" in third


def test_the_national_rules_are_the_regulation_the_fee_measures_and_the_report_format():
    documents = [rule.document for rule in guide.NATIONAL_RULES]
    assert documents == ["中华人民共和国国务院令第711号（2019年修订）", MEASURES, "国办公开办函〔2021〕30号"]
    assert guide.NATIONAL_RULES[0].effective == "2019年5月15日起施行"
    assert guide.NATIONAL_RULES[1].effective == "2021年1月1日起施行"
    assert TEMPLATE_NAME.startswith(guide.REPORT_FORMAT.strip("《》"))


def test_the_rules_category_code_is_new_to_the_catalog():
    codes = {code for code, _name, _article in ARTICLE_20_ITEMS} | {code for code, _name in CIVIL_AFFAIRS_ITEMS}
    assert guide.DISCLOSURE_RULES_CODE not in codes
