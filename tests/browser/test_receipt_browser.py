"""In a real browser: after submitting, the citizen opens the printable 回执; on paper only the document is left,
on A4."""

from __future__ import annotations

import re

import pytest

from gongkai.law.identifiers import make_resident_id

pytestmark = pytest.mark.browser


def test_the_receipt_prints_only_the_document_on_a4(live_server, jurisdiction, page, artifacts):
    import pymupdf

    civil = jurisdiction["civil"]
    page.goto(f"{live_server.url}/requests/apply/{civil.credit_code}/")
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件号码").fill(make_resident_id("99010219800101123"))
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("2025年度城乡低保资金发放明细")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r".*/requests/submitted/$"))
    query_code = re.search(r"查询码\s*(\d{8})", page.locator("main").inner_text()).group(1)
    page.get_by_role("link", name="打印回执").click()
    page.wait_for_url(re.compile(r".*/requests/submitted/receipt/$"))
    assert page.get_by_role("button", name="打印回执").is_visible()  # revealed by site.js
    page.screenshot(path=str(artifacts / "request-receipt.png"), full_page=True)

    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="打印回执").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".receipt").is_visible()
    pdf = pymupdf.open(stream=page.pdf(prefer_css_page_size=True), filetype="pdf")
    assert all(round(p.rect.width) == 595 and round(p.rect.height) == 842 for p in pdf)  # @page size: A4
    text = "".join("".join(p.get_text().split()) for p in pdf)
    assert "政府信息公开申请回执" in text and query_code in text and civil.name in text
    assert "下载Word" not in text and "工作人员登录" not in text and "返回" not in text
