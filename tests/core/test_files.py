"""Uploaded files the same way everywhere (gongkai.core.files): the name kept, the file stored under a random one and
gone again when the write fails, the download under its original name; the migrations that made the four file
models one kept every value."""

from __future__ import annotations

import datetime as dt
import errno
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404
from django.utils import timezone

from gongkai.cases.models import Case, CaseDocument
from gongkai.core.files import (
    file_response,
    original_name,
    random_name,
    save_with_file,
    sniff_content_type,
    stored_file_path,
    stored_file_response,
)

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def case(jurisdiction) -> Case:
    return Case.objects.create(
        agency=jurisdiction["civil"],
        kind="reconsideration",
        number="江政复〔2026〕1号",
        party_name="甲",
        filed_on=dt.date(2026, 3, 2),
    )


class HalfWrittenStorage(FileSystemStorage):
    """Writes the first bytes of a file, then fails (a full disk, a lost network share)."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(4))
        raise OSError(errno.ENOSPC, "No space left on device", str(path))


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/名单.pdf", "名单.pdf"),
        ("C:\\Users\\张三\\申请书.docx", "申请书.docx"),
        ("a\x00b\u200bc\n.pdf", "abc.pdf"),
        ("  ", "附件"),
        ("长" * 300 + ".pdf", ("长" * 300 + ".pdf")[-200:]),
    ],
)
def test_the_original_name_is_the_files_own_printable_and_trimmed(given, kept):
    assert original_name(SimpleUploadedFile(given, b"x") if given.strip() else given) == kept
    assert original_name(given) == kept


def test_files_are_stored_under_random_names():
    document = CaseDocument()
    first, second = stored_file_path(document, "申请书.PDF"), stored_file_path(document, "申请书.PDF")
    assert first != second
    assert re.fullmatch(rf"cases/{timezone.now():%Y/%m}/[0-9a-f]{{32}}\.pdf", first)
    assert re.fullmatch(r"cases/\d{4}/\d{2}/[0-9a-f]{32}", stored_file_path(document, "名单.p d f"))
    assert re.fullmatch(r"[0-9a-f]{32}\.xlsx", random_name(".xlsx"))


def test_content_decides_the_type():
    assert sniff_content_type(SimpleUploadedFile("x.exe", PDF)) == "application/pdf"
    assert sniff_content_type(SimpleUploadedFile("x.pdf", b"MZ\x90\x00")) is None


def test_a_failed_write_leaves_no_file_and_no_row(case, media, settings):
    document = CaseDocument(case=case, original_name="a.pdf", content_type="application/pdf", size=len(PDF))
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.HalfWrittenStorage"}}
    with pytest.raises(OSError, match="No space"):
        save_with_file(document, document.file, PDF, extension=".pdf")
    assert _files(media) == [] and not CaseDocument.objects.exists()


def test_a_failure_after_the_write_removes_the_file_again(case, media):
    document = CaseDocument(case=case, original_name="a.pdf", content_type="application/pdf", size=len(PDF))

    def audit_fails():
        raise RuntimeError("audit log unavailable")

    with pytest.raises(RuntimeError):
        save_with_file(document, document.file, PDF, extension=".pdf", then=audit_fails)
    assert _files(media) == []


def test_the_download_keeps_the_original_name_and_forbids_sniffing(case, media):
    document = CaseDocument(case=case, original_name="复议决定书.pdf", content_type="application/pdf", size=len(PDF))
    save_with_file(document, document.file, PDF, extension=".pdf")
    response = stored_file_response(document)
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('复议决定书.pdf')}"
    assert b"".join(response.streaming_content) == PDF
    inline = file_response(document.file, filename="a.pdf", content_type="application/pdf", as_attachment=False)
    assert inline["Content-Disposition"] == 'inline; filename="a.pdf"'
    Path(document.file.path).unlink()
    with pytest.raises(Http404):
        stored_file_response(CaseDocument.objects.get(pk=document.pk))


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_renamed_columns_keep_their_values(transactional_db):
    from gongkai.agencies import demo
    from gongkai.agencies.services import user_create
    from gongkai.workplan.models import Task, TaskEvidence, WorkPlan

    civil = demo.load_jurisdiction()["civil"]
    user = user_create(actor=None, username="officer", password="correct-horse-battery-9", full_name="科员")
    at = dt.datetime(2025, 6, 1, 8, 30, tzinfo=dt.UTC)
    case = Case.objects.create(
        agency=civil, kind="litigation", number="1", party_name="甲", filed_on=dt.date(2025, 5, 1)
    )
    CaseDocument.objects.create(case=case, file="cases/x.pdf", original_name="x.pdf", size=1, uploaded_at=at)
    plan = WorkPlan.objects.create(agency=civil, year=2025, title="要点", source_text="…")
    task = Task.objects.create(plan=plan, agency=civil, position=1, number=1, label="（一）", heading="任务", text="…")
    TaskEvidence.objects.create(task=task, file="workplan/evidence/y.pdf", uploaded_by=user, uploaded_at=at)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = _migrate([("cases", "0001_initial"), ("workplan", "0001_initial")])
        assert list(apps.get_model("cases", "CaseDocument").objects.values_list("created_at", flat=True)) == [at]
        evidence = apps.get_model("workplan", "TaskEvidence").objects.values_list("added_at", "added_by_id")
        assert list(evidence) == [(at, user.pk)]
        apps = _migrate([("cases", "0003_stored_file"), ("workplan", "0002_stored_file")])
        assert list(apps.get_model("cases", "CaseDocument").objects.values_list("uploaded_at", flat=True)) == [at]
        evidence = apps.get_model("workplan", "TaskEvidence").objects.values_list("uploaded_at", "uploaded_by_id")
        assert list(evidence) == [(at, user.pk)]
    finally:
        _migrate(latest)


def test_every_upload_path_stores_the_file_under_a_random_name(jurisdiction, case, make_user, media):
    """foi (the applicant's attachment), disclosure attachments, case documents, work-plan evidence and a plan's source
    document (issue #12, item 7): the name the file came with is kept as data, never used for the stored file."""
    from gongkai.agencies.models import Role
    from gongkai.cases import services as cases_services
    from gongkai.disclosure import attachments
    from gongkai.disclosure import services as disclosure_services
    from gongkai.foi import services as foi_services
    from gongkai.workplan import demo as workplan_demo
    from gongkai.workplan import services as workplan_services
    from tests.core.bombs import docx_bytes

    civil = jurisdiction["civil"]
    name = "张三 身份证 13912345678.docx"
    data = docx_bytes("材料")

    def upload():
        return SimpleUploadedFile(name, data, content_type="text/plain")

    submitted = foi_services.request_submit_online(
        agency=civil,
        applicant={"kind": "natural_person", "name": "张三", "phone": "13912345678"},
        description="2025年度城乡低保资金发放明细",
        submitter="192.0.2.7",
        attachment=upload(),
        wanted_form="electronic",
        delivery="email",
    )
    disclosure_services.catalog_seed(actor=None, agency=civil)
    drafter = make_user(Role.DRAFTER, civil)
    item = disclosure_services.item_create(
        actor=drafter,
        agency=civil,
        category=civil.catalog_categories.get(code="M01"),
        title="名单",
        body="<p>见附件</p>",
    )
    workplan_demo._add_departments(civil)
    plan_text = workplan_demo.SEED.read_text(encoding="utf-8")
    plan = workplan_services.plan_import(
        actor=None,
        agency=civil,
        year=2018,
        data=plan_text.encode(),
        filename="张三起草的工作要点.txt",
        mapping={"福利科": "养老服务科"},
        today=dt.date(2019, 1, 15),
    )
    stored = {
        "foi": submitted.request.attachments.get(),
        "disclosure": attachments.attachment_add(actor=drafter, item=item, upload=upload()),
        "cases": cases_services.document_add(actor=None, case=case, upload=upload()),
        "workplan/evidence": workplan_services.evidence_add(actor=None, task=plan.tasks.first(), upload=upload()),
    }
    month = f"{timezone.now():%Y/%m}"
    for folder, row in stored.items():
        assert re.fullmatch(rf"{folder}/{month}/[0-9a-f]{{32}}\.docx", row.file.name), row.file.name
        assert row.original_name == name
    assert re.fullmatch(rf"workplan/{month}/[0-9a-f]{{32}}\.txt", plan.source_document.name)
    assert plan.source_name == "张三起草的工作要点.txt"
    on_disk = [path.name for path in _files(media)]
    assert len(on_disk) == 5 and not any("张三" in n or "13912345678" in n for n in on_disk)
