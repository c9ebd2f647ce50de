"""gongkai.law.report_reading: reading a published report's text and tables, and the checks, case by case."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.law.outcomes import RESULT_ROWS, SECTION3_ROW_KEYS
from gongkai.law.report_reading import (
    check_pair,
    check_reading,
    guess_kind,
    read_report,
    text_lines,
    text_metrics,
)

# 国办公开办函〔2021〕30号 表三 as a web page copy flattens it (seed 003's layout), with figures filled in by a function.
S3_LABELS = {
    "new_this_year": "一、本年新收政府信息公开申请数量",
    "carried_from_last_year": "二、上年结转政府信息公开申请数量",
    "disclosed": "三、本年度办理结果 | （一）予以公开",
    "partly_disclosed": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld_state_secret": "（三）不予公开 | 1.属于国家秘密",
    "withheld_other_law": "2.其他法律行政法规禁止公开",
    "withheld_security_stability": "3.危及“三安全一稳定”",
    "withheld_third_party": "4.保护第三方合法权益",
    "withheld_internal_affairs": "5.属于三类内部事务信息",
    "withheld_process_info": "6.属于四类过程性信息",
    "withheld_enforcement_file": "7.属于行政执法案卷",
    "withheld_inquiry_matter": "8.属于行政查询事项",
    "unavailable_not_held": "（四）无法提供 | 1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_still_unclear": "3.补正后申请内容仍不明确",
    "not_processed_petition": "（五）不予处理 | 1.信访举报投诉类申请",
    "not_processed_repeat": "2.重复申请",
    "not_processed_publication": "3.要求提供公开出版物",
    "not_processed_excessive": "4.无正当理由大量反复申请",
    "not_processed_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "results_total": "（七）总计",
    "carried_to_next_year": "四、结转下年度继续办理",
}


def consistent_s3() -> dict[str, list[int]]:
    """Six applicant columns per row (total added when written): 2 disclosed, 1 其他, 1 carried over, all balanced."""
    rows = {row: [0] * 6 for row in SECTION3_ROW_KEYS}
    rows["disclosed"] = [2, 0, 0, 0, 0, 0]
    rows["other_other"] = [0, 1, 0, 0, 0, 0]
    rows["results_total"] = [2, 1, 0, 0, 0, 0]
    rows["carried_to_next_year"] = [1, 0, 0, 0, 0, 0]
    rows["new_this_year"] = [3, 1, 0, 0, 0, 0]
    return rows


def report_text(
    *,
    year: int = 2023,
    s3: dict[str, list[int]] | None = None,
    cell=str,
    label=lambda text: text,
    drop: tuple[str, ...] = (),
    s4: str = " | ".join(["0"] * 15),
    intro: str = "",
    other: str = "本年度未收取信息处理费。",
    published: str = "2024-01-19",
    overview: str = "全年共受理依申请公开4件。",
    headings: tuple[int, ...] = (1, 2, 3, 4, 5, 6),
) -> str:
    s3 = s3 or consistent_s3()
    heading = {
        1: "一、总体情况",
        2: "二、主动公开政府信息情况",
        3: "三、收到和处理政府信息公开申请情况",
        4: "四、政府信息公开行政复议、行政诉讼情况",
        5: "五、存在的主要问题及改进情况",
        6: "六、其他需要报告的事项",
    }
    parts: dict[int, list[str]] = {
        1: [intro, overview],
        2: [
            "第二十条第（一）项 |",
            "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            f"规章 | {cell(0)} | {cell(0)} | {cell(0)} |",
            f"行政规范性文件 | {cell(1)} | {cell(0)} | {cell(1)} |",
            f"行政许可 | {cell(0)} |",
            f"行政处罚 | {cell(0)} |",
            f"行政强制 | {cell(0)} |",
            "行政事业性收费 | 0 |",
        ],
        3: ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |"]
        + [
            f"{label(S3_LABELS[row])} | " + " | ".join(cell(v) for v in [*s3[row], sum(s3[row])]) + " |"
            for row in SECTION3_ROW_KEYS
            if row not in drop
        ],
        4: ["行政复议 | 行政诉讼 |", s4 + " |"],
        5: ["存在的主要问题：培训不足。"],
        6: [other],
    }
    lines = [f"测试市民政局{year}年政府信息公开工作年度报告", f"发布时间:{published}"]
    for number in range(1, 7):
        if number in headings:
            lines.append(heading[number])
        lines += [p for p in parts[number] if p]
    lines += ["测试市民政局", "2024年1月19日"]
    return "\n".join(lines)


def read(text: str):
    return read_report(text_lines(text))


def codes(text: str, **kwargs) -> list[str]:
    return sorted(f.code for f in check_reading(read(text), **kwargs) if f.severity != "info")


# --- reading ---------------------------------------------------------------------------------------------------


def test_a_consistent_report_reads_whole_and_passes_every_check():
    reading = read(report_text())
    assert reading.format == "2021"
    assert (reading.agency, reading.year, reading.published_on) == ("测试市民政局", 2023, dt.date(2024, 1, 19))
    s3 = reading.tables["section3"]
    assert s3["disclosed"] == {
        "natural_person": 2,
        "commercial_enterprise": 0,
        "research_institution": 0,
        "public_interest_org": 0,
        "legal_service_org": 0,
        "other_org": 0,
        "total": 2,
    }
    assert s3["other_other"]["commercial_enterprise"] == 1  # “3.其他” read under （六）其他处理
    assert reading.tables["section2"]["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert reading.metrics["requests_received"] == 4
    assert codes(report_text()) == []


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("mess", "kwargs"),
    [
        ("full-width digits", {"cell": lambda v: str(v).translate(FULL_WIDTH)}),
        ("0件 with units", {"cell": lambda v: f"{v}件"}),
        ("spaces inside labels", {"label": lambda text: " ".join(text)}),
        ("full-width bar", {"label": lambda text: text.replace(" | ", " ｜ ")}),
    ],
)
def test_real_world_mess_reads_the_same_figures(mess, kwargs):
    clean = read(report_text()).tables
    messy = read(report_text(**kwargs))
    assert messy.tables["section3"] == clean["section3"], mess
    assert codes(report_text(**kwargs)) == [], mess


def test_blank_cells_count_as_zero_and_are_noted():
    text = report_text().replace(
        "四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "四、结转下年度继续办理 | 1 |  | - | — |  |  | 1 |"
    )
    reading = read(text)
    assert reading.tables["section3"]["carried_to_next_year"]["commercial_enterprise"] == 0
    findings = check_reading(reading)
    assert [(f.code, f.severity) for f in findings] == [("table.shape", "info")]
    assert "5 个空白单元格" in findings[0].message


def test_header_cells_flattened_in_any_order_are_ignored():
    base = report_text()
    shuffled = base.replace(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |",
        "申请人情况 | 总计 | 自然人 | 法人或其他组织 |\n其他 | 法律服务机构 | 商业 企业 | 科研 机构 | 社会公益组织 |\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    )
    assert read(shuffled).tables == read(base).tables


def test_a_missing_row_is_named_and_the_sums_over_it_are_not_checked():
    text = report_text(drop=("withheld_other_law",))
    findings = check_reading(read(text))
    assert [(f.code, f.where) for f in findings] == [("table.shape", "section3.withheld_other_law")]


def test_a_row_with_too_few_figures_is_a_shape_error():
    text = report_text().replace("（七）总计 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |", "（七）总计 | 2 | 1 | 0 | 3 |")
    findings = check_reading(read(text))
    assert [(f.code, f.severity) for f in findings] == [("table.shape", "error")]
    assert "应有 7 个数字，读到 4 个" in findings[0].message


def test_a_table_pasted_as_an_image_is_missing():
    text = "\n".join(
        line for line in report_text().splitlines() if not any(label in line for label in ("本年新收", "结转", "|  "))
    )
    text = "\n".join(line for line in text.splitlines() if " | " not in line or "信息内容" in line or "规章" in line)
    findings = {f.code for f in check_reading(read(text))}
    assert "table.missing" in findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区民政局2018年度政府信息公开工作报告\n一、概述\n正文", ("legacy", "区民政局", 2018)),
        ("2012年市民政局政府信息公开年度报告\n正文", ("legacy", "市民政局", 2012)),
        ("呼和浩特市民政局关于印发2018年政务公开工作要点的通知\n正文", ("unknown", "", None)),
        ("", ("unknown", "", None)),
    ],
)
def test_format_agency_and_year_from_the_title(text, expected):
    reading = read(text)
    assert (reading.format, reading.agency, reading.year) == expected


def test_the_signature_completes_a_shortened_agency_name():
    # seed 000: the title says 区民政局, the signature 旅顺口区民政局.
    reading = read(
        "区民政局2018年度政府信息公开工作报告\n发表日期:2019年3月22日\n正文。\n旅顺口区民政局\n2019年3月15日"
    )
    assert (reading.agency, reading.published_on) == ("旅顺口区民政局", dt.date(2019, 3, 22))


def test_a_signature_date_in_chinese_numerals_is_the_publication_date():
    reading = read("测试县人民政府2023年政府信息公开工作年度报告\n正文。\n测试县人民政府\n二〇二四年三月二十日")
    assert reading.published_on == dt.date(2024, 3, 20)


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("全年累计主动公开政府信息数36条", "proactive_items", 36),
        ("二、主动公开政府信息情况。截至2018年12月31日，我局在各类公开主体共发布信息796条", "proactive_items", 796),
        ("全年共收到2件依申请公开情况，已全部按时办结。", "requests_received", 2),
        ("全年共收到2件依申请公开情况，已全部按时办结。", "requests_answered", 2),
        ("2018年，我局没有收到依申请公开内容。", "requests_received", 0),
        ("共受理政府信息公开申请１２件", "requests_received", 12),
        ("现场解答群众咨询172余人次", "consultations", 172),
        ("无因信息公开问题而被提起的行政复议和行政诉讼。", "reconsiderations", 0),
        ("无因信息公开问题而被提起的行政复议和行政诉讼。", "litigation", 0),
        ("全年被申请行政复议3件", "reconsiderations", 3),
        ("本年度无信息公开收费及减免情况。", "fees_yuan", 0),
        ("收取信息处理费共计1.5万元", "fees_yuan", 15000),
        ("本年度共收取信息处理费300元", "fees_yuan", 300),
        ("我局加强了培训。", "reconsiderations", None),
        # real phrasings (tests/checker/real/docs/<file>)
        ("主动在门户网站公开政府信息50条。在主动公开的信息中,政策法规类的信息4条", "proactive_items", 50),  # statistics
        ("镇政府信息公开全年累计主动公开政府信息72,其中工作动态58条,政策法规14条", "proactive_items", 72),  # guangshun
        ("2017年,主动公开政府工作信息、动态755多条。", "proactive_items", 755),  # tljq-township
        ("区民政局新收到依申请公开政府信息3件,上年结转申请0件,结转下年度继续办理0件。", "requests_carried_in", 0),
        ("2010年,我局共接受公民、法人及其他組織政府信息公開方麵的谘詢2070人次。", "consultations", 2070),  # c3e5
        ("没有受理政府信息公开申请,也没有接受到政府信息公开方面的咨询。", "consultations", 0),  # jiedong-highway
        ("2017年我局有關政府信息公開的行政復議案共1起。", "reconsiderations", 1),  # binjiang-bureau
        ("上年结转3件,本年新收12件", "requests_carried_in", 3),
        ("全年受理政府信息咨询20人次", "consultations", 20),
    ],
)
def test_legacy_figures_stated_in_words(text, metric, value):
    assert text_metrics(text)[metric] == value


# --- checks ----------------------------------------------------------------------------------------------------


def test_arithmetic_findings_name_the_cell():
    s3 = consistent_s3()
    s3["results_total"][0] = 5  # （七）总计 自然人 5 instead of 2 — and 一+二 ≠ 三（七）+四 in that column
    findings = check_reading(read(report_text(s3=s3)))
    found = {(f.code, f.where) for f in findings}
    assert ("arith.results_total", "section3.results_total.natural_person") in found
    assert ("arith.balance", "section3.carried_to_next_year.natural_person") in found


def test_row_total_is_the_sum_of_the_applicant_columns():
    text = report_text().replace(
        "（一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "（一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 4 |"
    )
    assert ("arith.row_total", "section3.disclosed.total") in {(f.code, f.where) for f in check_reading(read(text))}


def test_section4_total_is_the_sum_of_its_parts():
    s4 = " | ".join(["1", "0", "0", "0", "2", *["0"] * 10])
    findings = check_reading(read(report_text(s4=s4)))
    assert [(f.code, f.where) for f in findings] == [("arith.section4_total", "section4.reconsideration.total")]


@pytest.mark.parametrize(
    ("intro", "severity"),
    [
        ("特向社会公开测试市民政局2022年度政府信息公开工作年度报告。", "error"),  # seed 003
        ("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", "error"),
        ("2022年度，测试市民政局未产生信息处理费。", "warning"),  # a paragraph left over from last year
    ],
)
def test_a_different_year_in_the_text_is_found(intro, severity):
    findings = [f for f in check_reading(read(report_text(intro=intro))) if f.code == "year.mismatch"]
    assert [f.severity for f in findings] == [severity]


@pytest.mark.parametrize(
    "intro",
    [
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "2022年，较上年增加3件。",  # a comparison names last year on purpose
        "2024年，我局将继续加强培训。",  # next year's plans
    ],
)
def test_the_right_year_and_comparisons_are_not_findings(intro):
    assert "year.mismatch" not in codes(report_text(intro=intro))


def test_a_missing_or_misplaced_section_is_found():
    assert codes(report_text(headings=(1, 2, 3, 4, 6))) == ["section.missing"]
    text = (
        report_text()
        .replace("五、存在的主要问题及改进情况", "X")
        .replace("二、主动公开政府信息情况", "五、存在的主要问题及改进情况\n二、主动公开政府信息情况")
    )
    assert "section.missing" in codes(text)


@pytest.mark.parametrize(
    ("other", "missing"),
    [
        ("本年度未收取信息处理费。", False),
        ("（一）收取信息处理费情况\n2023年度，未产生信息处理费。", False),
        ("（一）政务公开工作要点落实情况良好。", True),
    ],
)
def test_section_six_states_the_information_processing_fee(other, missing):
    # 国办函〔2020〕109号 and the 2021 format: section 六 reports 信息处理费.
    assert ("fees.missing" in codes(report_text(other=other))) is missing


@pytest.mark.parametrize(
    ("published", "kind", "late"),
    [("2024-01-31", None, False), ("2024-02-01", None, True), ("2024-03-01", "government", False)],
)
def test_late_publication(published, kind, late):
    assert ("deadline.late" in codes(report_text(published=published), kind=kind)) is late


@pytest.mark.parametrize(
    ("name", "kind"),
    [("测试县人民政府", "government"), ("测试市民政局", "department"), ("测试市人民政府办公室", "department")],
)
def test_kind_from_the_agency_name(name, kind):
    assert guess_kind(name) == kind


@pytest.mark.parametrize(("year", "legacy"), [(2020, False), (2021, True), (2024, True)])
def test_the_old_free_text_format_after_2021(year, legacy):
    # 国办公开办函〔2021〕30号: the format applies from the reports on 2021.
    text = (
        f"测试市民政局{year}年度政府信息公开工作年度报告\n发布日期：{year + 1}-01-10\n一、概述\n全年主动公开信息12条。"
    )
    assert ("format.legacy" in codes(text)) is legacy


def test_text_that_is_no_report_is_one_format_finding():
    assert codes("关于印发2018年政务公开工作要点的通知\n一、加强公开") == ["format.unknown"]


def test_a_wrong_expected_year_is_a_mismatch():
    assert "year.mismatch" in codes(report_text(), year=2024)


def test_carry_over_from_last_year():
    # report_template.json rules: 上年结转(Y) = 结转下年度(Y-1); 现行有效(Y) = 现行有效(Y-1) + 制发(Y) − 废止(Y).
    before = read(report_text(year=2022))  # 结转下年度 自然人 1; 行政规范性文件 现行有效 1

    def now(s3):
        text = report_text(s3=s3)
        return read(text.replace("行政规范性文件 | 1 | 0 | 1 |", "行政规范性文件 | 1 | 0 | 2 |"))

    s3 = consistent_s3()
    s3["carried_from_last_year"] = [1, 0, 0, 0, 0, 0]
    s3["new_this_year"] = [2, 1, 0, 0, 0, 0]
    assert check_pair(before, now(s3)) == []
    assert [f.code for f in check_pair(before, read(report_text(s3=s3)))] == ["carry.normative"]
    s3["carried_from_last_year"] = [2, 0, 0, 0, 0, 0]
    s3["new_this_year"] = [1, 1, 0, 0, 0, 0]
    found = [(f.code, f.where) for f in check_pair(before, now(s3))]
    assert found == [
        ("carry.requests", "section3.carried_from_last_year.natural_person"),
        ("carry.requests", "section3.carried_from_last_year.total"),
    ]


def test_result_rows_are_the_templates():
    assert len(RESULT_ROWS) == 21 and len(S3_LABELS) == 25
