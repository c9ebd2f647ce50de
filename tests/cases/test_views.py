"""Staff pages for cases and figures: scoped to the user's agencies (404 elsewhere), case officers and agency
admins write, supervisors read (the applicants' names masked), other roles of the agency do not see the applicants'
names (403)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.cases.models import Case, CaseDocument, YearFigures

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _case_form(**overrides):
    data = {
        "kind": "reconsideration",
        "number": "江府复〔2026〕9号",
        "party_name": "张三",
        "filed_on": "2026-01-05",
        "received_on": "2026-01-12",
        "accepted_on": "",
        "decision_extension_days": "0",
        "replied_on": "",
        "deciding_body": "江源市人民政府",
        "request_code": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_officer_registers_edits_and_concludes_a_case(civil, client_for, info_request):
    client = client_for(Role.CASE_OFFICER, civil)
    response = client.post(
        reverse("cases_staff:create", args=[civil.pk]), _case_form(request_code=info_request.tracking_code.lower())
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.info_request == info_request and case.reply_due_on == D(2026, 1, 26)
    page = client.get(response["Location"]).content.decode()
    assert "江府复〔2026〕9号" in page and "张三" in page and "2026年1月26日" in page
    response = client.post(reverse("cases_staff:edit", args=[case.pk]), _case_form(replied_on="2026-01-20"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.replied_on == D(2026, 1, 20)
    client.post(
        reverse("cases_staff:conclude", args=[case.pk]),
        {"conclude-concluded_on": "2026-03-02", "conclude-result": "corrected"},
    )
    case.refresh_from_db()
    assert (case.concluded_on, case.result) == (D(2026, 3, 2), "corrected")


def test_simplified_procedure_is_entered_and_shown_article_53(civil, client_for):
    client = client_for(Role.CASE_OFFICER, civil)
    response = client.post(reverse("cases_staff:create", args=[civil.pk]), _case_form(simplified_procedure="on"))
    assert response.status_code == 302
    case = Case.objects.get()
    # 行政复议法 第五十四条、第八十八条: 5 working days from 2026-01-12 → 01-19.
    assert case.simplified_procedure is True and case.reply_due_on == D(2026, 1, 19)
    page = client.get(response["Location"]).content.decode()
    assert "简易程序（行政复议法第五十三条）" in page and "2026年1月19日" in page
    edit = client.get(reverse("cases_staff:edit", args=[case.pk])).content.decode()
    assert re.search(r'<input type="checkbox" name="simplified_procedure"[^>]*checked', edit)


def test_form_errors_are_shown_and_nothing_is_saved(civil, client_for):
    client = client_for(Role.AGENCY_ADMIN, civil)
    response = client.post(
        reverse("cases_staff:create", args=[civil.pk]),
        _case_form(received_on="2026-01-01", request_code="GK2026-ZZZZZZ"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "GK2026-ZZZZZZ" in html
    assert not Case.objects.exists()
    response = client.post(reverse("cases_staff:create", args=[civil.pk]), _case_form(received_on="2026-01-01"))
    assert "收到副本的日期不能早于申请或起诉的日期" in response.content.decode()
    assert not Case.objects.exists()


def test_conclude_refusal_is_reported(civil, client_for, make_case):
    client = client_for(Role.CASE_OFFICER, civil)
    case = make_case()
    response = client.post(
        reverse("cases_staff:conclude", args=[case.pk]),
        {"conclude-concluded_on": "2026-03-01", "conclude-result": "upheld"},
        follow=True,
    )
    assert "审结日期不能早于申请或起诉的日期" in response.content.decode()
    case.refresh_from_db()
    assert case.result == ""


def test_list_is_paginated_filtered_and_marks_overdue(civil, client_for, make_case, django_assert_max_num_queries):
    today = timezone.localdate()
    for n in range(35):  # odd: served 60 days ago, reply long overdue; even: served yesterday
        received = today - dt.timedelta(days=60 if n % 2 else 1)
        make_case(filed_on=received, received_on=received, today=today)
    client = client_for(Role.CASE_OFFICER, civil)
    client.get(reverse("cases_staff:list"))  # warm the session and the access cache
    with django_assert_max_num_queries(12):
        html = client.get(reverse("cases_staff:list")).content.decode()
    assert html.count('<tr class="overdue">') + html.count("<tr>\n    <td><a") == 30
    with django_assert_max_num_queries(12):
        page2 = client.get(reverse("cases_staff:list"), {"page": 2, "kind": "reconsideration"}).content.decode()
    assert "kind=reconsideration" in page2 and "page=1" in page2  # pagination keeps the filters
    assert client.get(reverse("cases_staff:list"), {"year": "99999", "page": "x"}).status_code == 200
    overdue = client.get(reverse("cases_staff:list"), {"overdue": "1"}).content.decode()
    assert overdue.count('<tr class="overdue">') == 17 and overdue.count("badge bad") == 17


def test_documents_upload_download_and_remove(civil, client_for, make_case):
    client = client_for(Role.CASE_OFFICER, civil)
    case = make_case()
    url = reverse("cases_staff:document_upload", args=[case.pk])
    client.post(url, {"document-file": SimpleUploadedFile("答复书.txt", b"plain text")})
    assert not CaseDocument.objects.exists()
    client.post(url, {"document-file": SimpleUploadedFile("答复书.pdf", PDF)})
    document = CaseDocument.objects.get()
    response = client.get(reverse("cases_staff:document_download", args=[document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    client.post(reverse("cases_staff:document_remove", args=[document.pk]))
    assert not CaseDocument.objects.exists()


@pytest.mark.parametrize(
    "page", ["cases_staff:detail", "cases_staff:edit", "cases_staff:document_download", "cases_staff:figures"]
)
def test_other_agencies_staff_get_404(jurisdiction, client_for, make_case, page):
    case = make_case()
    document = CaseDocument.objects.create(case=case, original_name="a.pdf", content_type="application/pdf", size=1)
    arg = {"cases_staff:document_download": document.pk, "cases_staff:figures": case.agency_id}.get(page, case.pk)
    county = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    assert county.get(reverse(page, args=[arg])).status_code == 404
    assert county.get(reverse("cases_staff:create", args=[case.agency_id])).status_code == 404
    assert "张三" not in county.get(reverse("cases_staff:list")).content.decode()


def test_other_agencies_staff_cannot_conclude_or_change_documents(jurisdiction, client_for, make_case):
    case = make_case()
    document = CaseDocument.objects.create(case=case, original_name="a.pdf", content_type="application/pdf", size=1)
    county = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    conclude = {"conclude-concluded_on": "2026-03-20", "conclude-result": "upheld"}
    assert county.post(reverse("cases_staff:conclude", args=[case.pk]), conclude).status_code == 404
    upload = {"document-file": SimpleUploadedFile("答复书.pdf", PDF)}
    assert county.post(reverse("cases_staff:document_upload", args=[case.pk]), upload).status_code == 404
    assert county.post(reverse("cases_staff:document_remove", args=[document.pk])).status_code == 404
    case.refresh_from_db()
    assert (case.concluded_on, case.result) == (None, "")
    assert list(CaseDocument.objects.values_list("pk", flat=True)) == [document.pk]


def test_other_roles_of_the_agency_do_not_see_the_cases(civil, client_for, make_case):
    case = make_case()
    drafter = client_for(Role.DRAFTER, civil)
    assert drafter.get(reverse("cases_staff:detail", args=[case.pk])).status_code == 403
    assert "张三" not in drafter.get(reverse("cases_staff:list")).content.decode()


def test_supervisor_reads_but_cannot_write(jurisdiction, civil, client_for, make_case):
    case = make_case()
    supervisor = client_for(Role.SUPERVISOR, jurisdiction["office"])
    detail = supervisor.get(reverse("cases_staff:detail", args=[case.pk])).content.decode()
    assert "张*" in detail and "张三" not in detail  # masked: docs/security.md
    listing = supervisor.get(reverse("cases_staff:list")).content.decode()
    assert "江府复" in listing and "张三" not in listing
    assert supervisor.post(reverse("cases_staff:edit", args=[case.pk]), _case_form()).status_code == 403
    assert (
        supervisor.post(
            reverse("cases_staff:conclude", args=[case.pk]),
            {"conclude-concluded_on": "2026-03-20", "conclude-result": "upheld"},
        ).status_code
        == 403
    )
    assert supervisor.get(reverse("cases_staff:create", args=[civil.pk])).status_code == 403
    figures_page = supervisor.get(reverse("cases_staff:figures", args=[civil.pk]))
    assert figures_page.status_code == 200 and 'name="licensing.decisions"' not in figures_page.content.decode()
    assert supervisor.post(reverse("cases_staff:figures", args=[civil.pk]), {"year": "2025"}).status_code == 403


def test_agency_admin_enters_figures_and_officer_only_reads(civil, client_for):
    admin = client_for(Role.AGENCY_ADMIN, civil)
    page = admin.get(reverse("cases_staff:figures", args=[civil.pk])).content.decode()
    # one field per entered cell of 表二, labelled in the template's words
    for name, label in (
        ("licensing.decisions", "行政许可：本年处理决定数量"),
        ("fees.amount_10k_yuan", "本年收费金额"),
    ):
        assert f'name="{name}"' in page and label in page
    form = {
        "year": "2025",
        "licensing.decisions": "12",
        "licensing.source": "审批系统",
        "penalty.decisions": "3",
        "penalty.source": "",
        "coercion.decisions": "0",
        "coercion.source": "",
        "fees.amount_10k_yuan": "1.2345",
        "fees.source": "财政票据",
    }
    assert admin.post(reverse("cases_staff:figures", args=[civil.pk]), form).status_code == 302
    row = YearFigures.objects.get()
    assert (row.value("licensing", "decisions"), str(row.value("fees", "amount_10k_yuan")), row.entered_by) == (
        12,
        "1.2345",
        admin.user,
    )
    assert row.source("fees") == "财政票据"
    bad = admin.post(reverse("cases_staff:figures", args=[civil.pk]), {**form, "fees.amount_10k_yuan": "-1"})
    assert bad.status_code == 200 and YearFigures.objects.get().values == row.values
    officer = client_for(Role.CASE_OFFICER, civil)
    listing = officer.get(reverse("cases_staff:figures", args=[civil.pk])).content.decode()
    assert "1.2345" in listing and "行政事业性收费（万元）" in listing
    forbidden = officer.post(reverse("cases_staff:figures", args=[civil.pk]), {**form, "licensing.decisions": "99"})
    assert forbidden.status_code == 403
    assert YearFigures.objects.get().value("licensing", "decisions") == 12


def test_nav_links_to_the_cases(civil, client_for):
    html = client_for(Role.CASE_OFFICER, civil).get(reverse("workspace:home")).content.decode()
    assert reverse("cases_staff:list") in html
