"""Control characters (issue 12): removed where text enters — every form, every imported cell, the text read from a
document —, removed again by every DOCX and XLSX writer, and repaired in stored rows by the apps' data migrations.

Before: a C0 control (``\\x01``, a vertical tab pasted from Word …) was stored as typed; python-docx and openpyxl
refuse it, so a frozen letter's DOCX, an agency's whole engagement export and the annual report's DOCX/XLSX (the
public downloads too) answered 500 for good; on PostgreSQL a NUL in a form was a 500 at once.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import io
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

import gongkai
from gongkai.agencies.models import Role
from gongkai.core import forms as core_forms
from gongkai.core.documents import extract_text, scan_document
from gongkai.core.text import blank_controls, clean_json, clean_text, has_controls, repair_rows
from tests.foi import conftest as foi_fixtures
from tests.reports import test_views as report_views

HOSTILE = "甲\x01乙\x0b丙\x1f丁\x7f戊\x85己"  # what a stored row may hold (PostgreSQL refuses a NUL in a row)
TYPED = "甲\x00乙\x01丙\x0b丁"  # what a form or a file may hold
foi_settings = foi_fixtures.foi_settings  # the agency's letter settings
published = report_views.published  # a published report and a draft


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain 文本\tand\nlines", "plain 文本\tand\nlines"),  # tab and newline kept
        ("a\r\nb\rc", "a\nb\nc"),  # Windows and old Mac line ends
        ("第一行\x0b第二行\x0c第三页", "第一行\n第二行\n第三页"),  # Word's manual line and page breaks
        ("a\x00b\x01c\x08d\x0ee\x1ff", "abcdef"),  # the other C0 controls
        ("a\x7fb\x80c\x9fd", "abcd"),  # DEL and C1
        ("a\ud800b\udfffc\ufffed\uffff", "abcd"),  # lone surrogates, the non-characters XML refuses
        ("", ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean
    assert has_controls(raw) is (raw != clean)
    assert not has_controls(clean)


def test_clean_json_cleans_every_string_keys_too():
    assert clean_json({"a\x01": ["b\x02", {"c": "d\x0b"}], "n": 3, "none": None}) == {
        "a": ["b", {"c": "d\n"}],
        "n": 3,
        "none": None,
    }


def test_document_text_keeps_its_offsets():
    """The text read from a document (a text file may hold a few controls): each a space, so a finding's offsets
    still point at it."""
    raw = "本机关" * 100 + "联系电话\x01\x0b13912345678。"
    text = extract_text(raw.encode())
    assert text == blank_controls(raw) and text.endswith("联系电话  13912345678。") and len(text) == len(raw)
    [finding] = scan_document(raw.encode())
    assert text[finding.start : finding.end] == "13912345678"


# --- every form ----------------------------------------------------------------------------------------------------


def _form_modules():
    for module in pkgutil.walk_packages(gongkai.__path__, "gongkai."):
        if module.name.rsplit(".", 1)[-1].startswith("forms"):
            yield importlib.import_module(module.name)


def _text_fields():
    """(form name, form class, field name) for every text field of every form of the apps."""
    for module in _form_modules():
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                continue
            if cls in (core_forms.Form, core_forms.ModelForm):
                continue
            for field_name, field in cls.base_fields.items():
                if isinstance(field, forms.CharField):
                    yield f"{name}.{field_name}", cls, field_name


TEXT_FIELDS = {name: (cls, field) for name, cls, field in _text_fields()}


def test_the_walk_finds_the_text_fields():
    expected = {"NarrativeForm.overview", "PressForm.topic", "PublicRequestForm.description", "ReplyForm.reason"}
    assert expected <= set(TEXT_FIELDS) and len(TEXT_FIELDS) > 40


def test_no_form_of_the_apps_bypasses_the_cleaning():
    """Every class of gongkai built on Django's Form or ModelForm is built on gongkai.core.forms' (read from the
    source, so a form in a view module is found too)."""
    root = Path(gongkai.__file__).parent
    bypassing = []
    for path in root.rglob("*.py"):
        if path == root / "core" / "forms.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for base in node.bases:
                    if ast.unparse(base) in {"forms.Form", "forms.ModelForm", "django.forms.Form"}:
                        bypassing.append(f"{path.relative_to(root)}:{node.name}")
    assert bypassing == []


@pytest.mark.parametrize("name", sorted(TEXT_FIELDS))
def test_every_text_field_of_every_form_is_cleaned(name):
    cls, field_name = TEXT_FIELDS[name]
    assert issubclass(cls, core_forms.CleanTextMixin), name
    form = cls.__new__(cls)
    core_forms.CleanTextMixin.__init__(form, {field_name: TYPED})  # the forms' own __init__ need an agency …
    value = form[field_name].data
    assert value == "甲乙丙\n丁", (name, value)


def test_a_form_keeps_files_and_lists():
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("names", ["a\x01", "b"])
    data["other"] = "c"
    form = core_forms.Form(data)
    assert form.data.getlist("names") == ["a", "b"] and form.data["other"] == "c"
    assert data.getlist("names") == ["a\x01", "b"]  # the request's own data is left as it came


# --- the found cases, through the pages ----------------------------------------------------------------------------


def _answered_letter(agency):
    from tests.foi.test_letters import _answered

    return _answered(agency, "disclosed")


def test_a_frozen_letter_with_a_control_character_still_downloads_as_docx(jurisdiction, foi_settings, client_for):
    """Found: a letter frozen with a control character answered 500 for ever. Its text stays as issued; the DOCX
    leaves the character out."""
    from gongkai.foi.models import Letter

    letter = _answered_letter(jurisdiction["civil"])
    Letter.objects.filter(pk=letter.pk).update(body=letter.body + "\n\n附注：" + HOSTILE)  # stored before the fix
    client = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    client.raise_request_exception = False
    response = client.get(reverse("foi_staff:letter", args=[letter.pk, "docx"]))
    assert response.status_code == 200, response.status_code
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "附注：甲乙\n丙丁戊己" in text
    assert Letter.objects.get(pk=letter.pk).body.endswith(HOSTILE)  # frozen: never rewritten


def test_one_bad_press_record_no_longer_breaks_the_agencys_export(jurisdiction, client_for):
    from gongkai.engagement import services
    from gongkai.engagement.models import PressEvent

    civil = jurisdiction["civil"]
    fields = {"kind": "conference", "held_on": dt.date(2026, 2, 20), "topic": "例行新闻发布会"}
    for topic in ("第一季度例行新闻发布会", "第二季度例行新闻发布会"):
        services.record_create(actor=None, agency=civil, kind="press", fields={**fields, "topic": topic})
    PressEvent.objects.filter(topic__startswith="第二").update(topic="第二季度" + HOSTILE)  # stored before the fix
    client = client_for(Role.AGENCY_ADMIN, civil)
    client.raise_request_exception = False
    response = client.get(reverse("engagement_staff:export", args=["press", civil.pk]) + "?year=2026")
    assert response.status_code == 200, response.status_code
    topics = [row[2] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert topics == ["主题", "第一季度例行新闻发布会", "第二季度甲乙\n丙丁戊己"]


def test_a_press_record_typed_with_controls_is_stored_clean(jurisdiction, client_for):
    from gongkai.engagement.models import PressEvent

    civil = jurisdiction["civil"]
    client = client_for(Role.AGENCY_ADMIN, civil)
    data = {"kind": "conference", "held_on": "2026-02-20", "topic": "发布会" + TYPED, "speakers": "张\x00三"}
    response = client.post(reverse("engagement_staff:create", args=["press", civil.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = PressEvent.objects.get()
    assert (record.topic, record.speakers) == ("发布会甲乙丙\n丁", "张三")


def test_a_narrative_typed_with_a_vertical_tab_exports_as_docx_and_xlsx(published, jurisdiction, client_for):
    """Found: one \\x0b in a narrative broke the report's DOCX and XLSX. Typed now, it is a line break."""
    from gongkai.reports.models import AnnualReport

    report = published["county"]
    client = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    client.raise_request_exception = False
    text = {k: v.replace("【", "").replace("】", "") for k, v in report.narrative.items()}
    text["problems"] = "一是公开不够及时。\x0b二是解读\x00不足。"
    assert client.post(reverse("reports_staff:edit", args=[report.pk]), text).status_code == 302
    assert AnnualReport.objects.get(pk=report.pk).narrative["problems"] == "一是公开不够及时。\n二是解读不足。"
    for fmt in ("docx", "xlsx"):
        response = client.get(reverse("reports_staff:download", args=[report.pk, fmt]))
        assert response.status_code == 200 and response.content[:2] == b"PK", fmt


