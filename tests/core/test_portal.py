"""The public portal lists agencies without login and shows their contact data, paginated."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from gongkai.agencies.services import agency_create
from gongkai.law.identifiers import make_uscc


def test_portal_home_lists_agencies(jurisdiction):
    html = Client().get(reverse("portal:home")).content.decode()
    assert "江源市民政局" in html and "青山县民政局" in html


def test_portal_paginates(jurisdiction):
    for n in range(40):
        agency_create(actor=None, name=f"测试乡{n:02d}", credit_code=make_uscc(f"11990400MB{n:07d}"), level="township")
    client = Client()
    first = client.get(reverse("portal:home")).content.decode()
    assert "第 1 页，共 2 页" in first and 'rel="next"' in first
    second = client.get(reverse("portal:home") + "?page=2").content.decode()
    assert "第 2 页，共 2 页" in second


def test_agency_page_shows_contact_data_and_404s_for_unknown_codes(jurisdiction):
    civil = jurisdiction["civil"]
    html = Client().get(reverse("portal:agency", args=[civil.credit_code])).content.decode()
    assert "江源市民生路8号" in html and "0999-87654321" in html
    assert Client().get(reverse("portal:agency", args=["11990100MB000000XX"])).status_code == 404


def test_pagination_keeps_the_filters(jurisdiction, client_for):
    from django.core.paginator import Paginator
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    page = Paginator(list(range(100)), 10).get_page(2)
    request = RequestFactory().get("/x/", {"state": "overdue", "page": "2", "q": "低保"})
    html = Template('{% include "pagination.html" %}').render(RequestContext(request, {"page_obj": page}))
    assert "state=overdue" in html and "page=3" in html and "page=1" in html and "q=%E4%BD%8E%E4%BF%9D" in html
