"""Uploads are read before the write transaction opens (issue #12, item 2): text extraction, the personal-data scan,
masking, reading a plan document and judging an upload all run with no transaction open, then the write takes a
short one.  On SQLite a transaction holds the database's one write lock: a drafter's slow document used to hold it
for 45 s, and a citizen submitting a request meanwhile got "database is locked".

Two kinds of proof:

- every upload path, with the one reader (``gongkai.core.documents``) watched — the real reader runs, the watch
  only notes whether a transaction is open (``connection.in_atomic_block``) each time it is called;
- a drafter's upload whose reading is held open while, in another thread, a citizen submits a request through the
  portal with a one-second busy timeout: the submission succeeds.  (The race only exists on SQLite, whose write
  lock is database-wide; PostgreSQL locks rows and passes either way.)
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from gongkai.agencies import demo as agencies_demo
from gongkai.agencies.models import Role
from gongkai.cases import services as cases_services
from gongkai.cases.models import Case
from gongkai.core import documents
from gongkai.disclosure import attachments, wordimport
from gongkai.disclosure import services as disclosure_services
from gongkai.foi import services as foi_services
from gongkai.foi.models import Attachment as RequestAttachment
from gongkai.foi.models import FoiSettings, InfoRequest
from gongkai.law.identifiers import make_resident_id
from gongkai.workplan import demo as workplan_demo
from gongkai.workplan import services as workplan_services
from tests.core.bombs import docx_bytes
from tests.disclosure.documents import sample_docx

pytestmark = pytest.mark.django_db(transaction=True)

VALID_ID = make_resident_id("11010119900307123")
TODAY = dt.date(2019, 1, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def civil():
    return agencies_demo.load_jurisdiction()["civil"]


@pytest.fixture
def reads(monkeypatch) -> list[bool]:
    """Whether a transaction was open at each call of the reader (documents._open: extract, scan, mask;
    documents.open_package: a DOCX/XLSX container judged or read)."""
    seen: list[bool] = []

    def watched(real):
        def call(*args, **kwargs):
            seen.append(connection.in_atomic_block)
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(documents, "_open", watched(documents._open))
    monkeypatch.setattr(documents, "open_package", watched(documents.open_package))
    return seen


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _outside(reads: list[bool]) -> None:
    assert reads, "the document was not read at all"
    assert not any(reads), f"{reads.count(True)} of {len(reads)} reads ran inside a transaction"


@pytest.fixture
def item(civil, make_user):
    disclosure_services.catalog_seed(actor=None, agency=civil)
    users = {role: make_user(role, civil, username=role) for role in (Role.DRAFTER, Role.REVIEWER, Role.APPROVER)}
    users["secrecy"] = make_user(Role.REVIEWER, civil, username="secrecy")  # 保密审查: another person than 初审
    item = disclosure_services.item_create(
        actor=users[Role.DRAFTER],
        agency=civil,
        category=civil.catalog_categories.get(code="M01"),
        title="2026年10月城市低保名单",
        body="<p>名单见附件。</p>",
    )
    item.users = users
    return item


def test_a_disclosure_attachment_is_scanned_and_masked_outside_the_transaction(item, reads):
    drafter = item.users[Role.DRAFTER]
    attachment = attachments.attachment_add(
        actor=drafter, item=item, upload=_upload("名单.docx", docx_bytes(f"身份证号 {VALID_ID}"))
    )
    assert attachment.pii_findings
    _outside(reads)
    reads.clear()
    assert attachments.attachment_mask(actor=drafter, attachment=attachment) == 1
    _outside(reads)


def test_attachments_are_scanned_again_outside_the_transaction_at_submission_and_publication(item, reads):
    attachments.attachment_add(actor=item.users[Role.DRAFTER], item=item, upload=_upload("a.docx", docx_bytes("名单")))
    reads.clear()
    disclosure_services.item_submit(actor=item.users[Role.DRAFTER], item=item)
    _outside(reads)
    reads.clear()
    for role in (Role.REVIEWER, "secrecy"):
        disclosure_services.item_decide(actor=item.users[role], item=item, approved=True)
    assert reads == []  # only the last approval publishes, and only it reads the files again
    item = disclosure_services.item_decide(actor=item.users[Role.APPROVER], item=item, approved=True)
    assert item.state == "published"
    _outside(reads)


def test_a_word_file_is_converted_outside_the_transaction_that_stores_its_pictures(item, reads, monkeypatch):
    real = wordimport.mammoth.convert_to_html

    def watched(*args, **kwargs):
        reads.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(wordimport.mammoth, "convert_to_html", watched)
    imported = wordimport.word_import(
        actor=item.users[Role.DRAFTER], item=item, upload=_upload("通知.docx", sample_docx())
    )
    assert len(imported.attachments) == 1
    _outside(reads)


@pytest.fixture
def plan_docx() -> bytes:
    return docx_bytes(*[line for line in workplan_demo.SEED.read_text(encoding="utf-8").splitlines() if line.strip()])


def test_a_work_plan_is_read_outside_the_transaction(civil, plan_docx, reads):
    workplan_demo._add_departments(civil)
    workplan_services.plan_propose(actor=None, agency=civil, year=2018, data=plan_docx, today=TODAY)
    _outside(reads)
    reads.clear()
    plan = workplan_services.plan_import(
        actor=None, agency=civil, year=2019, data=plan_docx, mapping={"福利科": "养老服务科"}, today=TODAY
    )
    _outside(reads)
    reads.clear()
    workplan_services.evidence_add(actor=None, task=plan.tasks.first(), upload=_upload("a.docx", docx_bytes("x")))
    _outside(reads)


def test_case_documents_and_applicants_attachments_are_judged_outside_the_transaction(civil, reads):
    case = Case.objects.create(
        agency=civil, kind="reconsideration", number="江政复〔2026〕1号", party_name="甲", filed_on=dt.date(2026, 3, 2)
    )
    cases_services.document_add(actor=None, case=case, upload=_upload("决定书.docx", docx_bytes("x")))
    _outside(reads)
    reads.clear()
    foi_services.request_submit_online(
        agency=civil,
        applicant={"kind": "natural_person", "name": "张三", "phone": "13912345678"},
        description="2025年度城乡低保资金发放明细",
        submitter="192.0.2.1",
        attachment=_upload("申请.docx", docx_bytes("x")),
        wanted_form="electronic",
        delivery="email",
    )
    _outside(reads)


def test_a_citizen_submits_while_a_drafters_document_is_being_read(item, monkeypatch):
    """The drafter's document is held in the reader until the citizen's request is stored (or has failed)."""
    FoiSettings.objects.create(
        agency=item.agency,
        letter_prefix="江民公开",
        reconsideration_body="江源市人民政府",
        court="江源市江城区人民法院",
    )
    reading, submitted = threading.Event(), threading.Event()
    real_open = documents._open

    def slow_reader(*args, **kwargs):
        reading.set()
        submitted.wait(timeout=30)  # a large document, as long as it takes the citizen to submit
        return real_open(*args, **kwargs)

    monkeypatch.setattr(documents, "_open", slow_reader)
    outcome: dict[str, object] = {}

    def drafter() -> None:
        try:
            outcome["attachment"] = attachments.attachment_add(
                actor=item.users[Role.DRAFTER], item=item, upload=_upload("名单.docx", docx_bytes("名单"))
            )
        except BaseException as exc:
            outcome["drafter"] = exc
        finally:
            reading.set()
            connection.close()

    def citizen() -> None:
        try:
            assert reading.wait(timeout=30)
            if connection.vendor == "sqlite":
                connection.ensure_connection()
                with connection.cursor() as cursor:  # fail after 1 s instead of the settings' 20 s
                    cursor.execute("PRAGMA busy_timeout = 1000")
            response = Client().post(
                reverse("foi_public:apply", args=[item.agency.credit_code]),
                {
                    "kind": "natural_person",
                    "name": "张三",
                    "phone": "13912345678",
                    "address": "江源市幸福路9号",
                    "description": "2025年度城乡低保资金发放明细",
                    "wanted_form": "electronic",
                    "delivery": "email",
                    "website": "",
                },
            )
            outcome["status"] = response.status_code
        except BaseException as exc:
            outcome["citizen"] = exc
        finally:
            submitted.set()
            connection.close()

    threads = [threading.Thread(target=drafter), threading.Thread(target=citizen)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert "citizen" not in outcome, outcome["citizen"]
    assert outcome["status"] == 302
    assert InfoRequest.objects.filter(description="2025年度城乡低保资金发放明细").count() == 1
    assert "drafter" not in outcome, outcome["drafter"]
    assert outcome["attachment"].item_id == item.pk
    assert not RequestAttachment.objects.exists()


def test_no_transaction_is_open_outside_the_tests_own(reads):
    # the watch itself: inside transaction.atomic() it does see the transaction
    with transaction.atomic():
        documents.extract_text(docx_bytes("x"))
    documents.extract_text(docx_bytes("x"))
    assert reads[0] is True and reads[-1] is False
