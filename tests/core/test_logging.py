"""Structured logs: one line per service call with its request id, refusals with their codes, nested services
logged once, JSON lines, and no applicant's data in any log record."""

from __future__ import annotations

import contextlib
import inspect
import json
import logging
import os
import re
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.core.errors import refusal
from gongkai.core.logs import JsonFormatter, TextFormatter, service
from gongkai.core.middleware import REQUEST_ID
from gongkai.foi import services as foi_services
from gongkai.foi.models import FoiSettings, InfoRequest
from gongkai.law.identifiers import make_resident_id

NAME = "欧阳明月"
ID_NUMBER = make_resident_id("99010219850615321")
PHONE = "13987654321"
EMAIL = "mingyue.ouyang@example.com"
ADDRESS = "江源市望月路77号"
DESCRIPTION = "关于望月路拆迁补偿款发放的会议纪要"
FILE_NAME = "欧阳明月身份证复印件.pdf"
PERSONAL = (NAME, ID_NUMBER, PHONE, EMAIL, ADDRESS, DESCRIPTION, FILE_NAME)
PERSONAL_WRITTEN = {form for value in PERSONAL for form in (value, quote(value), json.dumps(value)[1:-1])}

APPLICANT = {
    "kind": "natural_person",
    "name": NAME,
    "id_type": "resident_id",
    "id_number": ID_NUMBER,
    "phone": PHONE,
    "email": EMAIL,
    "address": ADDRESS,
}


@pytest.fixture
def everything(caplog):
    """caplog at DEBUG for the root logger and every logger that has a level of its own."""
    caplog.set_level(logging.DEBUG)
    for name, item in list(logging.root.manager.loggerDict.items()):
        if isinstance(item, logging.Logger) and item.level:
            caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.fixture
def civil(jurisdiction):
    FoiSettings.objects.create(
        agency=jurisdiction["civil"],
        letter_prefix="江民公开",
        reconsideration_body="江源市人民政府",
        court="江源市江城区人民法院",
    )
    return jurisdiction["civil"]


def _service_lines(caplog, request_id=None):
    records = [r for r in caplog.records if r.name == "gongkai.service"]
    if request_id is not None:
        records = [r for r in records if r.log_fields["request_id"] == request_id]
    return [r.log_fields for r in records]


