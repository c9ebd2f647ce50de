"""Title, agency and year read from the first lines of real reports (issue 15, build 2): titles on two lines,
inside a sentence, behind page clutter (breadcrumbs, menus, field labels), in traditional characters, variant names.

Each case is an excerpt of a document of the real corpus (tests/checker/real/docs/, named on the case), as printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.law.report_reading import PHRASINGS, read_report, text_lines

CASES = [
    # (corpus file, excerpt, agency, year)
    (
        "2019-2020-chengkou-county-gov.txt",
        "城口县人民政府机关\n2020年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》编制。",
        "城口县人民政府机关",
        2020,
    ),
    (
        "2019-2019-xiaogan-research-office.txt",
        "市政府研究室2019年政府信息公开\n工作年度报告\n根据修订后的《中华人民共和国政府信息公开条例》",
        "市政府研究室",
        2019,
    ),
    (
        "2019-2020-shanyang-county-gov.txt",
        "当前位置: 网站首页 -> 政务公开 -> 政府信息公开年报 -> 2020年政府信息公开年报 -> 正文\n"
        "山阳县人民政府2020年政府信息公开工作年度报告\n索 引 号 01606072-9-30/2021-0223004 发布机构 市政府办",
        "山阳县人民政府",
        2020,
    ),
    (
        "2019-2020-zhongcun-township.txt",
        "关怀版 无障碍 无障碍\n您当前所在位置: 首页 > 乡镇信息公开 > 中村乡 > 政务信息公开年报\n"
        "中村乡2020年政府信息公开工作年度报告\n访问量:",
        "中村乡",
        2020,
    ),
    (
        "2021-2022-ganghuacun-street.txt",
        "根据《中华人民共和国政府信息公开条例》(国务院令第711号)规定,现公开钢花村街道办事处2022年政府信息公开工作"
        "年度报告。本年度报告中所列数据的统计期限是2022年1月1日至2022年12月31日。\n一、总体情况\n"
        "(一)主动公开。2022年钢花村街道依托政府门户网站及时公开机构设置、年度财政预算决算、专项资金、信息公开年报、"
        "工作动态等政府信息106条。",
        "钢花村街道办事处",
        2022,
    ),
    (
        "2021-2024-yongan-health.txt",
        "按照《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,特向社会公布2024年度永安市卫生健康局信息公开"
        "年度报告。",
        "永安市卫生健康局",
        2024,
    ),
    (
        "2019-2020-shanghai-general-office.txt",
        "2020年上海市人民政府辦公廳政府信息公開工作年度報告\n本年度報告根據《中華人民共和國政府信息公開條例》",
        "上海市人民政府办公厅",
        2020,
    ),
    (
        "2021-2023-ningqiang-civil-affairs.txt",
        "寧強(qiáng)縣民政局\n關(guān)于2023年政府信息公開年度報(bào)告\n根據(jù)《中華人民共和國(guó)政府信息公開條例》",
        "宁强县民政局",
        2023,
    ),
    (
        "2021-2022-baiyun-street.txt",
        "一、总体情况\n2022年,白云街以习近平新时代中国特色社会主义思想为指导,全面贯彻落实党的二十大精神。",
        "",
        2022,
    ),
    (
        "2021-2023-jiangsu-civil-affairs.txt",
        "根据《中华人民共和国政府信息公开条例》规定和省政府办公厅政务公开办公室《关于切实做好2023年政府信息公开工作"
        "年度报告编制发布工作的通知》要求,现发布《江苏省民政厅2023年政府信息公开工作年度报告》。本年度报告中所列数据"
        "的统计期限为2023年1月1日至2023年12月31日。",
        "江苏省民政厅",
        2023,
    ),
    (
        "2021-2022-tongling-private-economy-bureau.txt",
        "本报告根据《中华人民共和国政府信息公开条例》(国务院令第711号)和《关于做好2022年度政府信息公开工作年度报告"
        "编制发布工作的通知》要求,结合我局政府信息公开工作有关统计数据撰写并向社会公开2022年政府信息公开工作年度报告。",
        "",
        2022,
    ),
    (
        "2021-2023-changchun-styjrswj-bureau.txt",
        "一、总体情况\n(一)主动公开信息情况。本年度我局门户网站围绕市委、市政府的中心工作,不断充实政务公开内容。"
        "按照要求将政策法规、重大项目完成情况、工作动态等信息第一时间在政府网站上发布。截止2023年12月31日我局通过"
        "官方网站发布政务类信息34条。",
        "",
        2023,
    ),
    (
        "pre2019-2013-jingan-gov.txt",  # a feedback form's fields before the report: its lines do not hide it
        "留言咨询\n纠错\n1.错误类:*\n2.出错页面的地址(浏览器地址栏里面的地址):*\n3.内容标题:*\n"
        "4.为了方便我们更准确及时的处理错误,请尽可能详细填写你的操作经过:*\n-\n您的姓名:*\n相关文档\n使用说明\n"
        "静安区人民政府\n2014年2月27日\n引 言\n本年度报告根据《中华人民共和国政府信息公开条例》(以下简称《条例》)"
        "和《上海市政府信息公开规定》(以下简称《规定》)要求,由静安区人民政府编制。\n专有名词解释\n"
        "政府信息:《条例》、《规定》第二条规定的,行政机关在履行职责过程中制作或者获取的信息。\n一、概述\n"
        "2013年是贯彻落实党的十八届三中全会精神的重要一年。",
        "静安区人民政府",
        2013,
    ),
    (
        "pre2019-2011-qiyang-county.txt",
        "本年报根据《中华人民共和国政府信息公开条例》(以下简称《条例》),由祁阳县人民政府编制。\n一、概述\n"
        "2011年,我县政府信息公开,在继续建立健全工作机制、强化工作措施的基础上,加强了宣传力度。",
        "祁阳县人民政府",
        2011,
    ),
    (
        "pre2019-2010-leshan-legal-office.txt",
        "2010年度政府信息公開年度報告\n基本介紹\n  • 中文名:2010年度政府信息公開年度報告\n一、加強組織領導",
        "",
        2010,
    ),
    (
        "pre2019-2011-shuangpai-county.txt",
        "编注:本年报根据《中华人民共和国政府信息公开条例》(以下简称《条例》),由双牌县政务公开领导小组办公室编制。"
        "本年报中所列数据的统计期限自2011年1月1日,至2011年12月31日止。",
        "双牌县人民政府",
        2011,
    ),
    (
        "pre2019-2012-nanping-gov.txt",
        "本报告由南平市人民政府信息公开工作领导小组办公室根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,"
        "汇总南平市各县(市、区)、市政府各有关部门政府信息公开工作情况编制而成。本报告中所列数据的统计时限自2012年1月1日"
        "至2012年12月31日。",
        "南平市人民政府",
        2012,
    ),
    (
        "pre2019-2017-lishui-gov.txt",
        "本年度报告根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,综合2017年度丽水市各县(市、区)政府和"
        "市级各部门的政府信息公开年度工作报告编制而成。报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。",
        "丽水市人民政府",
        2017,
    ),
    (
        "pre2019-2015-meishan-gov.txt",
        "报告所列数据的统计期限自2015年1月1日起至2015年12月31日止。\n一、概述\n"
        "2015年,眉山市按照国务院、省政府工作要求,认真贯彻执行《条例》《办法》,以公众需求为导向。",
        "眉山市",
        2015,
    ),
    (
        "pre2019-2014-hanbin-gov.txt (the first sentence's “我区” names no agency)",
        "所列数据的统计期限自2014年1月1日起至2014年12月31日止。\n2014年,我区按照省市要求,认真贯彻《条例》。",
        "",
        2014,
    ),
    (
        "2021-2023-qijiazi-town.txt",
        "昌图县人民政府 The People's Government of Changtu Municipality\n政府信息公开\n"
        "昌图县七家子镇2023年政府信息公开 工作告年度报\n来源:昌图县人民政府办公室 时间:2024-01-31\n一、总体情况",
        "昌图县七家子镇",
        2023,
    ),
    (
        "pre2019-2010-shanghai-city.txt (an office compiling for the government; the contact names it)",
        "本年度报告根据《中华人民共和国政府信息公开条例》的要求,由市政府办公厅综合各区(县)人民政府和市政府各委、办、局的"
        "政府信息公开年度报告编制而成。所列数据的统计期限自2010年1月1日起至2010年12月31日止。\n"
        "如对本年度报告有任何疑问,请与上海市人民政府办公厅联系(电话:63582688)。",
        "上海市人民政府",
        2010,
    ),
    (
        "2021-2024-qiaokou-health.txt",
        "所列统计数据时间范围为2024年1月1日至2024年12月31日。如本报告有疑问,请联系:硚口区卫健局办公室,地址:硚口区。",
        "硚口区卫健局",
        2024,
    ),
]


@pytest.mark.parametrize(("file", "excerpt", "agency", "year"), CASES, ids=[case[0] for case in CASES])
def test_agency_and_year_of_real_titles(file, excerpt, agency, year):
    reading = read_report(text_lines(excerpt))
    assert (reading.agency, reading.year) == (agency, year)


def test_an_explanation_titled_with_the_report_name_is_no_report():
    # none-2022-daminghu-explainer.txt: a 文字解读 page; its agency and year are the report's it explains.
    reading = read_report(
        text_lines(
            "文字解读:济南市历下区大明湖街道办事处2022年政府信息公开工作年度报告\n字号:\n一、编制背景\n"
            "根据《中华人民共和国政府信息公开条例》有关要求,编写本报告。"
        )
    )
    assert (reading.format, reading.agency, reading.year) == ("unknown", "济南市历下区大明湖街道办事处", 2022)


YEAR_TEXT_CASES = [
    # (corpus file, paragraph in section 一 of a report on 2020, year.mismatch expected)
    (
        "2019-2020-shanyang-county-gov.txt",
        "本报告由总体情况等六部分组成,涵盖2020年1月1日至12月21日山阳县人民政府信息公开工作情况。",
        True,
    ),
    (
        "2019-2020-shanghai-general-office.txt",
        "按規定及時發布市政府辦公廳2019年度政府信息公開年報,集中發布市政府辦公廳2019年度承辦市人大代表建議。",
        False,
    ),
    ("seed 003", "特向社会公开某某县民政局2019年度政府信息公开工作年度报告。", True),
    # the period with its 年 and 月 lost: it ends on 12-30
    ("2021-2021-zhouwan-town.txt", "本报告中所列数据的统计期限自202011日起至20201230日止。", True),
    ("the same, ending on 12-31", "本报告中所列数据的统计期限自202011日起至20201231日止。", False),
    ("the same, another year", "本报告中所列数据的统计期限自201911日起至20191231日止。", True),
    ("a telephone number is no period", "统计科电话20201230,地址某某路1号。", False),
]


@pytest.mark.parametrize(("file", "paragraph", "mismatch"), YEAR_TEXT_CASES, ids=[c[0] for c in YEAR_TEXT_CASES])
def test_statistics_period_and_last_years_report_in_the_text(file, paragraph, mismatch):
    from gongkai.law.report_reading import check_reading

    text = f"某某县2020年政府信息公开工作年度报告\n一、总体情况\n{paragraph}"
    codes = [f.code for f in check_reading(read_report(text_lines(text))) if f.severity == "error"]
    assert ("year.mismatch" in codes) is mismatch


def test_a_paragraph_opening_with_the_report_name():
    # 2021-2022-yanting-approval-bureau.txt: no title line, the first paragraph opens with the report's name.
    reading = read_report(
        text_lines(
            "盐亭县行政审批局2022年政府信息公开工作年度报告(以下简称年报)是根据《中华人民共和国政府信息公开条例》"
            "(国务院令第711号,以下简称《条例》)编制。\n一、 总体情况\n(一)主动公开情况。我局2022年主动公开公告公示143条。"
        )
    )
    assert (reading.agency, reading.year) == ("盐亭县行政审批局", 2022)


@pytest.mark.parametrize("phrasing", PHRASINGS, ids=[p.file for p in PHRASINGS])
def test_each_phrasing_reads_its_real_example(phrasing):
    from gongkai.law.report_reading import text_metrics

    assert (Path(__file__).parent / "real" / "docs" / phrasing.file).is_file()
    assert text_metrics(phrasing.example)[phrasing.metric] == phrasing.value


def test_a_phrasing_does_not_override_the_figure_the_precise_patterns_read():
    from gongkai.law.report_reading import text_metrics

    metrics = text_metrics("全年主动公开政府信息30条。另在微信公众号发布信息12条。")
    assert metrics["proactive_items"] == 30
