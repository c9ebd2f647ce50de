"""The prose checks (gongkai.law.report_prose): real slips fire, legitimate wording does not.

Positive cases are excerpts of real published reports (tests/checker/real/docs/<file>, cited beside each); negative
cases are wording the same reports use rightly, which must not fire.
"""

from __future__ import annotations

import re

import pytest

from gongkai.checker.checking import check_documents
from gongkai.checker.sources import read_lines
from gongkai.law.report_prose import PROSE_CODES, prose_findings, stale_figures
from gongkai.law.report_reading import CHECK_CODES, read_report
from tests.checker import corpus
from tests.checker.real import schema


def codes(paragraphs: list[str], **context) -> set[str]:
    return {f.code for f in prose_findings(paragraphs, **context)}


# (paragraphs, code that must fire, where the text comes from)
FIRES = [
    (["二、主动公开政府政府情况"], "prose.repeat", "2021-2021-zhouwan-town.txt"),
    (["（五）完善监督保障保障机制"], "prose.repeat", "2021-2022-paoli-street.txt"),
    (["2021年以来，鸭南乡乡人民政府在市委、市政府的正确领导下"], "prose.repeat", "2021-2021-yanan-township.txt"),
    (
        ["政府信息公开平台建设稳步推进。我镇镇高度重视政府网站平台建设工作，"],
        "prose.repeat",
        "2021-2023-xianan-town.txt",
    ),
    (
        [
            "全文由总体情况、行政机关主动公开政府信息情况、行政机关收到和处理政府信息公开申请情况、"
            "因政府信息公开工作被申请行政复议、因政府信息公开工作被申请行政复议和提起行政诉讼情况组成。"
        ],
        "prose.repeat",
        "2021-2023-xialu-civil-affairs.txt",
    ),
    (["进一步进一步加强政府信息公开工作。"], "prose.repeat", "issue 15's example"),
    (
        ["不予公开2件，属于四类过程性性信息1件，本办不掌握相关政府信息1件。"],
        "prose.repeat",
        "2021-2022-hanyang-gov-office.txt",
    ),
    (
        ["通过政府网站、公开栏、年度报告等栏目主动公开政府信息260余", "二、主动公开政府信息情况"],
        "prose.missing_word",
        "2019-2020-zhongcun-township.txt",
    ),
    (
        ["(四)政务公开平台建设情况", "四是各行政村设立宣传栏及时内容。", "二、主动公开政府信息情况"],
        "prose.missing_word",
        "2021-2022-paoli-street.txt",
    ),
    (
        ["全年累计主动公开政府信息72,其中工作动态58条，政策法规5条。"],
        "prose.missing_word",
        "2021-2023-guangshun-town.txt",
    ),
    (
        ["全文包括总体情况、主动公开政府信息情况、其他需要报告的事项个部分年报电子版通过门户网站全文公开。"],
        "prose.missing_word",
        "2021-2023-jiayu-civil-affairs.txt",
    ),
    (
        ["一是主动公开方面。确保民众及时获取关键信息二是依申请公开方面。规范依申请公开办理流程。"],
        "prose.missing_word",
        "2021-2024-daixian-health.txt",
    ),
    (
        ["(三)丰富公开渠道形式以政府网站为载体，达到线上线下公布公开效果2023年，万潮镇累计发布工作动态34条。"],
        "prose.missing_word",
        "2021-2023-wanchao-town.txt",
    ),
    (
        ["(一)强化组织领导,不断完善政府信息与政务公开工作机制一是领导高度重视。我镇高度重视。二是完善工作制度。"],
        "prose.missing_word",
        "下各镇 2023 (www.zjxj.gov.cn, not in the corpus)",
    ),
    (
        ["强化“录审分离”机制,我局积极配合调整,并结合我镇政府信息公开前保密审查制度。", "本镇主动公开信息130条。"],
        "prose.wrong_agency",
        "龙游县横山镇 2023 (www.longyou.gov.cn, not in the corpus)",
    ),
    (
        ["其中,予以公开答复966件,占66.48%;部分公开67,占4.61%;不予公开81件,占5.57%。"],
        "prose.missing_word",
        "a district's 2022 summary of requests (pages corpus, not in the corpus)",
    ),
    (["积极参与培训，不管提升业务能力。"], "prose.typo", "2021-2023-guangshun-town.txt"),
    (
        ["工作动态信息5条,财政预决算信息19条,他其信息报告1条。"],
        "prose.typo",
        "龙归镇 2016 (www.sgwjq.gov.cn, not in the corpus)",
    ),
    (["昌图县七家子镇2023年政府信息公开 工作告年度报"], "prose.typo", "2021-2023-qijiazi-town.txt"),
    (
        ["全文包括总体情况，公开的内容、存在的主要问题改进措施四个部分。", "一、总体情况"],
        "prose.numbering",
        "2019-2020-zhongcun-township.txt",
    ),
    (
        [
            "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在问题及改进情况、"
            "其他需要报告的事项等六部分组成。",
            "一、总体情况",
        ],
        "prose.numbering",
        "2021-2023-district-statistics-bureau.txt",
    ),
    (
        [
            "本年报由基本工作情况，主动公开政府信息情况，回应解读情况，依申请公开政府信息情况，行政复议诉讼和举报投诉情况，"
            "机构建设、保障经费和培训会议情况，存在问题及工作打算，附件，共九个部分组成。",
            "一、基本工作情况",
        ],
        "prose.numbering",
        "pre2019-2017-longtan-gov.txt",
    ),
    (
        [
            "本报告由概述，主动公开政府信息情况，依申请公开、不予公开及咨询政府信息情况等五部分组成。",
            "一、概述",
            "五、政府信息公开的收费及减免情况",
            "六、工作存在的主要问题及下步打算",
        ],
        "prose.numbering",
        "pre2019-2017-tljq-township.txt",
    ),
    (
        [
            "内容包括总体情况、政府信息公开工作情况、存在的问题及整改措施三部分。",
            "一、总体情况",
            "二、主动公开政府信息情况",
        ],
        "prose.numbering",
        "2019-2020-dalong-township.txt",
    ),
    (
        [
            "本报告由概述、主动公开政府信息情况、政府信息依申请公开办理情况、政府信息公开的收费及减免情况、"
            "存在的主要问题和改进情况等部分组成。",
            "一、总体情况",
        ],
        "prose.numbering",
        "2021-2021-zhouwan-town.txt",
    ),
    (
        ["一、概述", "二、主动公开政府信息情况", "四、政府信息公开的收费及减免情况"],
        "prose.numbering",
        "a 2008-era report",
    ),
    (["（一）加强组织领导。", "（二）完善制度。", "（四）强化监督。"], "prose.numbering", "issue 15's example"),
    (
        ["1.加强组织领导，完善工作机构", "2.建立规章制度，落实公开内容", "4.健全配套措施，强化工作督查"],
        "prose.numbering",
        "2021-2021-jianning-township.txt, 3. made 4.",
    ),
    (
        ["我乡高度重视政府信息公开工作。", "我乡主动公开信息12条。", "2017年我办对信息公开免费提供，"],
        "prose.wrong_agency",
        "pre2019-2017-tljq-township.txt",
    ),
]

