"""The public site: read-only, no login, no personal data.

Each agency has a 政府信息公开 column as gov.cn sites show it: 指南, 制度, 法定主动公开内容 (the catalog, in
gongkai.disclosure), 年报 and 依申请公开 (the request form and tracking, in gongkai.foi)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.encoding import escape_uri_path

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import department_names_of_role, public_agency, public_agency_list
from gongkai.core.headers import standalone_document
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.foi import selectors as foi_selectors
from gongkai.law import guide as law_guide
from gongkai.reports import selectors as reports_selectors

PAGE_SIZE = 30
RULES_PAGE_SIZE = 20


def home(request):
    page = Paginator(public_agency_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/home.html", {"page_obj": page})


def agency_page(request, credit_code: str):
    """The column's front page: its five parts, a search box limited to the agency, the latest items."""
    agency = public_agency(credit_code)
    latest = disclosure_selectors.latest_items(agency)
    return render(request, "portal/agency.html", {"agency": agency, "latest": latest, "column": "home"})


def guide(request, credit_code: str):
    """政府信息公开指南 (条例 第十二条), generated from the agency's data and gongkai.law.guide."""
    agency = public_agency(credit_code)
    settings = foi_selectors.settings_of(agency.pk)
    supervisor = agency.supervisor.name if agency.supervisor_id else ""
    today = timezone.localdate()
    context = {
        "agency": agency,
        "column": "guide",
        # 条例 第四条: the 政府信息公开工作机构, known from where the agency's case officers sit
        "office_name": agency.name + "、".join(department_names_of_role(agency, Role.CASE_OFFICER)),
        "categories": disclosure_selectors.public_categories(agency),
        "office": law_guide.office_statements(),
        "proactive": law_guide.proactive_statements(),
        "application": law_guide.application_statements(),
        "application_contents": law_guide.APPLICATION_CONTENTS,
        "application_contents_basis": law_guide.APPLICATION_CONTENTS_BASIS,
        "time_limits": law_guide.time_limit_statements(),
        "fees": law_guide.fee_statements(foi_selectors.fee_method(settings), on=today),
        "remedies": law_guide.remedy_statements(
            reconsideration_body=settings.reconsideration_body if settings else "",
            court=settings.court if settings else "",
            supervisor=supervisor,
        ),
        "annual_report": law_guide.annual_report_statements(agency.kind, on=timezone.localdate()),
        "regulation": law_guide.REGULATION,
        "regulation_short": law_guide.REGULATION_SHORT,
    }
    return render(request, "portal/guide.html", context)


def rules(request, credit_code: str):
    """政府信息公开制度: the national rules, then the agency's own published rules (if its catalog has the category)."""
    agency = public_agency(credit_code)
    category = disclosure_selectors.rules_category(agency)
    page = None
    if category is not None:
        items = disclosure_selectors.public_items(agency, category=category)
        page = Paginator(items, RULES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agency": agency,
        "column": "rules",
        "national_rules": law_guide.NATIONAL_RULES,
        "category": category,
        "page_obj": page,
    }
    return render(request, "portal/rules.html", context)


def annual_reports(request, credit_code: str):
    """政府信息公开工作年度报告: the agency's published reports by year (corrections keep the earlier versions)."""
    agency = public_agency(credit_code)
    context = {
        "agency": agency,
        "column": "annual_reports",
        "reports": reports_selectors.public_reports(agency),
        "statements": law_guide.annual_report_statements(agency.kind, on=timezone.localdate()),
    }
    return render(request, "portal/annual_reports.html", context)


def _version(request) -> int | None:
    try:
        return int(request.GET["version"])
    except (KeyError, ValueError):
        return None


def annual_report(request, credit_code: str, year: int):
    agency = public_agency(credit_code)
    report = reports_selectors.public_report(agency, year, _version(request))
    context = {
        "agency": agency,
        "column": "annual_reports",
        "report": report,
        "sections": reports_selectors.narrative_sections(report),
    }
    return render(request, "portal/annual_report.html", context)


def annual_report_download(request, credit_code: str, year: int, fmt: str):
    agency = public_agency(credit_code)
    report = reports_selectors.public_report(agency, year, _version(request))
    if fmt not in reports_selectors.EXPORT_TYPES:
        raise Http404
    response = HttpResponse(reports_selectors.export(report, fmt), content_type=reports_selectors.EXPORT_TYPES[fmt])
    if fmt == "html":
        return standalone_document(response)  # the printable page carries its own styles
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(report.title)}.{fmt}"
    return response
