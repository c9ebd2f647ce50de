"""Drafting, review and publication through the pages; the public catalog shows published items only."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.law.identifiers import make_resident_id

VALID_ID = make_resident_id("11010119900307123")


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_draft_review_publish_through_the_pages(jurisdiction, staff, catalog):
    civil = jurisdiction["civil"]
    drafter = _login(staff["drafter"])
    response = drafter.post(
        reverse("disclosure_staff:new", args=[civil.pk]),
        {
            "category": catalog.get(code="M01").pk,
            "title": "2026年10月城市低保名单",
            "body": f"<p>张三 {VALID_ID}</p>",
            "normative_kind": "",
            "validity": "",
        },
    )
    assert response.status_code == 302
    item = CatalogItem.objects.get()
    detail = drafter.get(reverse("disclosure_staff:detail", args=[item.pk])).content.decode()
    assert f"{VALID_ID[:6]}********{VALID_ID[-4:]}" in detail  # the finding, shown masked
    drafter.post(reverse("disclosure_staff:action", args=[item.pk, "submit"]))
    assert CatalogItem.objects.get().state == ItemState.DRAFT  # blocked by the ID number
    drafter.post(reverse("disclosure_staff:action", args=[item.pk, "mask"]))
    drafter.post(reverse("disclosure_staff:action", args=[item.pk, "submit"]))
    assert CatalogItem.objects.get().state == ItemState.IN_REVIEW
    public = Client().get(reverse("disclosure_public:item", args=[item.pk]))
    assert public.status_code == 404  # not before every step approved
    reviewer, secrecy, approver = _login(staff["reviewer"]), _login(staff["secrecy"]), _login(staff["approver"])
    for client in (reviewer, secrecy, approver):
        client.post(reverse("disclosure_staff:action", args=[item.pk, "decide"]), {"approved": "yes", "opinion": ""})
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED
    page = Client().get(reverse("disclosure_public:item", args=[item.pk])).content.decode()
    assert item.index_number in page and "2026年10月城市低保名单" in page and VALID_ID not in page
    listing = Client().get(reverse("disclosure_public:category", args=[civil.credit_code, "M01"])).content.decode()
    assert "2026年10月城市低保名单" in listing


def test_staff_of_another_agency_get_404(jurisdiction, staff, catalog, client_for):
    item = CatalogItem.objects.create(
        agency=jurisdiction["civil"], category=catalog.get(code="A01"), title="江源内部文稿"
    )
    other = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    for name in ("disclosure_staff:detail", "disclosure_staff:edit"):
        assert other.get(reverse(name, args=[item.pk])).status_code == 404
    assert other.post(reverse("disclosure_staff:action", args=[item.pk, "submit"])).status_code == 404
    assert "江源内部文稿" not in other.get(reverse("disclosure_staff:worklist")).content.decode()


def test_a_reviewer_cannot_take_the_approvers_step_through_the_page(jurisdiction, staff, catalog):
    from gongkai.disclosure import services

    item = services.item_create(
        actor=staff["drafter"], agency=jurisdiction["civil"], category=catalog.get(code="A01"), title="通知"
    )
    services.item_submit(actor=staff["drafter"], item=item)
    reviewer, secrecy = _login(staff["reviewer"]), _login(staff["secrecy"])
    for client in (reviewer, secrecy):
        client.post(reverse("disclosure_staff:action", args=[item.pk, "decide"]), {"approved": "yes"})
    response = secrecy.post(
        reverse("disclosure_staff:action", args=[item.pk, "decide"]), {"approved": "yes"}, follow=True
    )
    assert "分管领导签发" in response.content.decode()
    item.refresh_from_db()
    assert item.state == ItemState.IN_REVIEW and item.review_step == 2


def test_a_draft_shows_the_default_review_chain_before_any_is_configured(jurisdiction, catalog, client_for):
    from django.urls import reverse

    from gongkai.disclosure import services

    client = client_for("drafter", jurisdiction["civil"])
    item = services.item_create(
        actor=client.user, agency=jurisdiction["civil"], category=catalog.get(code="A01"), title="草稿"
    )
    html = client.get(reverse("disclosure_staff:detail", args=[item.pk])).content.decode()
    assert "科室负责人初审" in html and "保密审查" in html and "分管领导签发" in html
