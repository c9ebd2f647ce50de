"""The public catalog (法定主动公开内容): category tree, item lists, item pages with their metadata block."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.selectors import public_agency
from gongkai.disclosure import selectors
from gongkai.law.guide import REGULATION_SHORT


def catalog(request, credit_code: str, category_code: str | None = None):
    agency = public_agency(credit_code)
    category = get_object_or_404(agency.catalog_categories, code=category_code) if category_code else None
    page = Paginator(selectors.public_items(agency, category=category, succession=True), 20).get_page(
        request.GET.get("page")
    )
    categories = selectors.public_categories(agency)
    return render(
        request,
        "disclosure/catalog.html",
        {
            "agency": agency,
            "category": category,
            "category_tree": [c for c in categories if c.depth == 0],
            "page_obj": page,
            # 规范性文件 get their 文号 and 有效性 (with the document replacing them) as columns of the list
            "normative": any(item.normative_kind for item in page),
            "column": "catalog",
            "regulation_short": REGULATION_SHORT,
        },
    )


def item(request, pk: int):
    return render(request, "disclosure/item.html", {"item": selectors.public_item(pk)})
