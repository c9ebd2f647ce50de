"""Scanned PDFs (issue 15): a page whose text layer is missing or garbled is read by Tesseract (Debian's
tesseract-ocr with tesseract-ocr-chi-sim, no download), a page with a good text layer never is; without Tesseract
the checker says in Chinese which pages it could not read.  The scanned page is made here: a real report's title,
a sentence and its 表二 rows drawn with a CJK font, rendered to an image, and a new PDF holding only that image."""

from __future__ import annotations

import os
import unicodedata

import pymupdf
import pytest

from gongkai.checker import sources
from gongkai.checker.checking import check_documents, result_json
from gongkai.checker.sources import Scanned, read_lines
from gongkai.core.documents import Deadline, DocumentError, Limits, ocr_available, text_layer_garbled

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# From tests/checker/real/docs/2019-2020-baokang-county.txt: the title, the statistics period, and 表二's rows with
# figures of our own.
TITLE = "保康县2020年度政府信息公开工作年度报告"
TEXT = [
    "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
    "一、总体情况",
    "2020年，保康县主动公开政府信息7074条。",
    "二、主动公开政府信息情况",
]
TABLE = [
    ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
    ("规章", "0", "0", "0"),
    ("规范性文件", "5", "2", "30"),
]


@pytest.fixture
def tesseract() -> None:
    if not ocr_available():
        if os.environ.get("CI"):
            pytest.fail("CI 需要文字识别程序：scripts/test 会安装 tesseract-ocr 与 tesseract-ocr-chi-sim")
        pytest.skip("tesseract-ocr with tesseract-ocr-chi-sim is not installed; scripts/test installs it")


def _text_page(doc) -> object:
    """The report's first page as text (a good text layer), table rules drawn as lines."""
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="cjk", fontfile=FONT)
    page.insert_text((50, 60), TITLE, fontname="cjk", fontsize=16)
    y = 100
    for line in TEXT:
        page.insert_text((50, y), line, fontname="cjk", fontsize=12)
        y += 26
    cols, top = [50, 230, 340, 450, 545], y - 15
    for row in TABLE:
        for x, cell in zip(cols, row, strict=False):
            page.insert_text((x + 4, y), cell, fontname="cjk", fontsize=11)
        y += 22
    for k in range(len(TABLE) + 1):
        page.draw_line((50, top + 22 * k), (545, top + 22 * k))
    for x in cols:
        page.draw_line((x, top), (x, top + 22 * len(TABLE)))
    return page


def _image() -> bytes:
    doc = pymupdf.open()
    return _text_page(doc).get_pixmap(dpi=150).tobytes("png")


