"""Writing cases: deadlines from gongkai.law.cases stored on the case, refusals in Chinese that change nothing,
every write audited (without the applicant's name), documents recognised by content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEntry
from gongkai.cases import services
from gongkai.cases.models import Case, CaseDocument
from gongkai.law import cases as law_cases

from .conftest import TODAY

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_create_stores_the_statutory_deadlines(make_case):
    # 行政复议法（2023）第四十八条、第八十八条: 10 working days from 2026-03-09 → 03-23; 第三十条: acceptance not
    # recorded → deemed when the 5-working-day review of the filing (03-02) ends, 03-09; 第六十二条: 60 days → 05-08.
    case = make_case()
    assert case.reply_due_on == D(2026, 3, 23)
    assert case.decision_due_on == D(2026, 5, 8)
    assert case.decision_due_estimated is True
    entry = AuditEntry.objects.get(action="cases.case.create")
    assert entry.agency_id == case.agency_id and "party_name" not in entry.changes


def test_simplified_procedure_deadlines_are_stored_articles_53_54_62(make_case):
    # 第五十四条、第八十八条: 5 working days from 2026-03-09 → 03-16; 第三十条: deemed accepted 03-09;
    # 第六十二条第二款: 30 days → 04-08.
    case = make_case(simplified_procedure=True)
    assert (case.reply_due_on, case.decision_due_on, case.decision_due_estimated) == (
        D(2026, 3, 16),
        D(2026, 4, 8),
        True,
    )
    updated = services.case_update(actor=None, case=case, today=TODAY, simplified_procedure=False)
    assert (updated.reply_due_on, updated.decision_due_on) == (D(2026, 3, 23), D(2026, 5, 8))
    entry = AuditEntry.objects.get(action="cases.case.update")
    assert entry.changes["simplified_procedure"] == [True, False]


def test_litigation_defence_is_due_fifteen_days_after_service(make_case):
    # 行政诉讼法 第六十七条: 2026-03-09 + 15 = 03-24 (a Tuesday).
    case = make_case(kind=law_cases.LITIGATION_DIRECT, number="（2026）江0102行初5号")
    assert (case.reply_due_on, case.decision_due_on) == (D(2026, 3, 24), None)


REFUSALS = [
    ({"kind": "petition"}, "kind", "cases.kind"),
    ({"number": "  "}, "number", "cases.required"),
    ({"party_name": ""}, "party_name", "cases.required"),
    ({"filed_on": None}, "filed_on", "cases.required"),
    ({"filed_on": D(2026, 4, 1)}, "filed_on", "cases.future_date"),
    ({"received_on": D(2026, 3, 1)}, "received_on", "cases.date_order"),
    ({"accepted_on": D(2026, 2, 1)}, "accepted_on", "cases.date_order"),
    ({"received_on": None, "replied_on": D(2026, 3, 20)}, "received_on", "cases.reply_before_service"),
    ({"replied_on": D(2026, 3, 8)}, "replied_on", "cases.date_order"),
    ({"decision_extension_days": 31}, "decision_extension_days", "cases.extension"),
    ({"kind": law_cases.LITIGATION_DIRECT, "accepted_on": D(2026, 3, 3)}, "accepted_on", "cases.not_reconsideration"),
    (
        {"kind": law_cases.LITIGATION_DIRECT, "decision_extension_days": 10},
        "decision_extension_days",
        "cases.not_reconsideration",
    ),
    ({"joint_defendant": True}, "joint_defendant", "cases.joint_defendant"),
    # 行政复议法 第五十三条: the simplified procedure is a reconsideration's; 第六十二条第二款: it has no extension.
    (
        {"kind": law_cases.LITIGATION_DIRECT, "simplified_procedure": True},
        "simplified_procedure",
        "cases.not_reconsideration",
    ),
    (
        {"simplified_procedure": True, "decision_extension_days": 5},
        "decision_extension_days",
        "cases.simplified_extension",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "code"), REFUSALS)
def test_bad_input_is_refused_in_chinese_and_changes_nothing(make_case, overrides, field, code):
    with pytest.raises(ValidationError) as exc:
        make_case(**overrides)
    error = exc.value.error_dict[field][0]
    assert error.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message)
    assert not Case.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="cases.").exists()


def test_duplicate_case_number_is_refused(make_case):
    make_case(number="江府复〔2026〕1号")
    with pytest.raises(ValidationError, match="已登记案号") as exc:
        make_case(number="江府复〔2026〕1号")
    assert exc.value.error_dict["number"][0].code == "cases.number_taken"
    assert Case.objects.count() == 1


def test_request_of_another_agency_cannot_be_linked(make_case, jurisdiction, info_request):
    with pytest.raises(ValidationError) as exc:
        make_case(agency=jurisdiction["county_civil"], info_request=info_request)
    assert exc.value.error_dict["info_request"][0].code == "cases.request_agency"
    assert make_case(info_request=info_request).info_request == info_request


def test_update_recomputes_deadlines_and_audits_the_diff_without_the_name(make_case):
    case = make_case()
    updated = services.case_update(
        actor=None, case=case, today=TODAY, received_on=D(2026, 3, 16), party_name="李四", accepted_on=D(2026, 3, 4)
    )
    assert updated.reply_due_on == D(2026, 3, 30)
    assert (updated.decision_due_on, updated.decision_due_estimated) == (D(2026, 5, 6), False)
    entry = AuditEntry.objects.get(action="cases.case.update")
    assert entry.changes["received_on"] == ["2026-03-09", "2026-03-16"]
    assert entry.changes["party_name"] == ["…", "…"]
    assert "李四" not in str(entry.changes) and "张三" not in str(entry.changes)


def test_update_without_change_writes_nothing(make_case):
    case = make_case()
    services.case_update(actor=None, case=case, today=TODAY, number=case.number)
    assert not AuditEntry.objects.filter(action="cases.case.update").exists()


CONCLUDE_REFUSALS = [
    (D(2026, 3, 20), "maintained", "cases.result"),
    (D(2026, 4, 1), "upheld", "cases.future_date"),
    (D(2026, 3, 1), "upheld", "cases.date_order"),
]


@pytest.mark.parametrize(("on", "result", "code"), CONCLUDE_REFUSALS)
def test_conclude_refusals(make_case, on, result, code):
    case = make_case()
    with pytest.raises(ValidationError) as exc:
        services.case_conclude(actor=None, case=case, concluded_on=on, result=result, today=TODAY)
    assert exc.value.error_dict[next(iter(exc.value.error_dict))][0].code == code
    case.refresh_from_db()
    assert (case.concluded_on, case.result) == (None, "")


def test_conclude_and_correct_the_result(make_case):
    case = make_case()
    services.case_conclude(actor=None, case=case, concluded_on=D(2026, 3, 20), result="upheld", today=TODAY)
    services.case_conclude(actor=None, case=case, concluded_on=D(2026, 3, 25), result="corrected", today=TODAY)
    case.refresh_from_db()
    assert (case.concluded_on, case.result) == (D(2026, 3, 25), "corrected")
    entries = list(AuditEntry.objects.filter(action="cases.case.conclude").order_by("seq"))
    assert [e.changes["result"] for e in entries] == [["", "upheld"], ["upheld", "corrected"]]


def test_documents_are_judged_by_content(make_case):
    case = make_case()
    with pytest.raises(ValidationError, match="以文件内容为准"):
        services.document_add(actor=None, case=case, upload=SimpleUploadedFile("复议决定书.pdf", b"not a pdf"))
    assert not CaseDocument.objects.exists()
    document = services.document_add(actor=None, case=case, upload=SimpleUploadedFile("复议决定书.pdf", PDF))
    assert (document.content_type, document.original_name, document.size) == (
        "application/pdf",
        "复议决定书.pdf",
        len(PDF),
    )
    assert document.file.name.endswith(".pdf") and "复议" not in document.file.name
    services.document_remove(actor=None, document=document)
    assert not CaseDocument.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="cases.document").order_by("seq").values_list("action", flat=True)
    )
    assert actions == ["cases.document.add", "cases.document.remove"]
