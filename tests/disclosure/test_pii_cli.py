"""`gongkai pii scan [FILE|-]` and `gongkai pii mask FILE -o OUT`, and the document layer under them
(gongkai.core.documents): text, DOCX, XLSX and PDF, detected by content."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pymupdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.core.documents import (
    DocumentError,
    UnsupportedDocument,
    detect_format,
    extract_text,
    mask_document,
    scan_document,
)
from gongkai.law.identifiers import make_resident_id

ID = make_resident_id("11010119900307123")  # 110101199003071233
ID_X = make_resident_id("44030419851231002")  # 44030419851231002X
MOBILE = "13912345678"
CARD = "4111 1111 1111 1111"
EMAIL = "zhang.san@example.com"


# -- fixtures built in the tests ----------------------------------------------------------------------


def _text_utf8() -> bytes:
    return f"低保名单（2025年3月）\n张三 {ID} 城市低保 650元\n联系电话 {MOBILE}\n".encode()


def _text_gb18030() -> bytes:
    return f"李四 {ID_X} 农村低保 480元，银行卡 {CARD}\r\n".encode("gb18030")


def _docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = f"经办人邮箱 {EMAIL}"
    document.add_paragraph("2025年3月城市低保名单")
    # The ID is split over three runs with different formatting, as Word often stores text.
    p = document.add_paragraph("张三 ")
    bold = p.add_run(ID[:5])
    bold.bold = True
    italic = p.add_run(ID[5:12])
    italic.italic = True
    tail = p.add_run(ID[12:] + " 650元")
    tail.font.size = Pt(14)
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ["姓名", "身份证号", "手机"], strict=True):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ["李四", ID_X, "139-1234-5678"], strict=True):
        cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "3月"
    sheet.append(["姓名", "身份证号", "手机", "金额"])
    sheet.append(["张三", ID, int(MOBILE), 650])
    sheet.append(["李四", ID_X.lower(), "", 480.5])
    hidden = book.create_sheet("备用")
    hidden.sheet_state = "hidden"
    hidden["B2"] = f"开户账号 {CARD}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf(*pages: list[str]) -> bytes:
    document = pymupdf.open()
    for lines in pages or ([f"Zhang San {ID} 650", f"Tel {MOBILE} / {EMAIL}"], [f"Li Si {ID_X}"]):
        page = document.new_page()
        for n, line in enumerate(lines):
            page.insert_text((72, 72 + 16 * n), line, fontsize=11)
    return document.tobytes()


def _pdf_without_text() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 200, 100), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    return document.tobytes()


FIXTURES = {
    "text": (_text_utf8, [("id_card", ID), ("mobile", MOBILE)]),
    "text-gb18030": (_text_gb18030, [("id_card", ID_X), ("bank_card", CARD)]),
    "docx": (_docx, [("id_card", ID), ("id_card", ID_X), ("mobile", "139-1234-5678"), ("email", EMAIL)]),
    "xlsx": (_xlsx, [("id_card", ID), ("mobile", MOBILE), ("id_card", ID_X.lower()), ("bank_card", CARD)]),
    "pdf": (_pdf, [("id_card", ID), ("mobile", MOBILE), ("email", EMAIL), ("id_card", ID_X)]),
}


# -- the document layer -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_documents_are_scanned_and_offsets_index_the_extracted_text(name: str) -> None:
    build, expected = FIXTURES[name]
    data = build()
    assert detect_format(data) == name.split("-")[0]
    text = extract_text(data)
    findings = scan_document(data)
    assert [(f.kind, f.text) for f in findings] == expected
    assert all(text[f.start : f.end] == f.text for f in findings)


@pytest.mark.parametrize("name", FIXTURES)
def test_masked_documents_keep_their_format_and_rescan_clean(name: str) -> None:
    build, expected = FIXTURES[name]
    data = build()
    masked = mask_document(data)
    assert detect_format(masked) == detect_format(data)
    assert scan_document(masked) == []
    text = extract_text(masked)
    for _kind, found in expected:
        assert found not in text
    assert "110101********1233" in text or name == "text-gb18030"


def test_text_keeps_its_encoding() -> None:
    masked = mask_document(_text_gb18030())
    assert masked.decode("gb18030") == "李四 440304********002X 农村低保 480元，银行卡 **** **** **** 1111\r\n"
    bom = b"\xef\xbb\xbf" + f"号码 {ID}".encode()
    assert mask_document(bom) == b"\xef\xbb\xbf" + "号码 110101********1233".encode()
    utf16 = f"号码 {ID}".encode("utf-16")
    assert detect_format(utf16) == "text" and extract_text(utf16) == f"号码 {ID}"
    assert mask_document(utf16).decode("utf-16") == "号码 110101********1233"


def test_docx_masking_stays_inside_the_runs() -> None:
    masked = docx.Document(io.BytesIO(mask_document(_docx())))
    runs = masked.paragraphs[1].runs
    assert [r.text for r in runs] == ["张三 ", "11010", "1******", "**1233 650元"]
    assert runs[1].bold and runs[2].italic and runs[3].font.size == Pt(14)
    assert masked.tables[0].rows[1].cells[1].text == "440304********002X"
    assert masked.sections[0].header.paragraphs[0].text == "经办人邮箱 z********@example.com"


def test_docx_parts_without_findings_are_copied_byte_for_byte() -> None:
    data = _docx()
    masked = mask_document(data)
    with zipfile.ZipFile(io.BytesIO(data)) as before, zipfile.ZipFile(io.BytesIO(masked)) as after:
        assert before.namelist() == after.namelist()
        assert before.read("word/styles.xml") == after.read("word/styles.xml")
        assert before.read("word/document.xml") != after.read("word/document.xml")


def test_xlsx_reads_string_and_integer_cells_of_every_sheet() -> None:
    data = _xlsx()
    assert extract_text(data) == "\n".join(
        ["姓名", "身份证号", "手机", "金额", "张三", ID, MOBILE, "650", "李四", ID_X.lower(), f"开户账号 {CARD}"]
    )
    book = openpyxl.load_workbook(io.BytesIO(mask_document(data)))
    assert book["3月"]["B2"].value == "110101********1233"
    assert book["3月"]["C2"].value == "139****5678"  # the integer cell now holds the masked text
    assert book["3月"]["B3"].value == "440304********002x"
    assert book["3月"]["D3"].value == 480.5
    assert book["备用"].sheet_state == "hidden" and book["备用"]["B2"].value == "开户账号 **** **** **** 1111"


def test_pdf_masking_removes_the_digits_from_the_file() -> None:
    data = _pdf()
    masked = mask_document(data)
    document = pymupdf.open(stream=masked, filetype="pdf")
    raw = b"".join(document.xref_stream(xref) or b"" for xref in range(1, document.xref_length()))
    assert ID.encode() not in raw and MOBILE.encode() not in raw
    words = " ".join(page.get_text() for page in document)
    assert "Zhang San" in words and "650" in words and "110101********1233" in words
    assert "139****5678" in words and "z********@example.com" in words


def test_pdf_redaction_leaves_neighbouring_lines_alone() -> None:
    lines = ["above the line 4567", f"{ID}", "below the line 8910"]
    masked = extract_text(mask_document(_pdf(lines)))
    assert "above the line 4567" in masked and "below the line 8910" in masked


def test_pdf_rotated_text_is_masked() -> None:
    document = pymupdf.open()
    page = document.new_page()
    for angle, origin in ((0, (72, 100)), (90, (300, 400)), (180, (500, 600)), (270, (100, 450))):
        page.insert_text(origin, f"R{angle} {ID}", fontsize=11, rotate=angle)
    page.set_rotation(90)
    masked = extract_text(mask_document(document.tobytes()))
    assert ID not in masked and masked.count("110101********1233") == 4
    assert all(f"R{angle}" in masked for angle in (0, 90, 180, 270))


def test_pdf_ocr_layer_masks_the_scanned_image_too() -> None:
    # A scanned page: the digits are pixels of an image, with an invisible OCR text layer on top.
    source = pymupdf.open()
    source.new_page().insert_text((72, 72), f"Zhang {ID} 650", fontsize=14)
    document = pymupdf.open()
    page = document.new_page()
    page.insert_image(page.rect, pixmap=source[0].get_pixmap(dpi=150))
    page.insert_text((72, 72), f"Zhang {ID} 650", fontsize=14, render_mode=3)
    box = page.search_for(ID)[0]
    masked = pymupdf.open(stream=mask_document(document.tobytes()), filetype="pdf")
    assert extract_text(masked.tobytes()).count(ID) == 0

    def ink(doc: pymupdf.Document) -> int:
        # Dark pixels of the image alone (the masked form is drawn as text on top, so render without it).
        pixmap = doc[0].get_pixmap(dpi=72, clip=box, annots=False)
        return sum(1 for value in pixmap.samples[:: pixmap.n] if value < 128)

    image_only = pymupdf.open(stream=mask_document(document.tobytes()), filetype="pdf")
    for block in image_only[0].get_text("dict")["blocks"]:
        if block["type"] == 0:
            image_only[0].add_redact_annot(block["bbox"], fill=False)
    image_only[0].apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
    assert ink(document) > 50 and ink(image_only) == 0


def test_docx_tracked_changes_are_scanned_and_masked() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("修订：")
    inserted = paragraph._p.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "a"})
    inserted.append(paragraph.add_run(ID)._r)  # the run moves into the tracked insertion
    paragraph._p.append(inserted)
    paragraph.add_run("，原为")
    deleted = paragraph._p.makeelement(qn("w:del"), {qn("w:id"): "2", qn("w:author"): "a"})
    run = paragraph.add_run()._r
    text = run.makeelement(qn("w:delText"), {})
    text.text = MOBILE
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)
    out = io.BytesIO()
    document.save(out)
    assert paragraph.text == "修订：，原为"  # python-docx itself sees neither the insertion nor the deletion
    assert extract_text(out.getvalue()) == f"修订：{ID}，原为{MOBILE}"
    masked = mask_document(out.getvalue())
    assert extract_text(masked) == "修订：110101********1233，原为139****5678"


def test_documents_without_findings_come_back_unchanged() -> None:
    for data in (b"", "无个人信息的正文".encode(), _pdf(["nothing here"], ["page 2"])):
        assert mask_document(data) == data


UNSUPPORTED = [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "图片"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "旧版 Office"),
    (b"\x00\x01\x02\x03binary", "二进制"),
    (b"text then \x80\xff", "无法识别"),
    (b"PK\x03\x04 truncated", "损坏"),
    (b"%PDF-1.7\n garbage", "PDF"),
]


@pytest.mark.parametrize(("data", "message"), UNSUPPORTED)
def test_unsupported_input_gives_a_chinese_message(data: bytes, message: str) -> None:
    with pytest.raises(UnsupportedDocument) as exc:
        scan_document(data)
    assert message in exc.value.message
    assert isinstance(exc.value, DocumentError)


def test_plain_zip_and_encrypted_pdf_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", f"号码 {ID}")
    with pytest.raises(UnsupportedDocument, match="压缩文件"):
        detect_format(out.getvalue())
    document = pymupdf.open(stream=_pdf(), filetype="pdf")
    locked = document.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="secret")
    with pytest.raises(UnsupportedDocument, match="加密"):
        scan_document(locked)


# -- the command line ---------------------------------------------------------------------------------


def _pii(*args: str, stdin: bytes = b"", data_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGKAI_", "DATABASE_URL"))}
    env["GONGKAI_DATA_DIR"] = str(data_dir)  # an empty data dir: the command needs no database
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "pii", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize("name", FIXTURES)
def test_scan_prints_json_offsets_into_the_extracted_text(tmp_path: Path, name: str) -> None:
    build, expected = FIXTURES[name]
    data = build()
    path = tmp_path / "upload.bin"  # the name says nothing: the format comes from the content
    path.write_bytes(data)
    result = _pii("scan", str(path), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    out = json.loads(result.stdout)
    text = extract_text(data)
    assert [(f["kind"], text[f["start"] : f["end"]]) for f in out] == expected
    assert all(set(f) == {"kind", "start", "end", "masked"} for f in out)
    assert all(len(f["masked"]) == f["end"] - f["start"] and "*" in f["masked"] for f in out)


def test_the_issue_example_from_stdin(tmp_path: Path) -> None:
    line = f"张三 {ID} 城市低保 650元\n张三 110101199003071234 城市低保 650元\n{ID[:17]}"
    result = _pii("scan", stdin=line.encode(), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    # The valid number is found; the issue's own example (wrong check digit) and a 17-digit number are not.
    assert json.loads(result.stdout) == [{"kind": "id_card", "start": 3, "end": 21, "masked": "110101********1233"}]
    assert "110101********1233" in result.stdout.decode()  # ensure_ascii=False: readable Chinese and digits
    result = _pii("scan", "-", stdin="姓名：张三".encode("gb18030"), data_dir=tmp_path)
    assert json.loads(result.stdout) == []


def test_binary_documents_can_come_from_stdin(tmp_path: Path) -> None:
    result = _pii("scan", "-", stdin=_docx(), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert [f["kind"] for f in json.loads(result.stdout)] == ["id_card", "id_card", "mobile", "email"]


def test_an_empty_file_gives_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = _pii("scan", str(path), data_dir=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_a_pdf_without_a_text_layer_warns(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_without_text())
    result = _pii("scan", str(path), data_dir=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert "扫描件" in result.stderr.decode()


@pytest.mark.parametrize("name", FIXTURES)
def test_mask_writes_a_copy_that_rescans_clean(tmp_path: Path, name: str) -> None:
    build, expected = FIXTURES[name]
    source, target = tmp_path / "in", tmp_path / "out"
    source.write_bytes(build())
    result = _pii("mask", str(source), "-o", str(target), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    summary = result.stdout.decode().strip()
    assert summary.startswith(f"已遮蔽 {len(expected)} 处个人信息：") and summary.endswith(f"→ {target}")
    assert detect_format(target.read_bytes()) == detect_format(source.read_bytes())
    rescan = _pii("scan", str(target), data_dir=tmp_path)
    assert rescan.returncode == 0 and json.loads(rescan.stdout) == []


def test_mask_summary_counts_each_kind(tmp_path: Path) -> None:
    source, target = tmp_path / "list.txt", tmp_path / "masked.txt"
    source.write_text(f"张三 {ID}\n李四 {ID_X}\n电话 {MOBILE}\n", encoding="utf-8")
    result = _pii("mask", str(source), "-o", str(target), data_dir=tmp_path)
    assert result.stdout.decode().strip() == f"已遮蔽 3 处个人信息：身份证号 2，手机号 1 → {target}"
    assert target.read_text(encoding="utf-8") == "张三 110101********1233\n李四 440304********002X\n电话 139****5678\n"


def test_mask_to_stdout_puts_the_summary_on_stderr(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(f"电话 {MOBILE}", encoding="utf-8")
    result = _pii("mask", str(source), "-o", "-", data_dir=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode() == "电话 139****5678"
    assert "已遮蔽 1 处个人信息：手机号 1 → 标准输出" in result.stderr.decode()


def test_mask_without_findings_copies_the_file(tmp_path: Path) -> None:
    source, target = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_bytes("没有个人信息".encode())
    result = _pii("mask", str(source), "-o", str(target), data_dir=tmp_path)
    assert result.returncode == 0 and "未发现个人信息" in result.stdout.decode()
    assert target.read_bytes() == source.read_bytes()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("scan", "/nonexistent/file.pdf"), b"", "无法读取文件"),
        (("scan", "."), b"", "目录"),
        (("scan", "-"), b"\x89PNG\r\n\x1a\n\x00\x00", "图片"),
        (("scan", "-"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "DOCX"),
        (("scan", "-"), b"%PDF-1.4\nnot really", "PDF"),
        (("scan", "-"), b"PK\x03\x04broken", "损坏"),
        (("mask", "/nonexistent/file.docx", "-o", "out.docx"), b"", "无法读取文件"),
        (("mask", "-", "-o", "/nonexistent/dir/out.txt"), f"号码 {ID}".encode(), "无法写入文件"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(tmp_path: Path, args, stdin: bytes, message: str) -> None:
    result = _pii(*args, stdin=stdin, data_dir=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert message in stderr and "Traceback" not in stderr
    assert result.stdout == b""


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _pii(data_dir=tmp_path).returncode == 2
    assert _pii("mask", "a.txt", data_dir=tmp_path).returncode == 2  # -o is required
