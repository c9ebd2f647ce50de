"""`gongkai workplan import`: a table to review, saved only when every department name is mapped; the same plan
read from text, HTML and DOCX."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from gongkai.workplan.documents import DOCX, read_plan_document
from gongkai.workplan.models import Task, WorkPlan

from .conftest import PLAN_YEAR


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("workplan", "import", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seed_file(tmp_path, seed_text):
    path = tmp_path / "2018年政务公开工作要点.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_dry_run_prints_the_proposal_and_saves_nothing(civil, seed_file):
    out = _run(str(seed_file), "--agency", civil.credit_code, "--year", "2018", "--dry-run")
    assert "共 5 组、18 项任务。" in out
    assert "一、加强公开解读回应工作" in out
    assert (
        "牵头：社救办（社会救助科）、救灾科（救灾减灾科）；时限：每季度，下一季度第2个月底前；每半年，期满后第2个月底前"
        in out
    )
    assert "福利科 → 未对应" in out
    assert "未对应的科室名称：福利科" in out
    assert "试运行：没有保存任何内容。" in out
    assert not WorkPlan.objects.exists()


def test_unmapped_names_stop_the_import(civil, seed_file):
    with pytest.raises(CommandError, match="没有保存任何内容：以下科室名称还没有对应到本机关的科室：福利科"):
        _run(str(seed_file), "--agency", civil.credit_code, "--year", "2018")
    assert not WorkPlan.objects.exists() and not Task.objects.exists()


def test_mapped_names_import_the_plan(civil, seed_file):
    out = _run(str(seed_file), "--agency", civil.credit_code, "--year", "2018", "--map", "福利科=养老科")
    assert "福利科 → 养老服务科（人工对应）" in out
    assert "已导入 18 项任务" in out
    assert WorkPlan.objects.get().name_map == {"福利科": "养老服务科"}


def test_a_name_kept_as_text_with_a_dash(civil, seed_file):
    _run(str(seed_file), "--agency", civil.credit_code, "--year", "2018", "--map", "福利科=-")
    assert Task.objects.get(number=9).unmapped_names == ["福利科"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "福利科"], "--map 的格式应为 名称=科室"),
        (["--map", "福利科=福利处"], "本机关没有这些科室：福利处"),
        (["--agency", "91350100M000100Y43"], "找不到统一社会信用代码为"),
    ],
)
def test_bad_arguments(civil, seed_file, args, message):
    base = {"--agency": civil.credit_code}
    if "--agency" in args:
        base = {}
    argv = [str(seed_file), "--year", "2018", *[x for kv in base.items() for x in kv], *args]
    with pytest.raises(CommandError, match=message):
        _run(*argv)
    assert not WorkPlan.objects.exists()


def test_a_missing_file(civil, tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        _run(str(tmp_path / "none.txt"), "--agency", civil.credit_code, "--year", "2018")


# --- formats ----------------------------------------------------------------------------------------------------


def _docx(lines: list[str]) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html(lines: list[str]) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>要点</title><style>p{}</style></head>'
        f"<body><div class='article'>{body}</div><script>var x = '（一）不是任务';</script></body></html>"
    ).encode()


@pytest.mark.parametrize(("build", "content_type"), [(_docx, DOCX), (_html, "text/html")])
def test_docx_and_html_read_like_the_text(civil, seed_text, build, content_type, tmp_path):
    lines = [line for line in seed_text.splitlines() if line.strip()]
    kind, text = read_plan_document(build(lines))
    assert kind == content_type
    assert "(一)持续做好民政政策文件公开工作。" in [line.strip()[:18] for line in text.splitlines()]  # one line each
    path = tmp_path / "plan.bin"
    path.write_bytes(build(lines))
    out = _run(str(path), "--agency", civil.credit_code, "--year", str(PLAN_YEAR), "--map", "福利科=养老科")
    assert "共 5 组、18 项任务。" in out
    assert WorkPlan.objects.get().source_type == content_type
    assert Task.objects.count() == 18
    assert "不是任务" not in Task.objects.get(number=18).text