def scanned_pdf(layer: str = "") -> bytes:
    """One page holding only the rendered image; ``layer``, when given, as an invisible text layer over it (what a
    scanner's OCR with a broken font leaves)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=_image())
    if layer:
        page.insert_textbox(pymupdf.Rect(40, 40, 555, 802), layer, fontname="helv", fontsize=10, render_mode=3)
    return doc.tobytes()


def text_pdf_with_image() -> bytes:
    """The same page with its text layer, and an image (a seal) on it."""
    doc = pymupdf.open()
    page = _text_page(doc)
    page.insert_image(pymupdf.Rect(400, 700, 500, 800), stream=_image())
    doc.subset_fonts()  # the whole Noto CJK font is 20 MB
    return doc.tobytes(garbage=3, deflate=True)


def _check(data: bytes):
    (result,) = check_documents([("report.pdf", data)])
    return result


def _ocr_findings(result) -> list:
    return [f for f in result.findings if f.code == "format.ocr"]


def test_garbled_is_measured():
    assert text_layer_garbled("")
    assert text_layer_garbled(" - 3 - ")  # a page number alone
    assert text_layer_garbled("(cid:12)(cid:34)(cid:56)" * 5)
    assert text_layer_garbled("\ue001\ue002\ue003\ufffd\ufffd" * 5)
    assert text_layer_garbled("ÎÒÃÇµÄÕþ¸®ÐÅÏ¢¹«¿ª¹¤×÷")  # GBK bytes read as Latin-1
    assert not text_layer_garbled(TITLE)
    assert not text_layer_garbled("2020年，保康县主动公开政府信息7074条（见表二）。Page 1")


def test_a_scanned_pdf_is_read_by_text_recognition(tesseract):
    result = _check(scanned_pdf())
    assert result.source == "pdf"
    assert result.reading.agency == "保康县"
    assert result.reading.year == 2020
    assert result.reading.tables["section2"]["normative_documents"] == {"issued": 5, "repealed": 2, "in_force": 30}
    (note,) = _ocr_findings(result)
    assert note.severity == "info"
    assert "第1页为扫描图像，已用文字识别读取" in note.message
    assert result_json(result)["ocr"] == {"pages": [1], "unread": []}


@pytest.mark.parametrize("layer", ["(cid:3)(cid:17)(cid:42)(cid:8) " * 40, "ÎÒÃÇµÄÕþ¸®ÐÅÏ¢¹«¿ª " * 20])
def test_a_garbled_text_layer_over_an_image_is_read_by_text_recognition(tesseract, layer):
    data = scanned_pdf(layer)
    assert text_layer_garbled(pymupdf.open(stream=data)[0].get_text())  # the layer is there, and garbled
    scanned = Scanned()
    _fmt, lines = read_lines(data, scanned=scanned)
    assert scanned.read == [1]
    assert [TITLE] in lines
    assert ["规范性文件", "5", "2", "30"] in lines


def test_a_good_text_layer_is_not_recognised(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a page with a good text layer was sent to text recognition")

    monkeypatch.setattr(sources, "ocr_page_text", refuse)
    result = _check(text_pdf_with_image())
    assert result.reading.agency == "保康县" and result.reading.year == 2020
    assert _ocr_findings(result) == []
    assert "ocr" not in result_json(result)


def test_without_tesseract_the_checker_says_so(monkeypatch):
    monkeypatch.setattr(sources, "ocr_available", lambda: False)
    result = _check(scanned_pdf())
    (finding,) = result.findings
    assert finding.code == "format.unreadable" and finding.severity == "error"
    assert "扫描件" in finding.message and "tesseract-ocr" in finding.message
    assert result.scanned.unread == [1]


def test_a_scanned_page_among_text_pages_left_unread_is_a_warning(monkeypatch):
    monkeypatch.setattr(sources, "ocr_available", lambda: False)
    doc = pymupdf.open(stream=text_pdf_with_image())
    doc.insert_pdf(pymupdf.open(stream=scanned_pdf()))
    (result,) = check_documents([("report.pdf", doc.tobytes(garbage=3, deflate=True))])
    (note,) = _ocr_findings(result)
    assert note.severity == "warning"
    assert "第2页为扫描图像" in note.message and "未能读取" in note.message
    assert result.reading.agency == "保康县"
    assert result_json(result)["ocr"] == {"pages": [], "unread": [2]}


def test_scanned_pages_beyond_the_limit_are_not_recognised(monkeypatch):
    monkeypatch.setattr(sources, "ocr_available", lambda: True)
    scanned = Scanned()
    with pytest.raises(sources.Unreadable) as caught:
        read_lines(scanned_pdf(), limits=Limits(ocr_pages=0), scanned=scanned)
    assert scanned.unread == [1]
    assert "最多识别 0 页" in caught.value.message


def test_scanned_pages_are_not_begun_when_the_time_is_nearly_up(monkeypatch):
    monkeypatch.setattr(sources, "ocr_available", lambda: True)
    monkeypatch.setattr(sources, "ocr_page_text", lambda *a, **k: pytest.fail("recognition begun without time left"))
    doc = pymupdf.open(stream=text_pdf_with_image())
    doc.insert_pdf(pymupdf.open(stream=scanned_pdf()))
    scanned = Scanned()
    _fmt, lines = read_lines(doc.tobytes(garbage=3, deflate=True), deadline=Deadline(2.5), scanned=scanned)
    assert unicodedata.normalize("NFKC", lines[0][0]) == TITLE  # the text page is read
    assert scanned.read == [] and scanned.unread == [2]
    assert "读取时间" in scanned.reason


def test_a_page_tesseract_fails_on_is_reported_not_raised(monkeypatch):
    def fail(*args, **kwargs):
        raise DocumentError("文字识别程序（tesseract）未能识别此页")

    monkeypatch.setattr(sources, "ocr_available", lambda: True)
    monkeypatch.setattr(sources, "ocr_page_text", fail)
    result = _check(scanned_pdf())
    (finding,) = result.findings
    assert finding.code == "format.unreadable"
    assert "第 1 页" in finding.message and "未能识别此页" in finding.message
