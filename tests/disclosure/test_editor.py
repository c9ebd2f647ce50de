"""The body's rich-text editor (gongkai/disclosure/editor.py): configured with only what the sanitiser keeps, so
the HTML it writes survives clean_body unchanged; loaded from the site's static files with no inline script, its
toolbar labelled in Chinese. The browser half is tests/browser/test_editor_browser.py."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from gongkai.disclosure import editor, services
from gongkai.disclosure.forms import ItemForm

# The attributes the package's allow-list names for an extension but editor.REMOVED_ATTRIBUTES takes off it (the
# numbered list's start and numbering style, a link's target and rel): the editor never writes them.
REMOVED = {"ol": {"start", "type", "data-type"}, "a": {"target", "rel"}}
KEPT_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}

# What the editor wrote in Chromium (tests/browser/test_editor_browser.py): typed, a Word file imported, rich text
# pasted.
WRITTEN_BY_THE_EDITOR = [
    "<p>调整后的标准如下：</p><ol><li><p>城市低保每人每月850元</p></li><li><p>农村低保每人每月620元</p></li></ol>"
    "<p>自<strong>2026年1月1日</strong>起执行。</p>",
    "<h2>一、调整标准</h2><ul><li><p>城市居民</p></li></ul><table><tbody><tr><td><p>城市</p></td><td><p>850元</p>"
    '</td></tr></tbody></table><p><a href="/files/1/">图1（附件“低保标准通知-图1.png”）</a></p>',
    "<h3>标题</h3><blockquote><p>引用<br><em>倾斜</em><u>下划线</u></p></blockquote><table><tbody><tr><th "
    'colspan="2"><p>表头</p></th></tr><tr><td><p>甲</p></td><td><p>乙</p></td></tr></tbody></table><h4>四级</h4><p><a '
    'href="https://www.gov.cn/" title="中国政府网">链接</a></p><ol><li><p>丙</p></li></ol>',
]


def test_every_element_the_editor_can_write_is_kept_by_the_sanitiser():
    allowed = allowlist_from_extensions(editor.EXTENSIONS)
    assert allowed["tags"] <= services.ALLOWED_TAGS
    for tag, attributes in allowed["attributes"].items():
        assert attributes - REMOVED.get(tag, set()) <= KEPT_ATTRIBUTES.get(tag, set()), tag


def test_the_removed_attributes_are_those_the_sanitiser_drops():
    assert editor.REMOVED_ATTRIBUTES == {"OrderedList": ["type", "start"], "Link": ["target", "rel", "class"]}
    assert (
        services.clean_body('<ol start="3" type="a" data-type="lower-alpha"><li>一</li></ol>') == "<ol><li>一</li></ol>"
    )
    assert services.clean_body('<a href="/x" target="_blank" rel="opener" class="c">x</a>') == '<a href="/x">x</a>'


@pytest.mark.parametrize("html", WRITTEN_BY_THE_EDITOR)
def test_what_the_editor_writes_survives_sanitising_unchanged(html):
    assert services.clean_body(html) == html


def test_the_sanitiser_stays_the_authority_over_what_is_posted():
    posted = '<p onclick="x()">正文<script>alert(1)</script><img src="data:image/png;base64,AAAA"></p><h1>标题</h1>'
    assert services.clean_body(posted) == "<p>正文</p>标题"


def test_the_body_field_renders_a_textarea_with_the_editors_configuration(jurisdiction):
    form = ItemForm(agency=jurisdiction["civil"])
    html = str(form["body"])
    assert html.startswith("<textarea") and 'name="body"' in html
    config = json.loads(re.search(r"data-body-editor=\"([^\"]*)\"", html).group(1).replace("&quot;", '"'))
    assert config["bundle"].endswith("django_prose_editor/editor.js")
    assert set(config["extensions"]) >= {"Bold", "Italic", "BulletList", "OrderedList", "Table", "Link", "Heading"}
    assert "Strike" not in config["extensions"] and "Image" not in config["extensions"]
    assert config["extensions"]["Heading"] == {"levels": [2, 3, 4]}
    assert config["labels"]["bold"] == "加粗" and config["labels"]["orderedList"] == "编号列表"
    assert config["messages"]["Cancel"] == "取消"


def test_the_edit_page_loads_the_editor_from_static_files_without_inline_scripts(jurisdiction, staff, catalog):
    item = services.item_create(
        actor=staff["drafter"], agency=jurisdiction["civil"], category=catalog.get(code="M01"), title="通知"
    )
    client = Client()
    client.force_login(staff["drafter"])
    response = client.get(reverse("disclosure_staff:edit", args=[item.pk]))
    page = response.content.decode()
    assert re.search(r'<script src="[^"]*disclosure/body-editor\.js" type="module">', page)
    assert "django_prose_editor/editor.css" in page and "django_prose_editor/material-icons.css" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # every script is a file: no import map inline
    assert "<style" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