def test_a_published_narrative_stored_with_a_control_character_still_downloads(published, jurisdiction, client_for):
    """A report published before the fix: the staff's and the public's DOCX and XLSX leave the character out."""
    from gongkai.reports.models import AnnualReport

    report = published["civil"]
    narrative = {**report.narrative, "other": "无其他需要报告的事项。" + HOSTILE}
    AnnualReport.objects.filter(pk=report.pk).update(narrative=narrative)
    staff = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    public = Client(raise_request_exception=False)
    staff.raise_request_exception = False
    civil = jurisdiction["civil"]
    for client, url in [
        (staff, reverse("reports_staff:download", args=[report.pk, "docx"])),
        (staff, reverse("reports_staff:download", args=[report.pk, "xlsx"])),
        (public, reverse("portal:annual_report_download", args=[civil.credit_code, 2025, "docx"])),
        (public, reverse("portal:annual_report_download", args=[civil.credit_code, 2025, "xlsx"])),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if url.endswith("docx"):
            text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        else:
            book = load_workbook(io.BytesIO(response.content))
            text = "\n".join(str(c) for row in book.worksheets[-1].iter_rows(values_only=True) for c in row if c)
        # \x85 (NEL) is a line end to str.splitlines: the layout makes it a paragraph break
        assert "无其他需要报告的事项。甲乙\n丙丁戊" in text and not has_controls(text.replace("\n", "")), url


def test_a_nul_in_the_public_request_form_is_no_server_error(jurisdiction):
    """On PostgreSQL a NUL reached the INSERT: 500. It is removed with the other controls."""
    from gongkai.foi.models import InfoRequest
    from tests.foi.test_workflow import _form

    client = Client(raise_request_exception=False)
    data = _form(description="2025年度\x00城乡低保\x01资金发放明细", address="江源市\x00幸福路9号")
    response = client.post(reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]), data)
    assert response.status_code == 302, response.status_code
    info_request = InfoRequest.objects.get()
    assert info_request.description == "2025年度城乡低保资金发放明细"
    assert info_request.applicant.address == "江源市幸福路9号"


