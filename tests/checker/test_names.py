"""The checker page names every code in Chinese (issue #14): a finding's code, a stated figure's code and a cell
appear only in small print beside their Chinese name, never bare."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.checker import names
from gongkai.law.report_reading import CHECK_CODES, METRICS

SEEDS = Path(__file__).parent / "seeds"
SMALL = re.compile(r'<small class="code">([^<]*)</small>')


def test_every_code_and_figure_has_a_chinese_name():
    assert set(names.CHECK_NAMES) == set(CHECK_CODES)
    assert set(names.METRIC_NAMES) == set(METRICS)
    for code in (*CHECK_CODES, *METRICS):
        name = names.check_name(code) if code in CHECK_CODES else names.metric_name(code)
        assert re.search(r"[\u4e00-\u9fff]", name), code  # Chinese in the zh_Hans locale of the tests


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("section3.new_this_year.total", "表三“一、本年新收政府信息公开申请数量”行“总计”列"),
        ("tables", "统计表"),
        ("第3行", "第3行"),
    ],
)
def test_places_are_named_in_the_formats_words(where, expected):
    assert names.place_name(where) == expected


def test_results_page_shows_no_bare_code(jurisdiction, client_for):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    uploads = [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/plain") for p in sorted(SEEDS.glob("*"))]
    html = client.post(reverse("checker_staff:upload"), {"files": uploads}).content.decode()
    shown = SMALL.findall(html)
    assert {"year.mismatch", "proactive_items"} <= set(shown)  # the seeds have findings and stated figures
    for code in set(shown) & set(CHECK_CODES):
        assert f'<strong>{names.check_name(code)}</strong> <small class="code">{code}</small>' in html
    for code in set(shown) & set(METRICS):
        assert f'{names.metric_name(code)} <small class="code">{code}</small>' in html
    bare = SMALL.sub("", html)
    for code in (*CHECK_CODES, *METRICS):
        assert code not in bare, code
    assert not re.search(r">\s*section[234]\.", bare)  # a cell is named, its code only in small print
