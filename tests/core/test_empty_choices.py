"""The empty choice of a select says what it means (issue 14): "请选择" on a required field, "（无）" on an optional
one of an edit form, "（不限）" on a filter (search, inbox, lists) — never Django's "---------" or a bare "—"
(gongkai.core.forms.EmptyChoiceMixin, the base of every form)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from gongkai.agencies.models import Agency, Role
from gongkai.cases.forms import ConcludeForm
from gongkai.core.forms import BLANK_CHOICE, FilterForm, Form
from gongkai.foi import services as foi_services

EMPTY_OPTION = re.compile(r'<option value=""[^>]*>([^<]*)</option>')


def _empty_labels(html: str) -> list[str]:
    return EMPTY_OPTION.findall(html)


class _EditForm(Form):
    kind = forms.ChoiceField(label="类型", choices=[("", "—"), ("a", "甲")])
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.all(), required=False)
    required_agency = forms.ModelChoiceField(label="主管机关", queryset=Agency.objects.all())
    level = forms.ChoiceField(label="层级", choices=[BLANK_CHOICE, ("city", "市")], required=False)
    how = forms.ChoiceField(label="判断", choices=[("", "从机关名称判断"), ("x", "部门")], required=False)
    later = forms.ChoiceField(label="后来设置", required=False)
    several = forms.MultipleChoiceField(label="多选", choices=[("a", "甲")], required=False)
    radio = forms.ChoiceField(label="单选", choices=[("", "—"), ("a", "甲")], widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["later"].choices = [("", "---------"), ("b", "乙")]  # set after the base's __init__


class _Filters(FilterForm):
    state = forms.ChoiceField(label="状态", choices=[BLANK_CHOICE, ("draft", "草稿")], required=False)
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.all(), required=False)


class _Override(Form):
    empty_choice_label = "（请先选择年份）"
    year = forms.ChoiceField(label="年份", choices=[BLANK_CHOICE, ("2026", "2026")])


@pytest.mark.django_db
def test_required_optional_and_filter_selects_get_their_own_labels():
    with translation.override("zh-hans"):
        form = _EditForm()
        assert _empty_labels(str(form["kind"])) == ["请选择"]
        assert _empty_labels(str(form["required_agency"])) == ["请选择"]
        assert _empty_labels(str(form["agency"])) == ["（无）"]
        assert _empty_labels(str(form["level"])) == ["（无）"]
        assert _empty_labels(str(form["later"])) == ["（无）"]
        assert _empty_labels(str(form["how"])) == ["从机关名称判断"]  # a label of its own is kept
        assert "请选择" not in str(form["radio"]) and "（无）" not in str(form["several"])
        rendered = form.as_div()
        assert "---------" not in rendered and ">—<" not in rendered.replace('value="">—', "")
        filters = _Filters()
        assert _empty_labels(filters.as_div()) == ["（不限）", "（不限）"]
        assert _empty_labels(str(_Override()["year"])) == ["（请先选择年份）"]


@pytest.mark.django_db
def test_labels_follow_the_language_and_the_choices_still_validate():
    with translation.override("en"):
        assert _empty_labels(str(_EditForm()["kind"])) == ["Please choose"]
        assert _empty_labels(str(_Filters()["state"])) == ["(any)"]
    form = _EditForm({"kind": "", "required_agency": "", "radio": "a"})
    str(form["kind"])  # relabelled before validation: the empty value is still refused on a required field
    assert not form.is_valid() and set(form.errors) == {"kind", "required_agency"}
    with translation.override("zh-hans"):
        assert _empty_labels(str(ConcludeForm()["result"])) == ["请选择"]


# --- every main form page, rendered: no "---------" anywhere ------------------------------------------------------


@pytest.fixture
def pages(jurisdiction, make_user):
    """(client, url) for the main form and list pages of staff and the public, with an object of each kind."""
    from gongkai.disclosure import services as disclosure_services

    civil = jurisdiction["civil"]
    admin = make_user(Role.AGENCY_ADMIN, civil)
    for role in (Role.CASE_OFFICER, Role.DRAFTER):
        from gongkai.agencies.services import membership_grant

        membership_grant(actor=None, user=admin, agency=civil, role=role)
    staff = Client()
    staff.force_login(admin)
    disclosure_services.catalog_seed(actor=None, agency=civil)
    item = disclosure_services.item_create(
        actor=admin, agency=civil, category=civil.catalog_categories.get(code="M01"), title="低保名单"
    )
    request = foi_services.request_submit_online(
        agency=civil,
        applicant={"kind": "natural_person", "name": "张三", "phone": "13912345678"},
        description="2025年度城乡低保资金发放明细",
        submitter="198.51.100.7",
        wanted_form="electronic",
        delivery="email",
    ).request
    staff_urls = [
        reverse("disclosure_staff:new", args=[civil.pk]),
        reverse("disclosure_staff:edit", args=[item.pk]),
        reverse("disclosure_staff:duty_new", args=[civil.pk]),
        reverse("disclosure_staff:chain", args=[civil.pk]),
        reverse("disclosure_staff:worklist"),
        reverse("foi_staff:register", args=[civil.pk]),
        reverse("foi_staff:settings", args=[civil.pk]),
        reverse("foi_staff:detail", args=[request.pk]),
        reverse("foi_staff:inbox"),
        reverse("cases_staff:create", args=[civil.pk]),
        reverse("cases_staff:list"),
        *(reverse("engagement_staff:create", args=[kind, civil.pk]) for kind in ("consultations", "proposals")),
        *(reverse("engagement_staff:create", args=[kind, civil.pk]) for kind in ("opinion", "press")),
        reverse("engagement_staff:list", args=["proposals"]),
        reverse("checker_staff:upload"),
        reverse("workplan_staff:upload", args=[civil.pk]),
    ]
    public_urls = [reverse("foi_public:apply", args=[civil.credit_code]), reverse("search:results")]
    return [(staff, url) for url in staff_urls] + [(Client(), url) for url in public_urls]


def test_no_form_page_shows_djangos_dashes_or_a_bare_dash(pages):
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "---------" not in html, url
        labels = _empty_labels(html)
        assert not any(label.strip() in {"", "—", "-"} for label in labels), (url, labels)


def _page(pages, fragment: str) -> str:
    client, url = next((c, u) for c, u in pages if fragment in u)
    return client.get(url).content.decode()


def _select(html: str, name: str) -> str:
    return html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]


def test_each_page_labels_required_optional_and_filter_selects(pages):
    new_item = _page(pages, "/disclosure/new/")
    assert _empty_labels(_select(new_item, "category")) == ["请选择"]
    for optional in ("topic", "genre", "normative_kind", "validity"):
        assert _empty_labels(_select(new_item, optional)) == ["（无）"], optional
    assert _empty_labels(_select(_page(pages, "/disclosure/duties/new/"), "category")) == ["（无）"]
    assert _empty_labels(_select(_page(pages, "/cases/new/"), "kind")) == ["请选择"]
    proposal = _page(pages, "/proposals/new/")
    assert _empty_labels(_select(proposal, "kind")) == ["请选择"]
    assert _empty_labels(_select(proposal, "lead_department")) == ["（无）"]  # was Django's "---------"
    assert _empty_labels(_select(_page(pages, "/requests/apply/"), "id_type")) == ["（无）"]
    request_page = next(_page(pages, u) for _c, u in pages if re.search(r"/requests/\d+/$", u))
    assert _empty_labels(_select(request_page, "reply-outcome")) == ["请选择"]
    for fragment, name in [
        ("/workspace/disclosure/", "state"),
        ("/workspace/disclosure/", "flag"),
        ("/workspace/cases/", "kind"),
        ("/workspace/engagement/proposals/", "status"),
    ]:
        listed = next(c.get(u).content.decode() for c, u in pages if u.endswith(fragment))
        assert _empty_labels(_select(listed, name)) == ["（不限）"], (fragment, name)
    search = _page(pages, "/search/")
    for name in ("agency", "category", "validity", "year"):
        assert _empty_labels(_select(search, name)) == ["（不限）"], name
