"""After an action the officer is told what was done and to what (issue #14): the request's tracking code and the
letter's number, the item's title and where it went in the review chain, the report's name — never "已完成。", and
never the applicant's name."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.disclosure import services as disclosure
from gongkai.foi import services as foi
from gongkai.foi.models import InfoRequest, Letter
from gongkai.reports import services as reports

VAGUE = ("已完成。", "已记录：", "Done.", "Recorded:")
APPLICANT = "张三丰"


def _flashed(response) -> str:
    """The text of the messages shown on the page the action redirected to."""
    assert response.redirect_chain, "the action redirects"
    block = re.search(r'<ul class="messages"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    found = re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S) if block else []
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", part).strip()) for part in found)
    assert text, "a message is shown"
    for vague in VAGUE:
        assert vague not in text
    assert APPLICANT not in text  # no applicant's personal data in a message
    return text


@pytest.fixture
def request_obj(jurisdiction, foi_settings) -> InfoRequest:
    return foi.request_register(
        actor=None,
        agency=jurisdiction["civil"],
        applicant={"kind": "natural_person", "name": APPLICANT},
        channel="in_person",
        submitted_on=timezone.localdate(),
        description="低保名单",
    ).request


@pytest.fixture
def foi_settings(jurisdiction):
    from gongkai.foi.models import FoiSettings

    return FoiSettings.objects.create(
        agency=jurisdiction["civil"], letter_prefix="江民公开", reconsideration_body="江源市人民政府", court="江源法院"
    )


def _act(client, request_obj, action, **fields):
    data = {f"{action}-{k}": v for k, v in {"on": timezone.localdate().isoformat(), **fields}.items()}
    return client.post(reverse("foi_staff:act", args=[request_obj.pk, action]), data, follow=True)


def test_a_correction_notice_names_its_letter_number_and_the_request(request_obj, jurisdiction, client_for):
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    text = _flashed(_act(officer, request_obj, "correction_requested", period_workdays=10))
    letter = Letter.objects.get(request=request_obj)
    assert letter.number.startswith("江民公开〔")
    assert f"已发出补正通知（{letter.number}）" in text and request_obj.tracking_code in text


def test_a_reply_names_the_kind_and_number_of_its_letter(request_obj, jurisdiction, client_for):
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    text = _flashed(_act(officer, request_obj, "reply", outcome="disclosed", documents="《低保名单》"))
    letter = Letter.objects.get(request=request_obj)
    assert f"已答复申请 {request_obj.tracking_code}" in text
    assert letter.get_kind_display() in text and letter.number in text


def test_an_event_without_a_letter_names_the_request(request_obj, jurisdiction, client_for):
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    text = _flashed(_act(officer, request_obj, "other_agency_sent"))
    assert text.startswith("已就申请") and request_obj.tracking_code in text and "征求其他机关意见" in text


def test_registering_names_the_tracking_code(jurisdiction, foi_settings, client_for):
    from tests.foi.test_workflow import _form

    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    data = {k: v for k, v in _form().items() if k != "website"}
    data.update({"channel": "in_person", "submitted_on": timezone.localdate().isoformat()})
    data.update({"signed_on": "", "confirmed_on": ""})
    response = officer.post(reverse("foi_staff:register", args=[jurisdiction["civil"].pk]), data, follow=True)
    [created] = InfoRequest.objects.all()
    text = _flashed(response)
    assert f"已登记申请 {created.tracking_code}" in text and data["name"] not in text


def test_the_review_chain_says_where_the_item_went(jurisdiction, make_user, client_for):
    civil = jurisdiction["civil"]
    disclosure.catalog_seed(actor=None, agency=civil)
    drafter = client_for(Role.DRAFTER, civil)
    item = disclosure.item_create(
        actor=drafter.user,
        agency=civil,
        category=civil.catalog_categories.get(code="M01"),
        title="2026年10月城市低保名单",
        body="<p>名单</p>",
    )

    def act(client, action, data=None):
        return _flashed(
            client.post(reverse("disclosure_staff:action", args=[item.pk, action]), data or {}, follow=True)
        )

    assert act(drafter, "submit") == "已提交科室负责人初审：《2026年10月城市低保名单》。"
    first, second = client_for(Role.REVIEWER, civil), client_for(Role.REVIEWER, civil)
    text = act(first, "decide", {"approved": "yes", "opinion": ""})
    assert text == "科室负责人初审已通过，已提交保密审查：《2026年10月城市低保名单》。"
    text = act(second, "decide", {"approved": "no", "opinion": "请核对名单"})
    assert text == "保密审查未通过，已退回修改：《2026年10月城市低保名单》。"
    act(drafter, "submit")
    act(first, "decide", {"approved": "yes"})
    act(second, "decide", {"approved": "yes"})
    text = act(client_for(Role.APPROVER, civil), "decide", {"approved": "yes"})
    item.refresh_from_db()
    assert text == f"已签发并发布：《2026年10月城市低保名单》（索引号 {item.index_number}）。"


def test_the_annual_report_says_which_report_was_published(jurisdiction, client_for):
    civil = jurisdiction["civil"]
    today = timezone.localdate()
    report = reports.report_start(actor=None, agency=civil, year=today.year - 1, today=today)
    report = reports.report_edit(
        actor=None,
        report=report,
        sections={k: v.replace("【", "").replace("】", "") for k, v in report.narrative.items()},
    )
    reports.report_check(actor=None, report=report)
    reports.report_approve(actor=None, report=report, today=today)
    admin = client_for(Role.AGENCY_ADMIN, civil)
    response = admin.post(reverse("reports_staff:action", args=[report.pk, "publish"]), follow=True)
    assert _flashed(response) == f"年度报告已发布：{report}。"


def test_no_view_flashes_a_bare_done():
    import pathlib

    import gongkai

    for path in pathlib.Path(gongkai.__file__).parent.rglob("views*.py"):
        assert '_("Done.")' not in path.read_text(encoding="utf-8"), path
