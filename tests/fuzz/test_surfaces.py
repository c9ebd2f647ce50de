"""Property-based fuzzing of the surfaces hostile input reaches (issue 12): whatever is sent, the answer is a page or
a refusal — never a server error — and nothing is half-written.

In the suite each surface gets a few dozen examples (``GONGKAI_FUZZ_EXAMPLES``, default 25); the long run of
docs/security.md is ``GONGKAI_FUZZ_EXAMPLES=10000 bash scripts/test tests/fuzz -p no:randomly``.
"""

from __future__ import annotations

import io
import os
import string

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Role
from gongkai.checker.checking import check_documents
from gongkai.core.tabular import ImportRejected
from gongkai.engagement import tables as engagement_tables
from gongkai.engagement.models import Consultation
from gongkai.foi import services as foi_services
from gongkai.foi.models import InfoRequest
from gongkai.law.identifiers import make_resident_id

EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,  # the suite's short run is the same every time; the long run explores
)
OK = {200, 302, 400, 403, 404, 405, 413, 429}

# Text as hostile users type and paste it: any Unicode (control characters, NUL, surrogates excluded by the HTTP
# layer anyway), very long strings, numbers far out of range, Chinese, HTML and SQL fragments.
hostile = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["", " ", "\x00", "\x0b", "\x01abc", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "１２３"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "1e400", "NaN", "-0", "2026/12/01"]),
    st.text(alphabet="张三李四民政局低保", min_size=1, max_size=5000),
)


def _post(client: Client, url: str, data: dict) -> int:
    response = client.post(url, data)
    return response.status_code


@pytest.mark.django_db
@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "kind": st.one_of(st.sampled_from(["natural_person", "commercial_enterprise", "other_org"]), hostile),
            "name": hostile,
            "id_type": st.one_of(st.sampled_from(["", "resident_id", "credit_code", "other"]), hostile),
            "id_number": st.one_of(st.just(make_resident_id("99010219800101555")), hostile),
            "phone": hostile,
            "email": hostile,
            "address": hostile,
            "description": hostile,
            "purpose": hostile,
            "wanted_form": st.one_of(st.sampled_from(["electronic", "paper"]), hostile),
            "delivery": st.one_of(st.sampled_from(["email", "post"]), hostile),
            "website": st.sampled_from(["", ""]),
        }
    ),
    address=st.ip_addresses(v=4).map(str),
)
def test_the_public_request_form(jurisdiction, data, address):
    client = Client(REMOTE_ADDR=address)
    before = InfoRequest.objects.count()
    status = _post(client, reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]), data)
    assert status in OK
    assert InfoRequest.objects.count() - before in ((1,) if status == 302 else (0,))


@pytest.mark.django_db
@FUZZ
@given(code=hostile, query=hostile, address=st.ip_addresses(v=4).map(str))
def test_tracking(code, query, address):
    assert (
        _post(Client(REMOTE_ADDR=address), reverse("foi_public:track"), {"tracking_code": code, "query_code": query})
        in OK
    )


@pytest.mark.django_db
@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(["q", "agency", "category", "year", "validity", "page", "sort"]), hostile)
)
def test_search(jurisdiction, params):
    assert Client().get(reverse("search:results"), params).status_code in OK


def _csv(header: list[str], rows: list[list[str]]) -> io.BytesIO:
    lines = [
        ",".join(header),
        *(",".join(cell.replace(",", "，").replace("\n", " ").replace("\r", " ") for cell in row) for row in rows),
    ]
    return io.BytesIO("\n".join(lines).encode("utf-8", "surrogatepass"))


REGISTER_HEADER = [
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "申请内容",
    "答复日期",
    "办理结果",
]


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(st.lists(hostile, min_size=len(REGISTER_HEADER), max_size=len(REGISTER_HEADER)), max_size=4))
def test_the_register_import(jurisdiction, rows):
    before = InfoRequest.objects.count()
    try:
        created = foi_services.register_import(
            actor=None, agency=jurisdiction["civil"], source=_csv(REGISTER_HEADER, rows)
        )
    except (ImportRejected, ValidationError):
        assert InfoRequest.objects.count() == before  # all rows or none
    else:
        assert InfoRequest.objects.count() == before + len(created)


CONSULTATION_HEADER = ["咨询日期", "渠道", "咨询事项", "是否答复"]


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(st.lists(hostile, min_size=4, max_size=4), max_size=4))
def test_the_engagement_import(jurisdiction, rows):
    before = Consultation.objects.count()
    try:
        created = engagement_tables.import_records(
            actor=None, agency=jurisdiction["civil"], kind="consultations", source=_csv(CONSULTATION_HEADER, rows)
        )
    except (ImportRejected, ValidationError):
        assert Consultation.objects.count() == before  # all rows or none
    else:
        assert Consultation.objects.count() == before + len(created)


@pytest.mark.django_db
@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from(
            [
                "year",
                "licensing.decisions",
                "penalty.decisions",
                "coercion.decisions",
                "fees.amount_10k_yuan",
                "licensing.source",
                "fees.source",
            ]
        ),
        hostile,
    )
)
def test_the_figures_form(jurisdiction, admin_client_for_civil, values):
    url = reverse("cases_staff:figures", args=[jurisdiction["civil"].pk])
    assert admin_client_for_civil.post(url, values).status_code in OK


@pytest.fixture
def admin_client_for_civil(jurisdiction, client_for):
    return client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])


DOCUMENT_HEADS = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><title>", b"\xef\xbb\xbf", b"\xff\xfe"]


@FUZZ
@given(head=st.sampled_from(DOCUMENT_HEADS), body=st.binary(max_size=4000), text=hostile)
def test_the_report_checker(head, body, text):
    # any bytes, as any format: a reading with findings or a refusal — never an exception
    for data in (head + body, head + text.encode("utf-8", "surrogatepass")):
        results = check_documents([("报告", data)])
        assert len(results) == 1


@FUZZ
@given(text=st.text(alphabet=string.printable + "一二三四五六七八九十（）、年度报告政府信息公开表三件", max_size=3000))
def test_the_report_checker_on_report_shaped_text(text):
    assert len(check_documents([("报告.txt", ("2025年政府信息公开工作年度报告\n" + text).encode())])) == 1
