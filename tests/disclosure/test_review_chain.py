"""Nothing is published without every step of the review chain (谁审查谁负责，先审查后发布), and personal data
blocks publication until it is masked or justified."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

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
    for user in (staff["reviewer"], staff["reviewer"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=TODAY)
    return item


def test_the_catalog_holds_article_20_and_the_civil_affairs_items(catalog):
    assert catalog.count() == 15 + 8
    assert catalog.get(code="A01").article == "第二十条第（一）项"
    assert catalog.get(code="M01").parent == catalog.get(code="A11")


def test_an_unmasked_valid_id_number_cannot_be_published_and_can_after_masking(catalog, staff):
    item = _item(catalog, staff, f"<p>张三 {VALID_ID} 城市低保 650元</p>")
    with pytest.raises(ValidationError, match="个人信息"):
        services.item_submit(actor=staff["drafter"], item=item)
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
    item = services.item_decide(actor=staff["reviewer"], item=item, approved=True)
    assert item.state == ItemState.IN_REVIEW  # 分管领导签发 is still missing
    with pytest.raises(ValidationError, match="分管领导签发"):  # a reviewer cannot take the approver's step
        services.item_decide(actor=staff["reviewer"], item=item, approved=True)
    assert CatalogItem.objects.get(pk=item.pk).state == ItemState.IN_REVIEW
    assert CatalogItem.objects.get(pk=item.pk).index_number is None
    item = services.item_decide(actor=staff["approver"], item=item, approved=True, opinion="同意发布", today=TODAY)
    assert item.state == ItemState.PUBLISHED
    steps = list(ReviewDecision.objects.filter(item=item).values_list("step_name", "decided_by__username"))
    assert steps == [("科室负责人初审", "reviewer"), ("保密审查", "reviewer"), ("分管领导签发", "approver")]
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
