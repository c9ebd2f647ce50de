"""Reply letters: numbered per agency and year, per outcome, with the remedies; templates the agency admin edits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi import services
from gongkai.foi.letters import DEFAULT_TEMPLATES
from gongkai.foi.models import Letter, LetterKind, LetterTemplate

TODAY = dt.date(2026, 11, 20)


def _answered(agency, outcome: str, received=dt.date(2026, 10, 12), on=dt.date(2026, 10, 20)) -> Letter:
    request = services.request_register(
        actor=None,
        agency=agency,
        applicant={"kind": "natural_person", "name": "张三"},
        channel="in_person",
        submitted_on=received,
        description="养老补贴名单",
    ).request
    services.reply_record(actor=None, request=request, on=on, outcome=outcome, reason="理由", today=TODAY)
    return Letter.objects.filter(request=request).get()


@pytest.mark.parametrize(
    ("outcome", "kind", "phrase"),
    [
        ("disclosed", "disclose", "第三十六条第（二）项"),
        ("partly_disclosed", "partial", "第三十七条"),
        ("withheld_state_secret", "withhold", "属于国家秘密"),
        ("unavailable_not_held", "unavailable", "本机关不掌握相关政府信息"),
        ("not_processed_petition", "not_processed", "信访举报投诉类申请"),
        ("other_other", "other", "其他"),
    ],
)
def test_each_outcome_gets_its_letter(jurisdiction, foi_settings, outcome, kind, phrase):
    letter = _answered(jurisdiction["civil"], outcome)
    assert letter.kind == kind and phrase in letter.body
    assert "张三" in letter.body and "2026年10月12日" in letter.body


def test_refusals_tell_the_applicant_to_seek_reconsideration_first(jurisdiction, foi_settings):
    # 行政复议法（2023年修订）第二十三条: refusals to disclose go to reconsideration before court
    withheld = _answered(jurisdiction["civil"], "withheld_process_info")
    disclosed = _answered(jurisdiction["civil"], "disclosed")
    assert "江源市人民政府" in withheld.body and "江源市人民政府" in disclosed.body
    assert withheld.body != disclosed.body
    assert "六个月" in disclosed.body  # direct litigation remains open for a disclosure


def test_numbers_run_per_agency_and_year_without_gaps(jurisdiction, foi_settings):
    numbers = [_answered(jurisdiction["civil"], "disclosed").number for _ in range(3)]
    assert numbers == ["江民公开〔2026〕1号", "江民公开〔2026〕2号", "江民公开〔2026〕3号"]
    other = _answered(jurisdiction["county_civil"], "disclosed")
    assert other.number.endswith("〔2026〕1号")  # another agency counts on its own


def test_issued_letters_never_change_when_the_template_changes(jurisdiction, foi_settings, client_for):
    letter = _answered(jurisdiction["civil"], "disclosed")
    admin = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    url = reverse("foi_staff:letter_template", args=[jurisdiction["civil"].pk, "disclose"])
    response = admin.post(url, {"body": "{{ applicant }}：新模板。{{ remedies }}"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert "新模板" not in letter.body
    assert "新模板" in _answered(jurisdiction["civil"], "disclosed").body
    assert AuditEntry.objects.filter(action="foi.letter_template.update").exists()


def test_a_broken_template_is_refused_and_nothing_saved(jurisdiction, foi_settings, client_for):
    admin = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    url = reverse("foi_staff:letter_template", args=[jurisdiction["civil"].pk, "disclose"])
    response = admin.post(url, {"body": "{% if applicant %}没有结束"})
    assert response.status_code == 200 and "模板文本有误" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_an_empty_template_restores_the_default(jurisdiction, foi_settings, client_for):
    admin = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    url = reverse("foi_staff:letter_template", args=[jurisdiction["civil"].pk, "disclose"])
    admin.post(url, {"body": "自定义"})
    admin.post(url, {"body": ""})
    assert not LetterTemplate.objects.exists()
    assert DEFAULT_TEMPLATES[LetterKind.DISCLOSE][:10] in admin.get(url).content.decode()


def test_only_agency_admins_edit_settings(jurisdiction, foi_settings, client_for):
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    url = reverse("foi_staff:settings", args=[jurisdiction["civil"].pk])
    assert officer.get(url).status_code == 403
    other_admin = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    assert other_admin.get(url).status_code == 404
    admin = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    response = admin.post(
        url,
        {
            "letter_prefix": "江民依",
            "reconsideration_body": "江源市人民政府",
            "court": "江源市中级人民法院",
            "fee_method": "per_page",
        },
    )
    assert response.status_code == 302
    assert _answered(jurisdiction["civil"], "disclosed").number.startswith("江民依〔2026〕")


# A template whose mistake sits inside a branch that the empty sample skipped (issue 12, item 5).
BRANCH_BROKEN = "{{ applicant }}：{% if reason %}{% include '理由.html' %}{% endif %}{{ remedies }}"


def test_a_template_failing_inside_an_optional_branch_is_refused(jurisdiction, foi_settings, client_for):
    admin = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    url = reverse("foi_staff:letter_template", args=[jurisdiction["civil"].pk, "disclose"])
    response = admin.post(url, {"body": BRANCH_BROKEN})
    html = response.content.decode()
    assert response.status_code == 200 and "模板在下列内容为空时无法生成文书" in html and "TemplateDoesNotExist" in html
    assert not LetterTemplate.objects.exists()
    assert admin.post(url, {"body": "{{ applicant }}：{% if reason %}理由：{{ reason }}{% endif %}"}).status_code == 302


def test_a_broken_stored_template_refuses_the_reply_with_a_message_and_records_nothing(
    jurisdiction, foi_settings, client_for
):
    civil = jurisdiction["civil"]
    LetterTemplate.objects.create(agency=civil, kind=LetterKind.DISCLOSE, body=BRANCH_BROKEN)  # saved before the check
    request = services.request_register(
        actor=None,
        agency=civil,
        applicant={"kind": "natural_person", "name": "张三"},
        channel="in_person",
        submitted_on=TODAY - dt.timedelta(days=3),
        description="养老补贴名单",
    ).request
    officer = client_for(Role.CASE_OFFICER, civil)
    response = officer.post(
        reverse("foi_staff:act", args=[request.pk, "reply"]),
        {"reply-on": TODAY.isoformat(), "reply-outcome": "disclosed", "reply-documents": "", "reply-reason": "理由"},
        follow=True,
    )
    assert response.status_code == 200
    assert "模板无法生成本文书" in response.content.decode()
    request.refresh_from_db()
    assert request.state == "open" and not request.letters.exists() and not request.events.filter(type="reply").exists()
