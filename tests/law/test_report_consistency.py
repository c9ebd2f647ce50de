"""``text.inconsistent`` (gongkai.law.report_consistency): figures in a report's text that contradict each other.

条例 第六条: “行政机关应当及时、准确地公开政府信息。”  Positive cases are excerpts of real published reports
(tests/checker/real/docs/<file>, cited beside each); negative cases are the wording real reports use rightly — a
breakdown that adds up, parts that do not claim to be complete, channels that carry the same items, shares, running
totals, another year's count — and must stay quiet.
"""

from __future__ import annotations

import unicodedata

import pytest

from gongkai.checker.checking import check_documents
from gongkai.checker.names import CHECK_NAMES
from gongkai.law.report_consistency import CODE, inconsistent_figures
from gongkai.law.report_reading import CHECK_CODES
from tests.checker.real import schema
from tests.checker.real.schema import DOCS

# (paragraphs, the figures the message must name, where the text comes from)
FIRES = [
    (
        ["另外本年度受理政府信息咨询372人次,其中现场咨询331人次,电话咨询61人次。"],
        ("392", "372"),
        "2019-2019-mashui-town.txt: the parts exceed the whole",
    ),
    (
        [
            "通过县政府门户网站等平台主动公开政府信息6391条，其中概况类信息1105条；政务动态类信息2896条；"
            "政府文件、工作报告、财务预决算、重大事件等民众关心的其他信息共计2004条。"
        ],
        ("6005", "6391"),
        "2019-2020-shanyang-county-gov.txt: parts ending in 其他 that do not make the whole",
    ),
    (
        [
            "东河区政府网站首页共当年更新信息371件（累计公开4092件）。其中，公开政府文件23件（累计公开件184件）；"
            "公开信息动态348条（累计公开3808条）。"
        ],
        ("3992", "4092"),
        "pre2019-2014-donghe-gov.txt: the year's parts add up, their running totals do not",
    ),
    (
        [
            "2024年我单位共制作信息30条，其中主动公开信息数24条，占比80%；依申请公开信息数6条，占比20%。",
            "2024年未受理依申请公开信息申请，历年累计受理依申请公开信息申请0条。",
        ],
        ("6条", "未受理依申请公开信息申请"),
        "2021-2024-yongan-health.txt: items disclosed on request, and no request",
    ),
    (
        [
            "2022年，我局通过示范区管委会网站审计信息栏目公开信息20条。",
            "在管委会网站政府信息公开栏目设置有审计信息专栏，全年通过审计信息专栏公开政府信息16条。",
        ],
        ("20", "16", "审计信息"),
        "2021-2022-yangling-audit.txt: one column, two counts",
    ),
    (
        ["全年共受理政府信息公开申请12件（其中，当面申请5件，网上申请6件，信函申请3件）。"],
        ("14", "12"),
        "the shape of mashui's breakdown, in brackets",
    ),
    (
        ["全年主动公开政府信息1,200条，其中政策文件300条，工作动态800条，其他信息50条。"],
        ("1150", "1200"),
        "a thousands separator, and the 其他 rule",
    ),
]

# Excerpts of real reports outside the corpus (an unscored check for false alarms; source beside each).
HUAIROU_2010 = "https://www.bjhr.gov.cn/zfxxgkzl/gknb/2010nb/qzfbm2010/202003/t20200317_2398121.html"
PINGDU_2023 = "http://www.pingdu.gov.cn/bmxxgkml_15/pdsgaj_15/xxgkml_15/ndgzbg_15/202401/t20240116_7794358.shtml"
TIANMEN_2025 = "http://www.tianmen.gov.cn/zwgk/zfxxgkgz/zfxxgknb/zfnbhz/srmzfbgs"
HEPING_2020 = "http://mhk.gov.cn/zwgk/xxgk/xzj/hpjd/ndbg/202101/t20210125_44745.html"

