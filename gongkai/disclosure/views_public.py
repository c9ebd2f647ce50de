"""The public catalog (法定主动公开内容): category tree, item lists, item pages with their metadata block."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.selectors import public_agency
from gongkai.disclosure import selectors
from gongkai.law.guide import REGULATION_SHORT


def catalog(request, credit_code: str, category_code: str | None = None):
    agency = public_agency(credit_code)
    category = get_object_or_404(agency.catalog_categories, code=category_code) if category_code else None
    page = Paginator(selectors.public_items(agency, category=category), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosure/catalog.html",
        {
            "agency": agency,
            "category": category,
            "categories": selectors.public_categories(agency),
            "page_obj": page,
            "column": "catalog",
            "regulation_short": REGULATION_SHORT,
        },
    )


def item(request, pk: int):
    return render(request, "disclosure/item.html", {"item": selectors.public_item(pk)})