# (paragraphs, context, code, source): checks that need the report's own agency, or the next paragraph.
FIRES_WITH_CONTEXT = [
    (
        ["本年度报告由周湾镇人民政府编制，本报告由概述等部分组成。"],
        {"agency": "仙庵镇"},
        "prose.wrong_agency",
        "zhouwan's sentence in another town's report",
    ),
    (
        ["现将周湾镇2021年度政府信息公开工作报告如下:"],
        {"agency": "仙庵镇人民政府"},
        "prose.wrong_agency",
        "a copied introduction",
    ),
    (
        ["通过政府网站主动公开政府信息，", "二、主动公开政府信息情况"],
        {},
        "prose.missing_word",
        "a sentence cut off before the next heading",
    ),
]

# (paragraphs, context, where the wording comes from): legitimate wording that must give no prose finding at all.
QUIET = [
    (["确保群众及时获取信息。", "定期更新内容，及时发布动态。"], {}, "the verb present: no missing word"),
    (["要紧紧围绕中心工作，常常深入基层，人人参与，层层落实。"], {}, "pre2019-2012-nanping-gov.txt and others"),
    (["做到“件件有回应、事事有落实”。"], {}, "2021-2023-saintpaulhem-bureau.txt"),
    (
        ["认真贯彻落实市政府、市市场监管局、渝中区关于政府信息公开的要求。"],
        {},
        "2021-2021-yuzhong-market-regulation.txt",
    ),
    (["组织编制《城口县县、乡镇(街道)两级基层政务公开标准目录》。"], {}, "2019-2020-chengkou-county-gov.txt"),
    (["把加强政府信息公开工作作为推进服务政府的重要抓手。"], {}, "2021-2023-qijiazi-town.txt"),
    (["强化公众参与与监督。", "触摸屏村村公开。"], {}, "2021-2024-qiaokou-health.txt, 2021-2022-huangdao-street.txt"),
    (["关怀版 无障碍 无障碍"], {}, "2019-2020-zhongcun-township.txt (a menu, words apart)"),
    (["全年公开以市政府和市政府办公室名义印发的文件58件。"], {}, "2019-2020-xiaogan-general-office.txt"),
    (["的的确确做到公开透明，实现公开的目的的同时保护个人信息。"], {}, "reduplication 的的确确, 目的 + 的"),
    (["我县县长、我局局长出席会议。"], {}, "县长, 局长"),
    (
        [
            "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
            "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分组成。",
            "一、总体情况",
        ],
        {},
        "2021-2024-changchun-health.txt (a part's name holds a 、)",
    ),
    (
        [
            "本报告包括总体情况、主动公开政府信息情况、依申请公开情况、行政复议和行政诉讼情况、"
            "存在的主要问题及改进措施和其他需要报告的事项共六个部分组成。"
        ],
        {},
        "2021-2022-huangdao-street.txt (“…和其他需要报告的事项” is a part)",
    ),
    (
        [
            "全文包括行政机关主动公开政府信息的情况;行政机关依申请公开政府信息和不予公开政府信息的情况;"
            "政府信息公开收费及减免情况;政府信息公开工作存在的主要问题及改进情况等。",
            "一、信息公开工作概述",
        ],
        {},
        "pre2019-2014-lucheng-finance.txt (an open list “…等”, a 2014 report)",
    ),
    (
        ["一、总体情况", "二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况"],
        {"year": 2023},
        "a missing statutory section is section.missing's",
    ),
    (
        ["第二十条第（一）项", "（一）予以公开", "（三）不予公开", "1.属于国家秘密", "3.危及“三安全一稳定”"],
        {},
        "table rows flattened one cell per line (2021-2023-xjnlk-town.txt)",
    ),
    (["发布重点领域信息162"], {}, "2021-2023-xuanzhou-civil-affairs.txt: the excerpt's last words"),
    (
        ["共收到政府信息公开申请3件，办结3件。", "二是依申请公开方面。", "统一是前提。"],
        {},
        "units present; a point after punctuation",
    ),
    (["我镇高度重视政务公开。", "本镇主动公开信息20条。"], {"agency": "仙庵镇"}, "a town that calls itself 我镇"),
    (["我办主动公开信息20条。", "我办高度重视。"], {"agency": "大明湖街道办事处"}, "a street office is 我办 by right"),
    (
        ["我县高度重视。", "本市统一部署。"],
        {},
        "a district or county naming its city (2021 reports of Shanghai's districts)",
    ),
    (["截至2023年，在2023年，全镇于2023年，累计公开。"], {}, "a year inside its sentence"),
    (
        ["(三) 政府信息管理情况 2022年,西柳镇人民政府办公室共制定规范性文件0件。"],
        {},
        "a heading and its text set apart",
    ),
    (["坚持统一是前提，二是关键。", "这是重要举措之一是因为…"], {}, "统一是, 之一是: no points"),
    (
        [
            "报告全文由“总体情况”、“主动公开政府信息情况”、“收到和处理政府信息公开申请情况”、“政府信息公开行政复议、"
            "行政诉讼情况”、“存在的主要问题及改进情况”、“其他需要报告的事项”六个部分组成。",
            "一、总体情况",
        ],
        {},
        "海沧区卫生健康局 2022 (www.haicang.gov.cn, not in the corpus): quoted parts",
    ),
    (
        [
            "报告包括政府信息公开工作总体情况、主动公开政府信息情况和收到处理政府信息公开申请情况、政府信息公开行政复议和"
            "行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项六个部分。",
            "一、总体情况",
        ],
        {},
        "建章路街道 2025 (www.xixianxinqu.gov.cn, not in the corpus): parts joined by 和",
    ),
    (
        [
            "本年报由概述,主动公开政府信息情况,依申请公开政府信息和不予公开政府信息情况,收费和减免情况,因政府信息公开申请"
            "行政复议、提起行政诉讼的情况,存在的主要问题和改进措施,其他报告事项以及附表等八部分组成。",
            "一、概述",
        ],
        {},
        "永嘉县委农办 2016 (not in the corpus): “…事项以及附表” is two parts",
    ),
    (["(二)部分公开 22 , 5", "其中予以公开11件、部分公开22件。"], {}, "a table row with spaces; units present"),
    (["本年度报告由仙庵镇人民政府编制。"], {"agency": "仙庵镇"}, "its own name, longer"),
    (["本报告由长安区砲里街道办事处编制。"], {"agency": "砲里街道"}, "2021-2022-paoli-street.txt"),
    (
        ["本报告由区统计局编制。"],
        {"agency": "西湖区统计局"},
        "2021-2023-district-statistics-bureau.txt: no place named",
    ),
    (
        ["本年报由南平市人民政府信息公开工作领导小组办公室编制。"],
        {"agency": "南平市人民政府"},
        "pre2019-2012-nanping-gov.txt",
    ),
    (["在市委、市政府和杭州市西湖区人民政府的正确领导下，"], {"agency": "仙庵镇"}, "superiors mentioned by right"),
    (
        ["现将2020年度政府信息公开工作报告如下:", "一、总体情况"],
        {},
        "2019-2020-baokang-county.txt: a colon heads what follows",
    ),
    (
        ["全年主动公开政府信息72", "条，其中工作动态58条。"],
        {},
        "a PDF paragraph broken by a page: the next line continues it",
    ),
]


