"""The public catalog (法定主动公开内容): category tree, item lists, item pages with their metadata block."""

from django.shortcuts import get_object_or_404, render

from gongkai.agencies.selectors import public_agency
from gongkai.core.keyset import CURSOR_PARAM, keyset_page
from gongkai.disclosure import selectors
from gongkai.law.guide import REGULATION_SHORT

CATALOG_PAGE_SIZE = 20


def catalog(request, credit_code: str, category_code: str | None = None):
    agency = public_agency(credit_code)
    categories = selectors.public_categories(agency)
    category = None
    if category_code:
        category = next((node for node in categories if node.code == category_code), None)
    # the total comes from the category tree's counts, already read for the menu: no COUNT query of its own
    if category_code is None:
        total = sum(node.published_count for node in categories)
    elif category is not None:
        total = category.published_count + sum(node.published_count for node in category.subcategories)
    else:  # a category outside the tree (entered by hand in a cycle): listed, without a total
        category, total = get_object_or_404(agency.catalog_categories, code=category_code), None
    page = keyset_page(
        # a list shows no body: not read (a body is kilobytes of text, a page twenty of them and their predecessors)
        selectors.public_items(agency, category=category, succession=True).defer("body", "supersedes__body"),
        selectors.CATALOG_KEYS,
        request.GET.get(CURSOR_PARAM),
        per_page=CATALOG_PAGE_SIZE,
        total=total,
    )
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
