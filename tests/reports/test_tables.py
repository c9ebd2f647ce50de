"""`gongkai report tables`: the statutory tables computed from an imported register give the figures a person counts by
hand from the same register (two years, with carry-over), in a constant number of queries."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.disclosure.services import catalog_seed
from gongkai.foi.importing import import_register
from gongkai.law.outcomes import report_template
from gongkai.reports import selectors

HEADER = "收到日期,申请方式,申请人类型,申请人,证件号码,联系电话,申请内容,补正通知日期,补正收到日期,延期工作日,答复日期,办理结果,备注"
REGISTER = [
    # received, kind, name, answered, result
    ("2025-02-10", "自然人", "张一", "2025-02-28", "予以公开"),
    ("2025-03-05", "自然人", "张二", "2025-03-25", "部分公开"),
    ("2025-04-01", "商业企业", "恒达公司", "2025-04-20", "本机关不掌握相关政府信息"),
    ("2025-06-02", "法律服务机构", "正义律所", "2025-06-20", "属于国家秘密"),
    ("2025-09-01", "科研机构", "江源大学", "2025-09-15", "予以公开"),
    ("2025-12-22", "自然人", "张三", "2026-01-12", "予以公开"),
    ("2025-12-26", "社会公益组织", "助老协会", "", ""),
    ("2026-02-02", "自然人", "张四", "2026-02-10", "重复申请"),
    ("2026-03-02", "其他", "业主委员会", "2026-03-20", "予以公开"),
    ("2026-03-09", "商业企业", "兴旺公司", "", ""),
]

# Counted by hand from REGISTER (2021 format, 表三): only the non-zero cells.
HAND_2025 = {
    "new_this_year": {
        "natural_person": 3,
        "commercial_enterprise": 1,
        "research_institution": 1,
        "public_interest_org": 1,
        "legal_service_org": 1,
        "total": 7,
    },
    "disclosed": {"natural_person": 1, "research_institution": 1, "total": 2},
    "partly_disclosed": {"natural_person": 1, "total": 1},
    "withheld_state_secret": {"legal_service_org": 1, "total": 1},
    "unavailable_not_held": {"commercial_enterprise": 1, "total": 1},
    "results_total": {
        "natural_person": 2,
        "commercial_enterprise": 1,
        "research_institution": 1,
        "legal_service_org": 1,
        "total": 5,
    },
    "carried_to_next_year": {"natural_person": 1, "public_interest_org": 1, "total": 2},
}
HAND_2026 = {
    "new_this_year": {"natural_person": 1, "commercial_enterprise": 1, "other_org": 1, "total": 3},
    "carried_from_last_year": {"natural_person": 1, "public_interest_org": 1, "total": 2},
    "disclosed": {"natural_person": 1, "other_org": 1, "total": 2},
    "not_processed_repeat": {"natural_person": 1, "total": 1},
    "results_total": {"natural_person": 2, "other_org": 1, "total": 3},
    "carried_to_next_year": {"public_interest_org": 1, "commercial_enterprise": 1, "total": 2},
}


def _register(rows=REGISTER) -> io.BytesIO:
    lines = [HEADER] + [f"{r},网上,{k},{n},,,政府信息,,,,{a},{res}," for r, k, n, a, res in rows]
    return io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))


def _nonzero(section3: dict) -> dict:
    return {row: {c: v for c, v in cells.items() if v} for row, cells in section3.items() if any(cells.values())}


@pytest.fixture
def civil(jurisdiction):
    agency = jurisdiction["civil"]
    import_register(actor=None, agency=agency, source=_register(), today=dt.date(2026, 3, 31))
    return agency


def _tables_cli(agency, year: int) -> dict:
    out = io.StringIO()
    call_command("report", "tables", "--agency", agency.credit_code, "--year", str(year), stdout=out)
    return json.loads(out.getvalue())


def test_cli_gives_the_hand_counted_figures_over_two_years(civil):
    y25, y26 = _tables_cli(civil, 2025), _tables_cli(civil, 2026)
    assert _nonzero(y25["section3"]) == HAND_2025
    assert _nonzero(y26["section3"]) == HAND_2026
    # carry-over: what 2025 carried out is what 2026 carried in, column by column
    assert y25["section3"]["carried_to_next_year"] == y26["section3"]["carried_from_last_year"]


def test_cli_json_has_exactly_the_template_keys(civil):
    tables = _tables_cli(civil, 2025)
    template = report_template()
    assert set(tables) == {"section2", "section3", "section4"}
    section2_rows = {row: set(block["columns"]) for block in template["section2"]["blocks"] for row in block["rows"]}
    assert {row: set(cells) for row, cells in tables["section2"].items()} == section2_rows
    assert list(tables["section3"]) == [key for key, _ in template["section3"]["rows"]]
    for cells in tables["section3"].values():
        assert list(cells) == list(template["section3"]["columns"])
    assert set(tables["section4"]) == set(template["section4"]["groups"])
    for cells in tables["section4"].values():
        assert set(cells) == set(template["section4"]["columns"])


def test_cli_check_passes_and_errors_exit_2(civil):
    out = io.StringIO()
    call_command("report", "check", "--agency", civil.credit_code, "--year", "2026", stdout=out)
    assert json.loads(out.getvalue()) == {"passed": True, "failures": []}
    with pytest.raises(CommandError) as caught:
        call_command("report", "tables", "--agency", "11990100MB0000099", "--year", "2025")
    assert caught.value.returncode == 2


def test_a_closed_request_without_result_is_named(civil):
    from gongkai.foi.models import InfoRequest

    request = InfoRequest.objects.filter(closed_on__year=2025).first()
    InfoRequest.objects.filter(pk=request.pk).update(outcome="")
    with pytest.raises(CommandError) as caught:
        call_command("report", "tables", "--agency", civil.credit_code, "--year", "2025")
    assert caught.value.returncode == 2 and request.tracking_code in str(caught.value)


def test_section2_normative_documents_from_the_catalog(civil):
    catalog_seed(actor=None, agency=civil)
    category = civil.catalog_categories.get(code="A01")

    def doc(formed, repealed=None, kind="normative_document"):
        CatalogItem.objects.create(
            agency=civil,
            category=category,
            title="x",
            state=ItemState.PUBLISHED,
            normative_kind=kind,
            formed_on=formed,
            published_on=formed,
            repealed_on=repealed,
            validity="repealed" if repealed else "valid",
        )

    doc(dt.date(2024, 5, 1))
    doc(dt.date(2024, 6, 1), dt.date(2025, 7, 1))
    doc(dt.date(2025, 3, 1))
    doc(dt.date(2025, 8, 1), kind="rule")
    CatalogItem.objects.create(
        agency=civil,
        category=category,
        title="draft",
        normative_kind="normative_document",
        formed_on=dt.date(2025, 1, 1),
    )
    tables = _tables_cli(civil, 2025)
    assert tables["section2"]["normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 2}
    assert tables["section2"]["rules"] == {"issued": 1, "repealed": 0, "in_force": 1}


def test_query_count_does_not_grow_with_the_register(jurisdiction):
    civil = jurisdiction["civil"]
    import_register(actor=None, agency=civil, source=_register(REGISTER[:3]), today=dt.date(2026, 3, 31))
    with CaptureQueriesContext(connection) as small:
        selectors.compute(civil, 2025)
    import_register(actor=None, agency=civil, source=_register(REGISTER * 4), today=dt.date(2026, 3, 31))
    with CaptureQueriesContext(connection) as large:
        tables, _ = selectors.compute(civil, 2025)
    assert tables["section3"]["new_this_year"]["total"] == 3 + 7 * 4
    assert len(large) == len(small) <= 12