@pytest.mark.parametrize(("paragraphs", "code", "source"), FIRES, ids=[f"{c}:{s}" for _p, c, s in FIRES])
def test_a_real_slip_is_found(paragraphs, code, source):
    assert code in codes(paragraphs)


@pytest.mark.parametrize(("paragraphs", "context", "source"), QUIET, ids=[s for _p, _c, s in QUIET])
def test_legitimate_wording_gives_nothing(paragraphs, context, source):
    assert codes(paragraphs, **context) == set()


@pytest.mark.parametrize(
    ("paragraphs", "context", "code", "source"), FIRES_WITH_CONTEXT, ids=[s for _p, _c, _code, s in FIRES_WITH_CONTEXT]
)
def test_a_slip_judged_in_its_context_is_found(paragraphs, context, code, source):
    assert code in codes(paragraphs, **context)


def test_findings_are_warnings_that_name_the_text():
    (finding,) = prose_findings(["（五）完善监督保障保障机制"])
    assert (finding.code, finding.severity) == ("prose.repeat", "warning")
    assert "保障保障" in finding.message and finding.where == "保障保障"


def test_the_codes_are_the_checkers_and_the_corpus_schemas():
    assert set(PROSE_CODES) <= set(CHECK_CODES)
    assert set(PROSE_CODES) - {"prose.stale_figure"} <= set(schema.EXTRA_CODES)


