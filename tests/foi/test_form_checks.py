"""The public request form and the officer's register form check what is typed, in specific Chinese: the ID number
(GB 11643-1999 check digit and date of birth, even with 证件类型 left at "—"), the phone, the 4,000-character cap of
the description (refused with the count, the text kept), the e-mail address and the required fields."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from gongkai.core.contacts import PHONE, contact_digest
from gongkai.foi.forms import PublicRequestForm, RegisterForm
from gongkai.foi.models import Applicant, InfoRequest
from gongkai.law.identifiers import make_resident_id, make_uscc, resident_id_check_char

VALID_ID = make_resident_id("11010519900307123")
WRONG_CHECK = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")
BAD_BIRTH = "110105" + "19990230" + "123"
BAD_BIRTH += resident_id_check_char(BAD_BIRTH)  # the right check digit: only the date is wrong
SEVENTEEN = VALID_ID[:17]
WITH_X = next(
    make_resident_id(f"11010519900307{n:03d}")
    for n in range(1000)
    if resident_id_check_char(f"11010519900307{n:03d}") == "X"
)
USCC = make_uscc("91110000MA00ABCD1")
USCC_WRONG = USCC[:17] + ("0" if USCC[17] != "0" else "1")

CHECK_DIGIT = "身份证号码校验位不正确，请核对"
CHOOSE_TYPE = "请选择证件类型"


def _data(**overrides):
    data = {
        "kind": "natural_person",
        "name": "张三",
        "id_type": "",
        "id_number": "",
        "phone": "13912345678",
        "email": "zhang@example.com",
        "address": "江源市幸福路9号",
        "description": "2025年度城乡低保资金发放明细",
        "wanted_form": "electronic",
        "delivery": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def _form(form_class=PublicRequestForm, **overrides):
    with translation.override("zh-hans"):
        form = form_class(_data(**overrides))
        form.is_valid()
        # the messages rendered in Chinese while the language is active
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    return form, errors


def _errors(form_class=PublicRequestForm, **overrides):
    return _form(form_class, **overrides)[1]


ID_CASES = [
    # (kind, id_type, id_number, expected stored number and type | (field, message fragment))
    ("natural_person", "", VALID_ID, (VALID_ID, "resident_id")),
    ("natural_person", "", WRONG_CHECK, ("id_number", CHECK_DIGIT)),
    ("natural_person", "", BAD_BIRTH, ("id_number", "身份证号码中的出生日期（19990230）不是有效日期，请核对")),
    ("natural_person", "", SEVENTEEN, ("id_type", CHOOSE_TYPE)),
    ("natural_person", "", "ABC123", ("id_type", CHOOSE_TYPE)),
    ("natural_person", "", WITH_X.lower(), (WITH_X, "resident_id")),
    ("natural_person", "resident_id", VALID_ID, (VALID_ID, "resident_id")),
    ("natural_person", "resident_id", WRONG_CHECK, ("id_number", CHECK_DIGIT)),
    ("natural_person", "resident_id", BAD_BIRTH, ("id_number", "不是有效日期")),
    ("natural_person", "resident_id", SEVENTEEN, ("id_number", "身份证号码应为18位，当前为 17 位，请核对")),
    ("natural_person", "resident_id", WITH_X.lower(), (WITH_X, "resident_id")),
    ("natural_person", "resident_id", VALID_ID[:6] + "ABCD" + VALID_ID[10:], ("id_number", "17位数字")),
    ("natural_person", "other", "E12345678", ("E12345678", "other")),
    ("natural_person", "other", "E1", ("id_number", "证件号码应为4至40位字母、数字、连字符或括号，请核对")),
    ("natural_person", "other", "E1234%678", ("id_number", "证件号码应为4至40位")),
    ("legal_person", "", USCC, (USCC, "credit_code")),
    ("legal_person", "credit_code", USCC, (USCC, "credit_code")),
    ("legal_person", "credit_code", USCC_WRONG, ("id_number", "统一社会信用代码校验位不正确，请核对")),
    ("legal_person", "credit_code", "12345", ("id_number", "统一社会信用代码应为18位数字或大写字母")),
]


@pytest.mark.parametrize("form_class", [PublicRequestForm, RegisterForm])
@pytest.mark.parametrize(("kind", "id_type", "number", "expected"), ID_CASES)
def test_id_numbers(form_class, kind, id_type, number, expected):
    form, errors = _form(form_class, kind=kind, id_type=id_type, id_number=number)
    first, second = expected
    if first in form.fields:
        assert first in errors, errors
        assert any(second in message for message in errors[first]), errors
    else:
        assert "id_number" not in errors and "id_type" not in errors, errors
        assert (form.cleaned_data["id_number"], form.cleaned_data["id_type"]) == (first, second)


PHONES_VALID = [
    ("13912345678", "13912345678"),
    ("+86 139 1234 5678", "13912345678"),
    ("+86-139-1234-5678", "13912345678"),
    ("0086 13912345678", "13912345678"),
    ("139 1234 5678", "13912345678"),
    ("１３９１２３４５６７８", "13912345678"),
    ("010-12345678", "010-12345678"),
    ("010 12345678", "010-12345678"),
    ("(0755) 8765432", "0755-8765432"),
    ("010-12345678 转 123", "010-12345678转123"),
    ("0571-87654321分机12", "0571-87654321转12"),
    ("010-12345678-8001", "010-12345678转8001"),
]
PHONES_INVALID = ["abc", "12345", "1391234567", "139123456789", "12912345678", "12345678", "010-123", "电话"]
PHONE_MESSAGE = "请填写有效的手机号码或固定电话（如 010-12345678）"


@pytest.mark.parametrize(("typed", "stored"), PHONES_VALID)
def test_valid_phones_are_stored_normalised_with_the_same_digest(typed, stored):
    form, errors = _form(phone=typed)
    assert "phone" not in errors, errors
    assert form.cleaned_data["phone"] == stored
    # the contact's keyed digest (the query code resent to this phone) does not change with the normalisation
    assert contact_digest(PHONE, stored) == contact_digest(PHONE, typed)


@pytest.mark.parametrize("form_class", [PublicRequestForm, RegisterForm])
@pytest.mark.parametrize("typed", PHONES_INVALID)
def test_invalid_phones_are_refused(form_class, typed):
    errors = _errors(form_class, phone=typed)
    assert errors.get("phone") == [PHONE_MESSAGE]


def test_the_required_and_email_messages_are_specific():
    errors = _errors(name="", phone="", description="", email="zhang@", kind="")
    assert errors["name"] == ["请填写姓名或名称"]
    assert errors["phone"] == ["请填写联系电话"]
    assert errors["description"] == ["请填写内容描述"]
    assert errors["kind"] == ["请选择申请人类型"]
    assert errors["email"] == ["请填写有效的电子邮箱地址，如 name@example.com"]
    errors = _errors(RegisterForm, channel="")
    assert errors["channel"] == ["请选择申请渠道"]


def test_the_length_caps_say_the_count():
    errors = _errors(name="张" * 201, address="路" * 301, description="字" * 4001)
    assert errors["name"] == ["姓名或名称最多 200 字，当前 201 字"]
    assert errors["address"] == ["通信地址最多 300 字，当前 301 字"]
    assert errors["description"] == ["内容描述最多 4000 字，当前 4001 字"]
    # a line break is one character, as the counter counts it (the browser sends CR LF)
    form, errors = _form(description="字" * 3000 + "\r\n" + "字" * 999)
    assert "description" not in errors and len(form.cleaned_data["description"]) == 4000


def test_the_description_has_a_counter_and_no_cutting_maxlength():
    with translation.override("zh-hans"):
        rendered = str(PublicRequestForm()["description"])
    assert 'data-count-max="4000"' in rendered
    assert 'data-count-format="已输入 %(count)s / %(max)s 字"' in rendered
    assert "maxlength" not in rendered


# --- through the real view ---------------------------------------------------------------------------------------


def _post(agency, **overrides):
    return Client().post(reverse("foi_public:apply", args=[agency.credit_code]), _data(**overrides))


def _page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_apply_view_refuses_a_wrong_check_digit_left_at_dash(jurisdiction):
    response = _post(jurisdiction["civil"], id_type="", id_number=WRONG_CHECK)
    assert response.status_code == 200 and CHECK_DIGIT in _page(response)
    assert not InfoRequest.objects.exists()


def test_the_apply_view_refuses_a_phone_abc_and_a_bad_email(jurisdiction):
    response = _post(jurisdiction["civil"], phone="abc", email="zhang@")
    page = _page(response)
    assert PHONE_MESSAGE in page and "请填写有效的电子邮箱地址，如 name@example.com" in page
    assert not InfoRequest.objects.exists()


def test_the_apply_view_keeps_a_description_too_long_and_says_its_length(jurisdiction):
    text = "关于" + "低保资金" * 1000  # 4002 characters
    response = _post(jurisdiction["civil"], description=text)
    page = _page(response)
    assert "内容描述最多 4000 字，当前 4002 字" in page
    textarea = re.search(r"<textarea[^>]*name=\"description\"[^>]*>(.*?)</textarea>", page, re.S)
    assert textarea and textarea.group(1).strip() == text  # kept whole, to be shortened by the citizen
    assert "maxlength" not in textarea.group(0)
    assert not InfoRequest.objects.exists()


def test_the_apply_view_stores_the_normalised_phone_and_its_digest(jurisdiction):
    response = _post(jurisdiction["civil"], phone="+86 139-1234-5678", id_number=WITH_X.lower())
    assert response.status_code == 302, _page(response)[:2000]
    applicant = Applicant.objects.get()
    assert applicant.phone == "13912345678"
    assert (applicant.id_type, applicant.id_number) == ("resident_id", WITH_X)
    assert InfoRequest.objects.get().phone_digest == contact_digest(PHONE, "139 1234 5678")
