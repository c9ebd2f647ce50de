"""Recording on the item's staff page that a published rule or normative document (条例 第二十条第（一）项) was
repealed (废止) or expired (失效), optionally naming the document replacing it: an approver's or agency
administrator's form, through services.normative_repeal (audited); bad input is refused in Chinese, nothing changed."""

# ruff: noqa: F811 — pytest fixtures imported from tests.portal.conftest are parameters here
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import services
from gongkai.disclosure.models import CatalogItem, Validity
from tests.portal.conftest import make_item  # noqa: F401 — the portal's fixture, reused


@pytest.fixture
def documents(make_item):
    old = make_item(
        "江源市临时救助实施细则",
        code="A01",
        doc_number="江民规〔2022〕3号",
        normative_kind="normative_document",
        formed_on=dt.date(2022, 5, 10),
    )
    new = make_item("江源市临时救助实施办法", code="A01", normative_kind="normative_document")
    notice = make_item("关于发放低保金的通知", code="M01")  # not a normative document
    return {"old": old, "new": new, "notice": notice}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _detail(client, item) -> str:
    response = client.get(reverse("disclosure_staff:detail", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _repeal(client, item, **data):
    return client.post(reverse("disclosure_staff:repeal", args=[item.pk]), data, follow=True)


def test_the_form_is_offered_to_an_approver_on_a_published_normative_document_only(documents, staff):
    approver, drafter = _client(staff["approver"]), _client(staff["drafter"])
    html = _detail(approver, documents["old"])
    assert "记录废止或失效" in html and 'type="date"' in html
    assert f'<option value="{documents["new"].pk}">{documents["new"].title}</option>' in html  # the successor offered
    assert "记录废止或失效" not in _detail(approver, documents["notice"])
    assert "记录废止或失效" not in _detail(drafter, documents["old"])


def test_an_approver_records_a_repeal_and_its_successor(documents, staff, jurisdiction):
    old, new = documents["old"], documents["new"]
    page = _repeal(
        _client(staff["approver"]), old, validity=Validity.REPEALED, on="2026-12-01", replaced_by=new.pk
    ).content.decode()
    assert f"已记录：“{old.title}”自2026年12月1日起废止。" in page
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.validity, old.repealed_on, new.supersedes_id) == (Validity.REPEALED, dt.date(2026, 12, 1), old.pk)
    entry = AuditEntry.objects.filter(action="disclosure.item.repeal", object_id=str(old.pk)).get()
    assert entry.actor_id == staff["approver"].pk and entry.changes["replaced_by"] == new.pk
    assert entry.changes["validity"] == ["valid", "repealed"]
    # the staff page shows it with its Chinese date and offers a correction, pre-filled with the ISO date
    html = _detail(_client(staff["approver"]), old)
    assert "废止（2026年12月1日）" in html and "更正废止或失效记录" in html and 'value="2026-12-01"' in html
    # the public catalog lists it as repealed by its successor
    listing = Client().get(reverse("disclosure_public:category", args=[jurisdiction["civil"].credit_code, "A01"]))
    assert "废止（2026年12月1日）" in listing.content.decode() and f"《{new.title}》" in listing.content.decode()


def test_an_expiry_without_a_successor(documents, staff):
    _repeal(_client(staff["approver"]), documents["old"], validity=Validity.EXPIRED, on="2025-12-31")
    old = CatalogItem.objects.get(pk=documents["old"].pk)
    assert (old.validity, old.repealed_on) == (Validity.EXPIRED, dt.date(2025, 12, 31))
    assert not CatalogItem.objects.filter(supersedes=old).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"validity": "repealed", "on": "2021-01-01"}, "日期不能早于该文件的成文日期（2022年5月10日）。"),
        ({"validity": "repealed", "on": "2026-13-01"}, "请填写有效的废止或失效日期。"),
        ({"validity": "repealed", "on": ""}, "请填写废止或失效日期。"),
        ({"validity": "valid", "on": "2026-12-01"}, "请选择废止或失效。"),
        ({"validity": "repealed", "on": "2026-12-01", "replaced_by": "999999"}, "请从列表中选择替代文件。"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_changes(documents, staff, data, message):
    client = _client(staff["approver"])
    entries = AuditEntry.objects.count()
    page = _repeal(client, documents["old"], **data).content.decode()
    assert f'<li class="error">{message}</li>' in page
    old = CatalogItem.objects.get(pk=documents["old"].pk)
    assert (old.validity, old.repealed_on) == (Validity.VALID, None)
    assert AuditEntry.objects.count() == entries


def test_a_drafter_or_another_agency_cannot_record_it(documents, staff, jurisdiction, client_for):
    assert _repeal(_client(staff["drafter"]), documents["old"], validity="repealed", on="2026-12-01").status_code == 403
    county_admin = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    assert _repeal(county_admin, documents["old"], validity="repealed", on="2026-12-01").status_code == 404
    assert CatalogItem.objects.get(pk=documents["old"].pk).validity == Validity.VALID


def test_the_service_keeps_one_replaced_document_per_successor(documents, staff, make_item):
    other = make_item("江源市临时救助审批规程", code="A01", normative_kind="normative_document")
    services.normative_repeal(actor=staff["approver"], item=other, on=dt.date(2026, 6, 1), replaced_by=documents["new"])
    with pytest.raises(ValidationError) as refused:
        services.normative_repeal(
            actor=staff["approver"], item=documents["old"], on=dt.date(2026, 6, 1), replaced_by=documents["new"]
        )
    assert refused.value.error_dict["replaced_by"][0].code == "disclosure.replaced_by_taken"
    with pytest.raises(ValidationError) as refused:
        services.normative_repeal(
            actor=staff["approver"], item=documents["old"], on=dt.date(2026, 6, 1), replaced_by=documents["notice"]
        )
    assert refused.value.error_dict["replaced_by"][0].code == "disclosure.replaced_by"
    with pytest.raises(ValidationError) as refused:
        services.normative_repeal(actor=staff["drafter"], item=documents["old"], on=dt.date(2026, 6, 1))
    assert refused.value.code == "disclosure.repeal_role"
    assert CatalogItem.objects.get(pk=documents["old"].pk).validity == Validity.VALID
