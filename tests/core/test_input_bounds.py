"""Numbers and dates out of range (10^20, the year 9999) are a form error in Chinese, never a 500 — in every form of
the apps and in every table import (gongkai.core.forms date_field / count_field, gongkai.core.tabular)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import io

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.core import forms as core_forms
from gongkai.core.tabular import ImportRejected, parse_cell_date

HUGE = str(10**20)
FORM_MODULES = [
    "gongkai.cases.forms",
    "gongkai.checker.forms",
    "gongkai.disclosure.forms",
    "gongkai.engagement.forms",
    "gongkai.foi.forms",
    "gongkai.reports.forms",
    "gongkai.search.forms",
    "gongkai.workplan.forms",
    "gongkai.workspace.forms",
]


def _fields():
    """(form, field name, field) for every number and date field of every form of the apps (dynamic ones too)."""
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module_name:
                continue
            try:
                fields = cls().fields  # forms that build their fields (FiguresForm: one per cell of 表二)
            except TypeError:
                fields = cls.base_fields
            for field_name, field in fields.items():
                if isinstance(field, forms.IntegerField | forms.DateField):  # DecimalField is an IntegerField
                    yield f"{name}.{field_name}", field


FIELDS = dict(_fields())


def test_the_walk_finds_the_fields():
    assert {"FiguresForm.licensing.decisions", "RegisterForm.submitted_on", "FeeForm.pages"} <= set(FIELDS)
    assert len(FIELDS) > 30


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_every_number_and_date_field_is_bounded(name):
    field = FIELDS[name]
    if isinstance(field, forms.DecimalField):
        assert field.max_digits is not None and field.max_digits <= 18, name  # NUMERIC(18) holds it
        assert field.min_value is not None, name
    elif isinstance(field, forms.IntegerField):
        assert field.min_value is not None and field.max_value is not None, name
        assert -core_forms.MAX_INTEGER - 1 <= field.min_value <= field.max_value <= core_forms.MAX_INTEGER, name
    else:
        earliest, latest = core_forms.date_bounds(field)
        assert earliest is not None and latest is not None, name
        assert dt.date(1949, 10, 1) <= earliest < latest <= dt.date(2100, 12, 31), name


@pytest.mark.parametrize("name", sorted(n for n, f in FIELDS.items() if isinstance(f, forms.DateField)))
def test_the_year_9999_is_a_chinese_error(name):
    field = FIELDS[name]
    with pytest.raises(forms.ValidationError) as caught:
        field.clean("9999-01-01")
    assert "请输入" in caught.value.messages[0] and "2100" in caught.value.messages[0]


@pytest.mark.parametrize(
    "name", sorted(n for n, f in FIELDS.items() if type(f) is forms.IntegerField and (f.max_value or 10**9) > 100)
)
def test_ten_to_the_twentieth_is_a_chinese_error(name):
    with pytest.raises(forms.ValidationError) as caught:
        FIELDS[name].clean(HUGE)
    assert "确保" in caught.value.messages[0], caught.value.messages


# --- through the pages ------------------------------------------------------------------------------------------


def test_ten_to_the_twentieth_in_the_figures_form_is_a_form_error(jurisdiction, client_for):
    from gongkai.cases.models import YearFigures

    civil = jurisdiction["civil"]
    admin = client_for(Role.AGENCY_ADMIN, civil)
    url = reverse("cases_staff:figures", args=[civil.pk])
    data = {name: field.initial for name, field in FIELDS.items() if name.startswith("FiguresForm.")}
    data = {name.removeprefix("FiguresForm."): value for name, value in data.items()}
    data.update({"year": "2025", "licensing.decisions": HUGE})
    response = admin.post(url, data)
    assert response.status_code == 200 and "确保该值小于或等于" in response.content.decode()
    assert not YearFigures.objects.exists()


def _register_data(**overrides):
    from tests.foi.test_workflow import _form

    data = {k: v for k, v in _form().items() if k != "website"}
    data.update({"channel": "post", "submitted_on": "2026-09-21", "signed_on": "", "confirmed_on": ""})
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "channel"), [("submitted_on", "post"), ("signed_on", "post"), ("confirmed_on", "online")]
)
def test_the_year_9999_in_a_register_date_is_a_form_error(jurisdiction, client_for, field, channel):
    """9999-12-31 as the day of receipt was a 500 (the clock's 20 working days overflow the calendar)."""
    from gongkai.foi.models import InfoRequest

    civil = jurisdiction["civil"]
    officer = client_for(Role.CASE_OFFICER, civil)
    url = reverse("foi_staff:register", args=[civil.pk])
    response = officer.post(url, _register_data(**{field: "9999-12-31", "channel": channel, "registered_mail": "on"}))
    assert response.status_code == 200
    assert "请输入 1990-01-01 至 2100-12-31 之间的日期" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_the_date_input_tells_the_browser_its_bounds():
    html = core_forms.date_field("日期").widget.render("on", None)
    assert 'type="date"' in html and 'min="1990-01-01"' in html and 'max="2100-12-31"' in html


# --- through the imports ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9999-01-01", "1900/1/1", "0001-01-01"])
def test_a_cell_date_out_of_range_names_the_column(value):
    with pytest.raises(ValueError, match=r"收到日期.*1990-01-01.*2100-12-31"):
        parse_cell_date(value, "收到日期")


def test_a_cell_date_in_range_is_read():
    assert parse_cell_date("2025年3月1日", "收到日期") == dt.date(2025, 3, 1)


def test_a_register_row_dated_9999_is_refused_by_line(jurisdiction):
    from gongkai.foi.importing import import_register
    from gongkai.foi.models import InfoRequest
    from tests.foi.test_import import ROWS, TODAY, _csv

    row = list(ROWS[0])
    row[10] = "9999-12-31"  # 答复日期
    with pytest.raises(ImportRejected) as caught:
        import_register(actor=None, agency=jurisdiction["civil"], source=_csv([ROWS[1], row]), today=TODAY)
    assert caught.value.errors[0].line == 3 and "答复日期" in caught.value.errors[0].message
    assert not InfoRequest.objects.exists()


def test_an_extension_of_ten_to_the_twentieth_working_days_is_refused_by_line(jurisdiction):
    from gongkai.foi.importing import import_register
    from tests.foi.test_import import ROWS, TODAY, _csv

    row = list(ROWS[0])
    row[9] = HUGE  # 延期工作日
    with pytest.raises(ImportRejected) as caught:
        import_register(actor=None, agency=jurisdiction["civil"], source=_csv([ROWS[1], row]), today=TODAY)
    assert caught.value.errors[0].line == 3


def test_a_figures_count_of_ten_to_the_twentieth_is_refused_by_line(jurisdiction):
    from gongkai.agencies.demo import CITY_CIVIL
    from gongkai.cases.importing import import_figures
    from gongkai.cases.models import YearFigures

    header = "统一社会信用代码,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）,来源"
    source = io.BytesIO(f"{header}\n{CITY_CIVIL},2025,{HUGE},0,0,0,审批系统\n".encode())
    with pytest.raises(ImportRejected) as caught:
        import_figures(actor=None, source=source, today=dt.date(2026, 3, 31))
    assert caught.value.errors[0].line == 2 and "行政许可" in caught.value.errors[0].message
    assert not YearFigures.objects.exists()


def test_huge_numbers_in_addresses_and_query_strings_are_no_500(jurisdiction, client_for):
    civil = jurisdiction["civil"]
    public = Client(raise_request_exception=False)
    admin = client_for(Role.AGENCY_ADMIN, civil)
    admin.raise_request_exception = False
    for client, url in [
        (public, f"/agency/{civil.credit_code}/annual-reports/{HUGE}/"),
        (public, f"/agency/{civil.credit_code}/annual-reports/2025/?version={HUGE}"),
        (public, f"/search/?q=a&year={HUGE}&page={HUGE}"),
        (public, f"/files/{HUGE}/"),
        (admin, f"/workspace/requests/{HUGE}/"),
        (admin, f"/workspace/requests/?page={HUGE}"),
        (admin, f"/workspace/cases/figures/{civil.pk}/?year={HUGE}"),
        (admin, f"/workspace/requests/letters/{HUGE}.docx"),
    ]:
        assert client.get(url).status_code in {200, 404}, url


DATE_FIELDS = sorted(name for name, field in FIELDS.items() if isinstance(field, forms.DateField))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", DATE_FIELDS)
def test_every_date_input_gets_an_iso_value_whatever_the_language(name, language):
    """An <input type="date"> keeps only an ISO value: the zh-hans format (2026/12/02) left every date field of the
    officers' forms blank in a zh-CN browser, and the form then said 这个字段是必填项 (issue 14)."""
    from django.utils import translation

    field = FIELDS[name]
    with translation.override(language):
        html = field.widget.render("d", dt.date(2026, 12, 2))
    assert 'type="date"' in html and 'value="2026-12-02"' in html, html


def test_the_walk_finds_the_date_fields():
    assert {"RegisterForm.submitted_on", "OnForm.on"} <= set(DATE_FIELDS)
