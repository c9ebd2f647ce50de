"""Nothing is published without every step of the review chain (谁审查谁负责，先审查后发布), and personal data
blocks publication until it is masked or justified."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import services
from gongkai.disclosure.models import CatalogItem, ItemState, ReviewDecision
from gongkai.law.identifiers import make_resident_id

VALID_ID = make_resident_id("11010119900307123")
WRONG_CHECK = VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")
TODAY = dt.date(2026, 11, 23)


def _item(catalog, staff, body: str, code: str = "M01") -> CatalogItem:
    return services.item_create(
        actor=staff["drafter"],
        agency=catalog.first().agency,
        category=catalog.get(code=code),
        title="2026年10月城市低保名单",
        body=body,
    )


def _review_all(item, staff) -> CatalogItem:
    for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=TODAY)
    return item


def test_the_catalog_holds_article_20_and_the_civil_affairs_items(catalog):
    assert catalog.count() == 15 + 8 + 1
    assert catalog.get(code="G01").article == "第四条"  # 政府信息公开制度 (条例第四条)
    assert catalog.get(code="A01").article == "第二十条第（一）项"
    assert catalog.get(code="M01").parent == catalog.get(code="A11")


def test_an_unmasked_valid_id_number_cannot_be_published_and_can_after_masking(catalog, staff):
    item = _item(catalog, staff, f"<p>张三 {VALID_ID} 城市低保 650元</p>")
    with pytest.raises(ValidationError) as refused:
        services.item_submit(actor=staff["drafter"], item=item)
    assert refused.value.code == "disclosure.pii"
    assert refused.value.messages == [
        "有 1 处未处理的个人信息（身份证号；正文 1 处），请遮蔽或由审核人说明理由后再提交。"
    ]
    assert CatalogItem.objects.get(pk=item.pk).state == ItemState.DRAFT
    assert services.item_mask_pii(actor=staff["drafter"], item=item) == 1
    item.refresh_from_db()
    assert VALID_ID not in item.body and f"{VALID_ID[:6]}********{VALID_ID[-4:]}" in item.body
    assert "张三" in item.body  # names in a 低保 list are published by law
    services.item_submit(actor=staff["drafter"], item=item)
    item = _review_all(item, staff)
    assert item.state == ItemState.PUBLISHED and item.published_on == TODAY


@pytest.mark.parametrize("number", [VALID_ID[:17], WRONG_CHECK])
def test_a_17_digit_number_or_a_wrong_check_digit_is_not_flagged(catalog, staff, number):
    item = _item(catalog, staff, f"<p>编号 {number}</p>")
    assert services.open_findings(item) == []
    services.item_submit(actor=staff["drafter"], item=item)
    assert _review_all(item, staff).state == ItemState.PUBLISHED


def test_a_reviewer_may_justify_keeping_a_finding(catalog, staff):
    item = _item(catalog, staff, "<p>咨询电话：13912345678（经办人手机）</p>")
    finding = services.open_findings(item)[0]
    with pytest.raises(ValidationError, match="审核人或签发人"):
        services.pii_justify(actor=staff["drafter"], item=item, finding_digest=finding.digest, reason="公开的工作电话")
    services.pii_justify(actor=staff["reviewer"], item=item, finding_digest=finding.digest, reason="公开的工作电话")
    assert services.open_findings(item) == []
    services.item_submit(actor=staff["drafter"], item=item)
    assert _review_all(item, staff).state == ItemState.PUBLISHED


def test_a_step_cannot_be_skipped_and_each_decision_is_audited(catalog, staff):
    item = _item(catalog, staff, "<p>通知全文</p>")
    services.item_submit(actor=staff["drafter"], item=item)
    with pytest.raises(ValidationError, match="科室负责人初审"):  # the drafter cannot review her own draft
        services.item_decide(actor=staff["drafter"], item=item, approved=True)
    item = services.item_decide(actor=staff["reviewer"], item=item, approved=True)
    item = services.item_decide(actor=staff["secrecy"], item=item, approved=True)
    assert item.state == ItemState.IN_REVIEW  # 分管领导签发 is still missing
    with pytest.raises(ValidationError, match="分管领导签发"):  # a reviewer cannot take the approver's step
        services.item_decide(actor=staff["reviewer"], item=item, approved=True)
    assert CatalogItem.objects.get(pk=item.pk).state == ItemState.IN_REVIEW
    assert CatalogItem.objects.get(pk=item.pk).index_number is None
    item = services.item_decide(actor=staff["approver"], item=item, approved=True, opinion="同意发布", today=TODAY)
    assert item.state == ItemState.PUBLISHED
    steps = list(ReviewDecision.objects.filter(item=item).values_list("step_name", "decided_by__username"))
    assert steps == [("科室负责人初审", "reviewer"), ("保密审查", "secrecy"), ("分管领导签发", "approver")]
    actions = list(
        AuditEntry.objects.filter(object_type="disclosure.catalogitem", object_id=str(item.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "disclosure.item.create",
        "disclosure.item.submit",
        "disclosure.item.approve",
        "disclosure.item.approve",
        "disclosure.item.approve",
        "disclosure.item.publish",
    ]


def test_a_rejection_returns_the_draft_with_its_reason(catalog, staff):
    item = _item(catalog, staff, "<p>通知全文</p>")
    services.item_submit(actor=staff["drafter"], item=item)
    with pytest.raises(ValidationError, match="理由"):
        services.item_decide(actor=staff["reviewer"], item=item, approved=False)
    item = services.item_decide(actor=staff["reviewer"], item=item, approved=False, opinion="文号有误")
    assert item.state == ItemState.DRAFT and item.review_step == 0
    services.item_update(actor=staff["drafter"], item=item, title="更正后的标题")
    services.item_submit(actor=staff["drafter"], item=item)
    assert _review_all(item, staff).state == ItemState.PUBLISHED


def test_index_numbers_are_unique_and_sequential(catalog, staff, jurisdiction):
    numbers = []
    for _ in range(3):
        item = _item(catalog, staff, "<p>x</p>")
        services.item_submit(actor=staff["drafter"], item=item)
        numbers.append(_review_all(item, staff).index_number)
    code = jurisdiction["civil"].credit_code
    assert numbers == [f"{code}/M01-2026-00001", f"{code}/M01-2026-00002", f"{code}/M01-2026-00003"]


def test_the_body_is_sanitised(catalog, staff):
    item = _item(catalog, staff, '<p onclick="x()">正文<script>alert(1)</script><a href="javascript:y()">链接</a></p>')
    assert "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    assert "正文" in item.body


def test_a_category_of_another_agency_is_refused(catalog, staff, jurisdiction):
    services.catalog_seed(actor=None, agency=jurisdiction["county_civil"])
    foreign = jurisdiction["county_civil"].catalog_categories.get(code="M01")
    with pytest.raises(ValidationError, match="本机关目录"):
        services.item_create(actor=staff["drafter"], agency=jurisdiction["civil"], category=foreign, title="x")


def test_published_items_cannot_be_edited(catalog, staff):
    item = _item(catalog, staff, "<p>x</p>")
    services.item_submit(actor=staff["drafter"], item=item)
    _review_all(item, staff)
    with pytest.raises(ValidationError, match="只有草稿"):
        services.item_update(actor=staff["drafter"], item=item, title="改")


# --- configuring the chain (agency admins) -----------------------------------------------------------------------


def _chain_post(steps: list[tuple[str, str, str, bool]], *, initial: int = 3) -> dict[str, str]:
    """The formset's data as the page posts it: (position, name, role, remove) per row, the first ``initial`` rows
    being the steps shown (the current chain, or the default one), the others added."""
    data = {
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(initial),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for i, (position, name, role, remove) in enumerate(steps):
        data |= {f"steps-{i}-ORDER": position, f"steps-{i}-name": name, f"steps-{i}-role": role}
        if remove:
            data[f"steps-{i}-DELETE"] = "on"
    return data


def test_an_admin_renames_reorders_adds_and_removes_steps(jurisdiction, client_for):
    civil = jurisdiction["civil"]
    services.review_chain_set(actor=None, agency=civil)
    admin = client_for(Role.AGENCY_ADMIN, civil)
    url = reverse("disclosure_staff:chain", args=[civil.pk])
    page = admin.get(url).content.decode()
    assert "科室负责人初审" in page and "分管领导签发" in page
    response = admin.post(
        url,
        _chain_post(
            [
                ("2", "科室负责人审核", "reviewer", False),  # renamed, moved second
                ("3", "保密审查", "reviewer", True),  # removed
                ("4", "分管领导签发", "approver", False),
                ("1", "办公室合法性审查", "reviewer", False),  # added, first
            ]
        ),
    )
    assert response.status_code == 302
    assert [(s.name, s.role) for s in services.review_chain(civil)] == [
        ("办公室合法性审查", "reviewer"),
        ("科室负责人审核", "reviewer"),
        ("分管领导签发", "approver"),
    ]
    entry = AuditEntry.objects.filter(action="disclosure.chain.set").order_by("-seq").first()
    before, after = entry.changes["steps"]
    assert [name for name, _ in before] == ["科室负责人初审", "保密审查", "分管领导签发"]
    assert [name for name, _ in after] == ["办公室合法性审查", "科室负责人审核", "分管领导签发"]


def test_an_untouched_empty_row_is_ignored_and_removing_every_step_is_refused(jurisdiction, client_for):
    civil = jurisdiction["civil"]
    admin = client_for(Role.AGENCY_ADMIN, civil)
    url = reverse("disclosure_staff:chain", args=[civil.pk])
    rows = [
        ("1", "初审", "reviewer", False),
        ("2", "保密审查", "reviewer", True),
        ("3", "签发", "approver", False),
        ("", "", "reviewer", False),  # the empty row for a new step, left alone
    ]
    assert admin.post(url, _chain_post(rows)).status_code == 302
    assert [s.name for s in services.review_chain(civil)] == ["初审", "签发"]
    removing = [("1", "初审", "reviewer", True), ("2", "签发", "approver", True), ("", "", "reviewer", False)]
    response = admin.post(url, _chain_post(removing, initial=2), follow=True)
    assert "至少需要一个步骤" in response.content.decode()
    assert [s.name for s in services.review_chain(civil)] == ["初审", "签发"]


def test_the_chain_cannot_change_while_items_are_in_review(catalog, staff, jurisdiction, client_for):
    civil = jurisdiction["civil"]
    services.item_submit(actor=staff["drafter"], item=_item(catalog, staff, "<p>通知</p>"))
    admin = client_for(Role.AGENCY_ADMIN, civil)
    url = reverse("disclosure_staff:chain", args=[civil.pk])
    assert admin.get(url).context["in_review"] == 1  # the page says so before anyone tries
    entries = AuditEntry.objects.count()
    rows = [("1", "一步签发", "approver", False), ("2", "保密审查", "reviewer", True), ("3", "签发", "approver", True)]
    response = admin.post(url, _chain_post(rows), follow=True)
    assert "还有正在审核的信息" in response.content.decode()
    assert [s.name for s in services.review_chain(civil)] == ["科室负责人初审", "保密审查", "分管领导签发"]
    assert AuditEntry.objects.count() == entries


def test_only_admins_of_the_agency_configure_the_chain(jurisdiction, staff, client_for):
    civil = jurisdiction["civil"]
    url = reverse("disclosure_staff:chain", args=[civil.pk])
    for role in (Role.DRAFTER, Role.REVIEWER, Role.APPROVER):
        client = client_for(role, civil)
        assert client.get(url).status_code == 403
        assert client.post(url, _chain_post([("1", "一步签发", "approver", False)])).status_code == 403
    other = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    assert other.get(url).status_code == 404
    assert other.post(url, _chain_post([("1", "一步签发", "approver", False)])).status_code == 404
    assert services.review_chain(civil) == []
    assert client_for(Role.AGENCY_ADMIN, civil).get(url).status_code == 200


# --- related items ----------------------------------------------------------------------------------------------


def test_related_items_are_linked_on_the_edit_form_within_the_agency(catalog, staff, jurisdiction):
    first = _item(catalog, staff, "<p>一</p>")
    second = _item(catalog, staff, "<p>二</p>")
    services.catalog_seed(actor=None, agency=jurisdiction["county_civil"])
    foreign = services.item_create(
        actor=None,
        agency=jurisdiction["county_civil"],
        category=jurisdiction["county_civil"].catalog_categories.get(code="M01"),
        title="青山县的名单",
    )
    client = Client()
    client.force_login(staff["drafter"])
    url = reverse("disclosure_staff:edit", args=[first.pk])
    assert "青山县的名单" not in client.get(url).content.decode()
    data = {"category": first.category_id, "title": first.title, "body": first.body, "related": [second.pk]}
    assert client.post(url, data).status_code == 302
    assert list(first.related.all()) == [second] and list(second.related.all()) == [first]
    assert client.post(url, {**data, "related": [foreign.pk]}).status_code == 200  # not offered
    with pytest.raises(ValidationError, match="本机关"):
        services.item_update(actor=staff["drafter"], item=first, related=[foreign])
    assert list(first.related.all()) == [second]


def test_a_normative_document_is_valid_unless_told_otherwise(catalog, staff):
    item = services.item_create(
        actor=staff["drafter"],
        agency=catalog.first().agency,
        category=catalog.get(code="A01"),
        title="实施办法",
        normative_kind="normative_document",
    )
    assert item.validity == "valid"
    item = services.item_update(
        actor=staff["drafter"], item=item, normative_kind="normative_document", validity="", related=[]
    )
    assert CatalogItem.objects.get(pk=item.pk).validity == "valid"