def _submit(agency) -> tuple[InfoRequest, str]:
    url = reverse("foi_public:apply", args=[agency.credit_code])
    upload = SimpleUploadedFile(FILE_NAME, b"%PDF-1.4\n%...\n", content_type="application/pdf")
    form = {**APPLICANT, "description": DESCRIPTION, "wanted_form": "electronic", "delivery": "email", "website": ""}
    # A query string can carry personal data: the access line must leave it out.
    response = Client().post(f"{url}?from={NAME}&phone={PHONE}", {**form, "attachment": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    return InfoRequest.objects.get(), response["X-Request-ID"]


def test_each_web_service_call_logs_one_line_with_its_request_id(everything, civil, client_for):
    info_request, request_id = _submit(civil)
    assert REQUEST_ID.fullmatch(request_id)
    [submitted] = _service_lines(everything, request_id)
    assert submitted["action"] == "foi.request_submit_online" and submitted["outcome"] == "ok"
    assert submitted["audit"] == ["foi.request.create", "foi.clock", "foi.attachment.add"]
    assert submitted["agency"] == [civil.pk] and submitted["user"] == "system"
    assert isinstance(submitted["duration_ms"], float) and submitted["duration_ms"] >= 0
    [access] = [
        r.log_fields for r in everything.records if r.name == "gongkai.http" and r.log_fields["method"] == "POST"
    ]
    assert access["path"] == reverse("foi_public:apply", args=[civil.credit_code])  # no query string
    assert access["status"] == 302 and access["request_id"] == request_id and access["user"] == "-"

    officer = client_for(Role.CASE_OFFICER, civil)
    response = officer.post(
        reverse("foi_staff:act", args=[info_request.pk, "reply"]),
        {
            "reply-on": timezone.localdate().isoformat(),
            "reply-outcome": "disclosed",
            "reply-documents": "",
            "reply-reason": "",
        },
    )
    assert response.status_code == 302
    # reply_record calls event_add, which issues the letter: three services, one line.
    [reply] = _service_lines(everything, response["X-Request-ID"])
    assert reply["action"] == "foi.reply_record" and reply["outcome"] == "ok" and reply["user"] == officer.user.pk
    assert reply["audit"] == ["foi.event.reply", "foi.clock", "foi.letter.issue"] and reply["agency"] == [civil.pk]


def test_no_log_record_holds_the_applicants_data(everything, civil, client_for):
    info_request, _ = _submit(civil)
    officer = client_for(Role.CASE_OFFICER, civil)
    officer.get(reverse("foi_staff:detail", args=[info_request.pk]))  # the page shows them all
    officer.get(reverse("foi_staff:inbox"), {"q": NAME})
    officer.post(reverse("foi_staff:act", args=[info_request.pk, "reply"]), {"reply-on": "2000-01-01"})  # invalid
    assert len(everything.records) >= 8
    text, structured = TextFormatter(), JsonFormatter()
    for record in everything.records:
        written = "\n".join([text.format(record), structured.format(record), repr(record.__dict__)])
        for value in PERSONAL_WRITTEN:  # as written, percent-encoded, JSON-escaped
            assert value not in written, (value, record.name, record.getMessage())


def test_a_refused_call_logs_its_code_and_the_agency_it_was_about(everything, civil, client_for):
    info_request = foi_services.request_submit_online(
        agency=civil, applicant=APPLICANT, description=DESCRIPTION, submitter="198.51.100.7"
    ).request
    approver = client_for(Role.APPROVER, civil)
    url = reverse("foi_staff:act", args=[info_request.pk, "extension"])
    today = timezone.localdate().isoformat()
    assert approver.post(url, {"extension-on": today, "extension-workdays": "15"}).status_code == 302
    refused = approver.post(url, {"extension-on": today, "extension-workdays": "10"})  # more than 20 days in all
    [line] = _service_lines(everything, refused["X-Request-ID"])
    assert (
        line["action"] == "foi.event_add" and line["outcome"] == "refused" and line["code"] == ["clock.extension_limit"]
    )
    assert line["audit"] == [] and line["agency"] == [civil.pk] and line["user"] == approver.user.pk


@service
def _inner(*, fail: bool = False) -> int:
    if fail:
        raise refusal("不行", "tests.inner", "field")
    return 1


@service
def _outer() -> int:
    """Calls two services; one of them refuses and the refusal is handled."""
    total = _inner() + _inner()
    with contextlib.suppress(ValidationError):
        _inner(fail=True)
    return total


@service
def _broken() -> None:
    raise ZeroDivisionError


def test_nested_services_log_once_and_errors_name_their_class(everything, db):
    assert _outer() == 2
    [line] = _service_lines(everything)
    assert line["action"] == "tests.core.test_logging._outer" and line["outcome"] == "ok"
    with pytest.raises(ValidationError):
        _inner(fail=True)
    with pytest.raises(ZeroDivisionError):
        _broken()
    refused, broken = _service_lines(everything)[1:]
    assert refused["outcome"] == "refused" and refused["code"] == ["tests.inner"]
    assert broken["outcome"] == "error" and broken["error"] == "ZeroDivisionError"
    assert [r.levelname for r in everything.records if r.name == "gongkai.service"] == ["INFO", "INFO", "ERROR"]
    # functools.wraps: the decorated services keep their names, docstrings and signatures
    assert _outer.__doc__.startswith("Calls two services")
    assert list(inspect.signature(foi_services.reply_record).parameters)[:3] == ["actor", "request", "on"]


def test_a_well_formed_proxy_request_id_is_kept_and_others_are_replaced(db):
    kept = Client().get("/", HTTP_X_REQUEST_ID="proxy-1234.abcd_EF")
    assert kept["X-Request-ID"] == "proxy-1234.abcd_EF"
    for bad in ("short", "x" * 65, "has space 123", "行政-12345678", 'quote"12345678'):
        replaced = Client().get("/", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert replaced != bad and re.fullmatch(r"[0-9a-f]{32}", replaced)


def test_both_formats_write_one_line_per_record_with_the_fields(everything, civil):
    _, request_id = _submit(civil)
    record = next(r for r in everything.records if r.name == "gongkai.service")
    data = json.loads(JsonFormatter().format(record))
    assert data["logger"] == "gongkai.service" and data["level"] == "INFO"
    assert data["action"] == "foi.request_submit_online" and data["request_id"] == request_id
    assert data["agency"] == [civil.pk] and data["audit"] == ["foi.request.create", "foi.clock", "foi.attachment.add"]
    line = TextFormatter().format(record)
    assert "\n" not in line and " gongkai.service action=foi.request_submit_online outcome=ok " in line
    assert (
        f" audit=foi.request.create,foi.clock,foi.attachment.add agency={civil.pk} user=system request_id={request_id} "
        in line
    )


def test_settings_json_lines_on_stderr_with_a_cli_request_id_and_never_sql(tmp_path):
    """The real settings and the ``gongkai`` command: JSON at DEBUG, SQL (with its parameters) still not logged."""
    code = (
        "import logging\n"
        "from django.db import connection\n"
        "from gongkai.core.logs import service\n"
        "@service\n"
        "def ping():\n"
        "    connection.force_debug_cursor = True\n"
        "    with connection.cursor() as cursor:\n"
        f"        cursor.execute('SELECT %s', ['{NAME}'])\n"
        "ping()\n"
        "logging.getLogger('gongkai.test').debug('plain %s', 'line')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_"))}
    env.update(GONGKAI_DATA_DIR=str(tmp_path), GONGKAI_LOG_FORMAT="json", GONGKAI_LOG_LEVEL="debug")
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "shell", "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    [ping] = [line for line in lines if line["logger"] == "gongkai.service"]
    assert ping["action"].endswith(".ping") and ping["outcome"] == "ok" and ping["user"] == "system"
    assert re.fullmatch(r"cli-[0-9a-f]{16}", ping["request_id"])
    assert {
        "logger": "gongkai.test",
        "level": "DEBUG",
        "msg": "plain line",
        "request_id": ping["request_id"],
    }.items() <= (next(line for line in lines if line["logger"] == "gongkai.test").items())
    assert NAME not in result.stderr