def test_a_nul_in_the_reveal_reason_is_no_server_error(jurisdiction, client_for):
    """The one text a view reads from the request itself (the reason a system administrator gives)."""
    from gongkai.audit.models import AuditEntry
    from gongkai.foi import services

    info_request = services.request_register(
        actor=None,
        agency=jurisdiction["civil"],
        applicant={"kind": "natural_person", "name": "张三"},
        channel="in_person",
        submitted_on=dt.date(2026, 10, 12),
        description="养老补贴名单",
    ).request
    admin = client_for(superuser=True)
    admin.raise_request_exception = False
    response = admin.post(reverse("foi_staff:reveal", args=[info_request.pk]), {"reason": "核对\x00投诉\x01内容"})
    assert response.status_code == 302, response.status_code
    assert AuditEntry.objects.get(action="foi.applicant.reveal").changes["reason"] == "核对投诉内容"


# --- imports -------------------------------------------------------------------------------------------------------


def test_a_csv_import_with_control_characters_stores_them_clean(jurisdiction):
    from gongkai.engagement import tables
    from gongkai.engagement.models import PressEvent

    csv = "类型,日期,主题,发布人\n新闻发布会,2026-02-20,第一季度\x01例行\x0b发布会,张\x00三\n".encode()
    tables.import_records(actor=None, agency=jurisdiction["civil"], kind="press", source=io.BytesIO(csv))
    record = PressEvent.objects.get()
    assert (record.topic, record.speakers) == ("第一季度例行\n发布会", "张三")


