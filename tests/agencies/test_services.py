"""Agency writes: validated 统一社会信用代码 (GB 32100-2015), no cycles, audit-logged changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency, AgencyKind, Department
from gongkai.agencies.services import agency_create, agency_update, department_create
from gongkai.audit.models import AuditEntry
from gongkai.law.identifiers import make_uscc

VALID = make_uscc("11990100MB0000009")


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        (VALID[:-1] + ("0" if VALID[-1] != "0" else "1"), "uscc.check"),  # GB 32100-2015: wrong check character
        (VALID[:17], "uscc.length"),
        (VALID[:10] + "I" + VALID[11:], "uscc.charset"),  # I, O, Z, S, V are not used
    ],
)
def test_agency_with_invalid_credit_code_is_refused_with_a_chinese_message(db, code, error_code):
    with pytest.raises(ValidationError) as caught:
        agency_create(actor=None, name="测试局", credit_code=code)
    error = caught.value.error_dict["credit_code"][0]
    assert error.code == error_code
    assert "统一社会信用代码" in error.message
    assert not Agency.objects.exists()
    assert not AuditEntry.objects.exists()


def test_credit_code_is_normalised_from_lower_case_and_full_width(db):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in VALID.lower())
    agency = agency_create(actor=None, name="测试局", credit_code=f"  {full_width} ")
    assert agency.credit_code == VALID


def test_duplicate_credit_code_is_refused(db):
    agency_create(actor=None, name="测试局", credit_code=VALID)
    with pytest.raises(ValidationError) as caught:
        agency_create(actor=None, name="另一个局", credit_code=VALID.lower())
    assert caught.value.error_dict["credit_code"][0].code == "agencies.credit_code_taken"
    assert Agency.objects.count() == 1


def test_update_records_old_and_new_values(jurisdiction, make_user):
    admin = make_user()
    civil = jurisdiction["civil"]
    agency_update(actor=admin, agency=civil, phone="0999-11112222", address=civil.address)
    entry = AuditEntry.objects.get(action="agency.update")
    assert entry.changes == {"phone": ["0999-87654321", "0999-11112222"]}
    assert entry.actor == admin and entry.agency_id == civil.pk


def test_update_without_change_writes_nothing(jurisdiction):
    before = AuditEntry.objects.count()
    agency_update(actor=None, agency=jurisdiction["civil"], phone=jurisdiction["civil"].phone)
    assert AuditEntry.objects.count() == before


def test_an_agency_cannot_become_its_own_ancestor(jurisdiction):
    city, county = jurisdiction["city"], jurisdiction["county"]
    with pytest.raises(ValidationError) as caught:
        agency_update(actor=None, agency=city, parent=county)
    assert caught.value.error_dict["parent"][0].code == "agencies.link_cycle"
    assert Agency.objects.get(pk=city.pk).parent_id is None


def test_department_names_are_unique_per_agency(jurisdiction):
    civil, county_civil = jurisdiction["civil"], jurisdiction["county_civil"]
    with pytest.raises(ValidationError):
        department_create(actor=None, agency=civil, name="办公室")
    department_create(actor=None, agency=county_civil, name="养老服务科")
    assert Department.objects.filter(name="养老服务科").count() == 2


def test_kinds_and_levels_of_the_demo_tree(jurisdiction):
    assert jurisdiction["city"].kind == AgencyKind.GOVERNMENT
    assert jurisdiction["civil"].parent == jurisdiction["city"]
    assert jurisdiction["county_civil"].parent == jurisdiction["county"]
    assert list(jurisdiction["civil"].departments.values_list("name", flat=True)) == [
        "办公室",
        "社会救助科",
        "养老服务科",
    ]
