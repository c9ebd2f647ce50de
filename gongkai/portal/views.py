"""The public site: read-only, no login, no personal data."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import public_agency_list

PAGE_SIZE = 30


def home(request):
    page = Paginator(public_agency_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/home.html", {"page_obj": page})


def agency_page(request, credit_code: str):
    agency = get_object_or_404(Agency, credit_code=credit_code.upper())
    return render(request, "portal/agency.html", {"agency": agency})