# Real documents of the corpus, checked whole (read as the checker reads them): the prose codes found.
WHOLE = {
    "2021-2023-xianan-town.txt": {"prose.repeat"},
    "pre2019-2017-tljq-township.txt": {"prose.numbering", "prose.wrong_agency"},
    "2021-2024-daixian-health.txt": {"prose.missing_word"},
    "2021-2024-wujin-health.txt": {"prose.numbering"},
    "2021-2023-qijiazi-town.txt": {"prose.typo"},
    "pre2019-2017-anhui-province.txt": set(),
    "2021-2022-shanghai-city.txt": set(),
    "2019-2019-shanghai-general-office.html": set(),
}


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_real_reports_whole(name):
    _source, lines = read_lines((schema.DOCS / name).read_bytes())
    reading = read_report(lines)
    found = codes([t for _i, t in reading.paragraphs], agency=reading.agency, title=reading.title, year=reading.year)
    assert found == WHOLE[name]


def test_last_years_figure_left_in_the_text():
    assert [
        f.code
        for f in stale_figures({"requests_received": 137}, {"requests_received": 236}, {"requests_received": 137})
    ] == ["prose.stale_figure"]
    # The text agrees with this year's table, or the figure did not change, or last year is unknown: nothing.
    assert stale_figures({"requests_received": 236}, {"requests_received": 236}, {"requests_received": 137}) == []
    assert stale_figures({"requests_received": 5}, {"requests_received": 9}, {"requests_received": 9}) == []
    assert stale_figures({"requests_received": 137}, {"requests_received": 236}, {}) == []
    # A wrong figure that is not last year's is text.table_mismatch's alone.
    assert stale_figures({"requests_received": 100}, {"requests_received": 236}, {"requests_received": 137}) == []


def test_check_documents_compares_this_years_text_with_last_years_report():
    before, now = corpus.pair(23)
    last_year = before.tables["section3"]["new_this_year"]["total"]
    this_year = now.tables["section3"]["new_this_year"]["total"]
    assert last_year != this_year
    stale = re.sub(r"全年新收政府信息公开申请\d+件", f"全年新收政府信息公开申请{last_year}件", corpus.to_text(now))
    files = [("before.txt", corpus.to_text(before).encode()), ("now.txt", stale.encode())]
    findings = check_documents(files)[1].findings
    (finding,) = [f for f in findings if f.code == "prose.stale_figure"]
    assert finding.where == "section3.new_this_year.total" and str(last_year) in finding.message
    # Alone, this year's report cannot tell: only text.table_mismatch.
    alone = check_documents(files[1:])[0].findings
    assert "prose.stale_figure" not in {f.code for f in alone} and "text.table_mismatch" in {f.code for f in alone}
    # The untouched pair gives no prose finding at all.
    clean = [("before.txt", corpus.to_text(before).encode()), ("now.txt", corpus.to_text(now).encode())]
    assert not [f for r in check_documents(clean) for f in r.findings if f.code.startswith("prose.")]
