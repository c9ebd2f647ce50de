"""The public site: read-only, no login, no personal data.

Each agency has a 政府信息公开 column as gov.cn sites show it: 指南, 制度, 法定主动公开内容 (the catalog, in
gongkai.disclosure), 年报 and 依申请公开 (the request form and tracking, in gongkai.foi)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from gongkai.agencies.selectors import public_agency_list
from gongkai.disclosure.selectors import public_categories, public_items
from gongkai.law import guide as law_guide
from gongkai.portal import selectors

PAGE_SIZE = 30
RULES_PAGE_SIZE = 20


def home(request):
    page = Paginator(public_agency_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/home.html", {"page_obj": page})


def agency_page(request, credit_code: str):
    """The column's front page: its five parts, a search box limited to the agency, the latest items."""
    agency = selectors.public_agency(credit_code)
    latest = selectors.latest_items(agency)
    return render(request, "portal/agency.html", {"agency": agency, "latest": latest, "column": "home"})


def guide(request, credit_code: str):
    """政府信息公开指南 (条例 第十二条), generated from the agency's data and gongkai.law.guide."""
    agency = selectors.public_agency(credit_code)
    settings = selectors.foi_settings_of(agency)
    supervisor = agency.supervisor.name if agency.supervisor_id else ""
    context = {
        "agency": agency,
        "column": "guide",
        "office_name": agency.name + "、".join(selectors.disclosure_office(agency)),
        "categories": public_categories(agency),
        "office": law_guide.office_statements(),
        "proactive": law_guide.proactive_statements(),
        "application": law_guide.application_statements(),
        "application_contents": law_guide.APPLICATION_CONTENTS,
        "application_contents_basis": law_guide.APPLICATION_CONTENTS_BASIS,
        "time_limits": law_guide.time_limit_statements(),
        "fees": law_guide.fee_statements(selectors.fee_method_of(agency)),
        "remedies": law_guide.remedy_statements(
            reconsideration_body=settings.reconsideration_body if settings else "",
            court=settings.court if settings else "",
            supervisor=supervisor,
        ),
        "annual_report": law_guide.annual_report_statements(agency.kind),
        "regulation": law_guide.REGULATION,
        "regulation_short": law_guide.REGULATION_SHORT,
    }
    return render(request, "portal/guide.html", context)


def rules(request, credit_code: str):
    """政府信息公开制度: the national rules, then the agency's own published rules (if its catalog has the category)."""
    agency = selectors.public_agency(credit_code)
    category = selectors.rules_category(agency)
    page = None
    if category is not None:
        page = Paginator(public_items(agency, category=category), RULES_PAGE_SIZE).get_page(request.GET.get("page"))
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
    from gongkai.reports.selectors import public_reports

    agency = selectors.public_agency(credit_code)
    context = {
        "agency": agency,
        "column": "annual_reports",
        "reports": public_reports(agency),
        "statements": law_guide.annual_report_statements(agency.kind),
    }
    return render(request, "portal/annual_reports.html", context)


def _version(request) -> int | None:
    try:
        return int(request.GET["version"])
    except (KeyError, ValueError):
        return None


def annual_report(request, credit_code: str, year: int):
    from gongkai.reports import layout
    from gongkai.reports.selectors import public_report

    agency = selectors.public_agency(credit_code)
    report = public_report(agency, year, _version(request))
    context = {
        "agency": agency,
        "column": "annual_reports",
        "report": report,
        "sections": layout.narrative_sections(report.narrative),
    }
    return render(request, "portal/annual_report.html", context)


def annual_report_download(request, credit_code: str, year: int, fmt: str):
    from django.http import Http404, HttpResponse
    from django.utils.encoding import escape_uri_path

    from gongkai.reports import exports
    from gongkai.reports.selectors import public_report

    agency = selectors.public_agency(credit_code)
    report = public_report(agency, year, _version(request))
    content_types = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    if fmt == "html":
        return HttpResponse(exports.to_html(report))
    if fmt not in content_types:
        raise Http404
    data = exports.to_docx(report) if fmt == "docx" else exports.to_xlsx(report)
    response = HttpResponse(data, content_type=content_types[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(report.title)}.{fmt}"
    return response
