"""The public search page: ``/search/?q=低保&agency=…&category=M01&year=2026&validity=valid&sort=date``.

Without a query the page lists the published items under the filters, newest first. The 年份 options are the years
of the items that match the query and the other filters, each with its count (one GROUP BY query).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.search import selectors
from gongkai.search.forms import SearchForm

PER_PAGE = 20
FILTERS = ("agency", "category", "year", "validity")


def results(request):
    form = SearchForm(request.GET, agencies=selectors.filter_agencies())
    context = {"form": form, "page_obj": None, "hits": [], "message": "", "querystring": "", "unfiltered": ""}
    if not form.is_valid():
        context["message"] = _("Please check the search form.")
        form.show_years(selectors.year_facets())
        return render(request, "search/results.html", context)
    text = form.cleaned_data["q"].strip()
    query = None
    if text:
        try:
            query = selectors.parse(text)
        except ValidationError as exc:
            context["message"] = exc.messages[0]
            form.show_years(selectors.year_facets())
            return render(request, "search/results.html", context)
    filters = form.filters()
    sort = form.sort_order(has_query=query is not None)
    form.show_years(selectors.year_facets(query, **{k: v for k, v in filters.items() if k != "year"}))
    rows = selectors.entries(query, sort=sort, **filters)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    params = form.data.copy()
    params.pop("page", None)
    kept = params.copy()
    for name in FILTERS:
        kept.pop(name, None)
    context.update(
        page_obj=page,
        hits=selectors.hits(page.object_list, query),
        querystring=params.urlencode(),
        unfiltered=kept.urlencode(),
        filtered=any(filters.values()),
        text=text,
    )
    return render(request, "search/results.html", context)
