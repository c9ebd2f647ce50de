"""The public search page: ``/search/?q=低保&agency=…&category=M01&year=2026&validity=valid``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.search import selectors
from gongkai.search.forms import SearchForm

PER_PAGE = 20


def results(request):
    form = SearchForm(request.GET, **selectors.filter_choices())
    context = {"form": form, "page_obj": None, "hits": [], "message": "", "querystring": ""}
    text = request.GET.get("q", "").strip()
    if not form.is_valid():
        context["message"] = _("Please check the search form.")
    elif not text:
        context["message"] = _("Type at least two characters, for example 低保 or 救助.")
    else:
        try:
            query = selectors.parse(form.cleaned_data["q"])
        except ValidationError as exc:
            context["message"] = exc.messages[0]
        else:
            rows = selectors.entries(query, **form.filters())
            page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
            params = request.GET.copy()
            params.pop("page", None)
            context.update(page_obj=page, hits=selectors.hits(page.object_list, query), querystring=params.urlencode())
    return render(request, "search/results.html", context)
