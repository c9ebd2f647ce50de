"""`gongkai agency import FILE.csv`: all rows or none, every bad row named with its line number."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.agencies.importing import import_agencies_csv
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEntry
from gongkai.core.tabular import ImportRejected
from gongkai.law.identifiers import make_uscc

GOV = make_uscc("11990200MB0000001")
DEPT_A = make_uscc("11990200MB0000002")
DEPT_B = make_uscc("11990200MB0000003")
BAD_CHECK = DEPT_B[:-1] + ("0" if DEPT_B[-1] != "0" else "1")

HEADER = "名称,统一社会信用代码,类型,层级,上级机关代码,主管机关代码,电话\n"


def _csv(*rows: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO((HEADER + "".join(r + "\n" for r in rows)).encode(encoding))


def test_imports_all_rows_with_links_in_any_order(db):
    data = _csv(
        f"河西区民政局,{DEPT_A},部门,县,{GOV},{GOV},0999-1",  # names a government that comes later in the file
        f"河西区人民政府,{GOV},人民政府,区,,,0999-2",
        f"河西区教育局,{DEPT_B},部门,县,{GOV},{GOV},",
    )
    created = import_agencies_csv(actor=None, source=data)
    assert len(created) == 3
    civil = Agency.objects.get(credit_code=DEPT_A)
    assert civil.parent.credit_code == GOV and civil.supervisor.credit_code == GOV
    assert civil.level == "county" and Agency.objects.get(credit_code=GOV).kind == "government"
    assert AuditEntry.objects.filter(action="agency.create").count() == 3


def test_one_bad_row_imports_nothing_and_is_named_by_line(db):
    data = _csv(
        f"河西区人民政府,{GOV},人民政府,县,,,",
        f"河西区民政局,{DEPT_A},部门,县,{GOV},,",
        f"河西区教育局,{BAD_CHECK},部门,县,{GOV},,",
    )
    with pytest.raises(ImportRejected) as caught:
        import_agencies_csv(actor=None, source=data)
    assert [e.line for e in caught.value.errors] == [4]
    assert "校验" in caught.value.errors[0].message
    assert not Agency.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (f",{GOV},人民政府,县,,,", "缺少名称"),
        (f"某局,{GOV},委员会,县,,,", "类型"),
        (f"某局,{GOV},部门,村,,,", "层级"),
        (f"某局,{GOV},部门,县,{DEPT_B},,", "既不在系统中"),
        (f"某局,{GOV},部门,县,,,,多余", "列"),
    ],
)
def test_each_kind_of_bad_row_has_a_clear_message(db, row, message):
    with pytest.raises(ImportRejected) as caught:
        import_agencies_csv(actor=None, source=_csv(row))
    assert caught.value.errors[0].line == 2
    assert message in caught.value.errors[0].message
    assert not Agency.objects.exists()


def test_duplicate_code_within_the_file_names_both_lines(db):
    with pytest.raises(ImportRejected) as caught:
        import_agencies_csv(actor=None, source=_csv(f"甲,{GOV},部门,县,,,", f"乙,{GOV},部门,县,,,"))
    assert caught.value.errors[0].line == 3 and "第 2 行" in caught.value.errors[0].message


def test_existing_agency_code_is_refused(jurisdiction):
    code = jurisdiction["civil"].credit_code
    with pytest.raises(ImportRejected, match="已存在"):
        import_agencies_csv(actor=None, source=_csv(f"甲,{code},部门,县,,,"))


def test_links_may_name_agencies_already_in_the_system(jurisdiction):
    city = jurisdiction["city"].credit_code
    import_agencies_csv(actor=None, source=_csv(f"江源市教育局,{DEPT_A},部门,市,{city},,"))
    assert Agency.objects.get(credit_code=DEPT_A).parent == jurisdiction["city"]


def test_gbk_encoded_file_from_excel_is_read(db):
    import_agencies_csv(actor=None, source=_csv(f"河西区人民政府,{GOV},人民政府,县,,,", encoding="gbk"))
    assert Agency.objects.get(credit_code=GOV).name == "河西区人民政府"


def test_unknown_column_is_refused(db):
    with pytest.raises(ImportRejected, match="无法识别的列：备注二"):
        import_agencies_csv(actor=None, source=io.BytesIO(f"名称,统一社会信用代码,备注二\n甲,{GOV},x\n".encode()))


def test_command_reports_rows_and_exits_with_error(tmp_path, db):
    path = tmp_path / "agencies.csv"
    path.write_bytes(_csv(f"河西区人民政府,{GOV},人民政府,县,,,", f"乙,{BAD_CHECK},部门,县,,,").read())
    with pytest.raises(CommandError, match="第 3 行"):
        call_command("agency", "import", str(path))
    assert not Agency.objects.exists()
    path.write_bytes(_csv(f"河西区人民政府,{GOV},人民政府,县,,,").read())
    out = io.StringIO()
    call_command("agency", "import", str(path), stdout=out)
    assert "已导入 1 个机关" in out.getvalue()


def test_agency_add_command(jurisdiction):
    out = io.StringIO()
    call_command(
        "agency",
        "add",
        "--name",
        "江源市教育局",
        "--credit-code",
        DEPT_A,
        "--parent",
        jurisdiction["city"].credit_code,
        "--supervisor",
        jurisdiction["office"].credit_code,
        stdout=out,
    )
    agency = Agency.objects.get(credit_code=DEPT_A)
    assert agency.level == "city"  # inherited from the parent
    assert agency.supervisor == jurisdiction["office"]
    with pytest.raises(CommandError, match="找不到"):
        call_command("agency", "add", "--name", "x", "--credit-code", DEPT_B, "--parent", GOV)
    with pytest.raises(CommandError, match="校验"):
        call_command("agency", "add", "--name", "x", "--credit-code", BAD_CHECK)
