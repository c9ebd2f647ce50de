"""``gongkai audit-reports ingest --region … FOLDER [--json]``: the service from the console."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.regionaudit.models import AuditedReport
from tests.regionaudit.conftest import report_text

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("audit-reports", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_bytes(report_text("江源市民政局", 2023))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(report_text("测试市民政局", 2024))
    (tmp_path / ".hidden").write_bytes(b"x")
    return tmp_path


def test_json_lines_one_per_file_and_progress_on_stderr(region, folder):
    out, err = _run("ingest", "--region", region.credit_code, str(folder), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(line["status"], line["agency"], line["year"]) for line in lines] == [
        ("stored", "江源市民政局", 2023),
        ("stored", None, 2024),
    ]
    assert lines[1]["agency_read"] == "测试市民政局" and lines[1]["matched_by"] == "unmatched"
    assert "检查报告" in err and "2/2" in err and "新存档 2 个" in err
    assert AuditedReport.objects.count() == 2


def test_a_second_run_stores_nothing_new(region, folder):
    _run("ingest", "--region", str(region.pk), str(folder))
    out, err = _run("ingest", "--region", str(region.pk), str(folder))
    assert out.count("已存档过，未重复存档") == 2 and "新存档 0 个" in err
    assert AuditedReport.objects.count() == 2


def test_an_unreadable_file_refuses_the_folder(region, folder):
    (folder / "坏.pdf").write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError) as refused:
        _run("ingest", "--region", region.credit_code, str(folder))
    assert refused.value.returncode == 1 and "坏.pdf" in str(refused.value)
    assert not AuditedReport.objects.exists()


@pytest.mark.parametrize("region_arg", ["91999999MA00000000", "99999"])
def test_an_unknown_region_is_an_argument_error(jurisdiction, folder, region_arg):
    with pytest.raises(CommandError) as refused:
        _run("ingest", "--region", region_arg, str(folder))
    assert refused.value.returncode == 2