QUIET = [
    (
        ["在主动公开的信息中,业务动态类信息174条,其中子目录中形势分析类20条(同时撤销2条),工作动态类156条。"],
        f"a part with a withdrawal beside it: 20 - 2 + 156 = 174 ({HUAIROU_2010})",
    ),
    (
        [
            "2023年度,我局共收到信息公开申请22起,答复22起。其中公开1起,不属于政府信息4起,告知其他途径3起,不存在9起,属于行政执法案卷5起。"
        ],
        f"a breakdown in 起 that adds up ({PINGDU_2023})",
    ),
    (
        [
            "全年主动公开政府信息124条,其中政府文件和解读信息21条、政务督查信息45条、财政资金信息10条、政府工作报告1条、"
            "政府公报4条、政府会议20条,其他23条。"
        ],
        f"a breakdown ending in 其他 that adds up ({TIANMEN_2025})",
    ),
    (
        [
            "2020年和平街道主动公开政府信息73条,其中依托梅河口市政府网站主动公开信息73条;通过政务微信公众号公开政府信息73条;"
            "通过政务公开栏公开政府信息73条。"
        ],
        f"every item on every channel ({HEPING_2020})",
    ),
    (
        ["本年度主动公开政府信息59条(其中,领导信息1条,规划计划1条,法规公文2条,工作进展等48条,其它信息7条)。"],
        "2019-2019-mashui-town.txt: a breakdown that adds up",
    ),
    (["全年主动公开政府信息500条，其中政策文件120条，工作动态260条。"], "parts that do not claim to be complete"),
    (
        ["全年主动公开政府信息300条，其中通过政府网站公开280条，通过微信公众号公开190条。"],
        "channels carry the same items",
    ),
    (
        ["共制作信息30条，其中主动公开信息数24条，占比80%；依申请公开信息数6条，占比20%；不予公开信息数0条。"],
        "2021-2024-yongan-health.txt: the shares beside the counts",
    ),
    (
        ["共收到政府信息公开申请10件，其中予以公开6件，部分公开4件，全部按时办结10件。"],
        "the state of the whole listed after its parts",
    ),
    (
        ["本年公开政府文件23件（累计公开184件）。其中，规范性文件5件（累计公开60件）；其他文件18件（累计公开124件）。"],
        "running totals that add up",
    ),
    (
        ["2021年通过审计信息专栏公开政府信息15条。", "2022年，我局通过审计信息专栏公开政府信息20条。"],
        "one column, another year's count",
    ),
    (
        ["通过政务公开专栏公开信息20条。", "通过审计信息专栏公开信息16条。"],
        "two columns of different names",
    ),
    (
        [
            "2024年未收到新的政府信息公开申请，上年结转申请2件，依申请公开信息数2条。",
        ],
        "no new request, but requests carried over from last year",
    ),
    (["本年度未受理依申请公开信息申请，依申请公开信息数0条。"], "no request and nothing disclosed on request"),
    (
        [
            "办结147件，其中予以公开12件、部分公开14件、不予公开74件、无法提供7件、不予处理21件、其他处理19件；结转下年度继续办理8件。"
        ],
        "the next statement after the parts (tests/checker/corpus.py's wording, and many real reports')",
    ),
    (
        ["受理政府信息咨询372人次，其中现场咨询331人次，电话咨询41人次。"],
        "mashui's sentence with figures that add up to less than the whole",
    ),
]


@pytest.mark.parametrize(("paragraphs", "named", "source"), FIRES, ids=[c[2] for c in FIRES])
def test_contradictory_figures_are_found(paragraphs, named, source):
    findings = inconsistent_figures(paragraphs, year=2022)
    assert [f.code for f in findings] == [CODE]
    finding = findings[0]
    assert finding.severity == "warning"
    assert all(figure in finding.message for figure in named), finding.message
    # The finding points at the sentence, as the report prints it (full-width marks read as half-width).
    assert finding.where and finding.where in unicodedata.normalize("NFKC", "\n".join(paragraphs))


@pytest.mark.parametrize(("paragraphs", "source"), QUIET, ids=[c[1] for c in QUIET])
def test_figures_that_agree_are_quiet(paragraphs, source):
    assert inconsistent_figures(paragraphs, year=2022) == []


REAL = [
    "2019-2019-mashui-town.txt",
    "2019-2020-shanyang-county-gov.txt",
    "pre2019-2014-donghe-gov.txt",
    "2021-2024-yongan-health.txt",
    "2021-2022-yangling-audit.txt",
]


@pytest.mark.parametrize("name", REAL)
def test_the_checker_reports_it_on_the_real_report(name):
    result = check_documents([(name, (DOCS / name).read_bytes())])[0]
    assert [f.code for f in result.findings].count(CODE) == 1


def test_the_code_is_registered_where_every_check_is():
    assert CODE in CHECK_CODES
    assert CODE in CHECK_NAMES
    assert CODE not in schema.EXTRA_CODES  # the corpus no longer lists it among the checks not built
