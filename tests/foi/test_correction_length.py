"""The applicant's online 补正 (条例 第三十条) is capped at 4000 characters: the tracking page shows the cap with the
live counter of the application form (site.js, ``data-count-max``), and a longer text is refused with a Chinese
message and its count — never cut — and kept in the field to shorten; nothing is stored."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import corrections
from gongkai.foi.corrections import CORRECTION_MAX_CHARS
from gongkai.foi.models import Correction, InfoRequest
from tests.foi.test_tracking_page import CORRECT, TRACK, world  # noqa: F401 (the fixture)


def _textarea(html: str) -> str:
    (tag,) = re.findall(r'<textarea[^>]*name="text"[^>]*>', html)
    return tag


def test_the_cap_is_shown_with_the_application_forms_live_counter(world):  # noqa: F811
    tag = _textarea(world["citizen"].get(TRACK).content.decode())
    assert f'data-count-max="{CORRECTION_MAX_CHARS}"' in tag and CORRECTION_MAX_CHARS == 4000
    assert 'data-count-format="已输入 %(count)s / %(max)s 字"' in tag
    assert "maxlength" not in tag  # the browser never cuts a pasted text


def test_an_over_long_correction_is_refused_in_chinese_and_kept(world):  # noqa: F811
    text = "补" * 4001
    response = world["citizen"].post(CORRECT, {"text": text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "补正内容最多 4000 字，当前 4001 字" in html
    assert text in html  # the whole text is back in the field, to shorten
    assert not Correction.objects.exists()
    assert not world["request"].events.filter(type="correction_received").exists()
    assert InfoRequest.objects.get(pk=world["request"].pk).paused == "correction"


def test_exactly_the_cap_is_accepted_whole_line_breaks_counting_one(world):  # noqa: F811
    text = "甲" * 2000 + "\r\n" + "乙" * 1999  # 4000 characters as the counter counts them
    response = world["citizen"].post(CORRECT, {"text": text})
    assert response.status_code == 302
    (stored,) = Correction.objects.all()
    assert stored.text == "甲" * 2000 + "\n" + "乙" * 1999


def test_the_service_refuses_rather_than_cuts(world):  # noqa: F811
    with pytest.raises(ValidationError) as refused:
        corrections.correction_submit_online(request=world["request"], text="x" * 4001, files=[])
    (error,) = refused.value.error_dict["text"]
    assert error.code == "foi.correction_too_long" and "4001" in error.message % (error.params or {})
    assert not Correction.objects.exists()