def test_an_xlsx_import_with_control_characters_stores_them_clean(jurisdiction):
    from gongkai.engagement import tables
    from gongkai.engagement.models import OpinionEvent

    workbook = Workbook()
    workbook.active.append(["级别", "发现日期", "来源", "概要"])
    workbook.active.append(["一般", "2026-04-01", "微博", "网民反映\x85低保公示不全\x9f"])  # C1: XML takes them
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    tables.import_records(actor=None, agency=jurisdiction["civil"], kind="opinion", source=buffer)
    assert OpinionEvent.objects.get().summary == "网民反映低保公示不全"


# --- the data migrations -------------------------------------------------------------------------------------------

MIGRATIONS = {
    "agencies": "0003_control_characters",
    "cases": "0004_control_characters",
    "disclosure": "0007_control_characters",
    "engagement": "0002_control_characters",
    "foi": "0007_control_characters",
    "reports": "0002_control_characters",
    "workcalendar": "0002_control_characters",
    "workplan": "0003_control_characters",
}


def _run(app_label: str) -> None:
    module = importlib.import_module(f"gongkai.{app_label}.migrations.{MIGRATIONS[app_label]}")
    module.repair(django_apps, None)


def test_every_migration_names_real_fields(db):
    for app_label, name in MIGRATIONS.items():
        module = importlib.import_module(f"gongkai.{app_label}.migrations.{name}")
        for model_name, fields in module.FIELDS.items():
            model = django_apps.get_model(app_label, model_name)
            assert all(model._meta.get_field(f) for f in fields)
        _run(app_label)  # and runs on an empty database


def test_the_migrations_repair_stored_rows_and_leave_frozen_letters(jurisdiction, foi_settings, published):
    from gongkai.agencies.models import Department
    from gongkai.engagement.models import PressEvent
    from gongkai.foi.models import Applicant, InfoRequest, Letter
    from gongkai.reports.models import AnnualReport

    civil = jurisdiction["civil"]
    letter = _answered_letter(civil)
    request = letter.request
    InfoRequest.objects.filter(pk=request.pk).update(description="名单" + HOSTILE, note="备注\r\n第二行")
    applicant = Applicant.objects.get(pk=request.applicant_id)
    applicant.address = "江源市\x01幸福路9号"  # encrypted at rest
    applicant.save()
    Letter.objects.filter(pk=letter.pk).update(body=letter.body + HOSTILE)
    department = Department.objects.create(agency=civil, name="信访科\x01")
    press = PressEvent.objects.create(agency=civil, kind="conference", held_on=dt.date(2026, 2, 20), topic="会\x0b")
    report = published["civil"]
    AnnualReport.objects.filter(pk=report.pk).update(narrative={**report.narrative, "other": "无\x01"})

    for app_label in MIGRATIONS:
        _run(app_label)

    request.refresh_from_db()
    assert (request.description, request.note) == ("名单甲乙\n丙丁戊己", "备注\n第二行")
    assert Applicant.objects.get(pk=applicant.pk).address == "江源市幸福路9号"
    assert Department.objects.get(pk=department.pk).name == "信访科"
    assert PressEvent.objects.get(pk=press.pk).topic == "会\n"
    assert AnnualReport.objects.get(pk=report.pk).narrative["other"] == "无"
    assert Letter.objects.get(pk=letter.pk).body.endswith(HOSTILE)  # as issued


def test_repair_writes_only_the_rows_holding_a_control(jurisdiction, django_assert_num_queries):
    from gongkai.agencies.models import Department

    civil = jurisdiction["civil"]
    Department.objects.create(agency=civil, name="信访科\x01")
    Department.objects.create(agency=civil, name="测试科")
    with django_assert_num_queries(2):  # the read and one UPDATE
        assert repair_rows(Department, ["name", "aliases"]) == 1
