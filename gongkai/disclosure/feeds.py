"""RSS 2.0 and Atom feeds of published items, per agency and per catalog category (django.contrib.syndication).

The latest :data:`LATEST` published items, newest first, each with its 索引号 and 发布日期 and a link to its public
page; drafts, items in review and withdrawn items never appear (the same read as the public catalog). A feed costs
two queries whatever its length."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import public_agency
from gongkai.disclosure import selectors
from gongkai.disclosure.models import CatalogCategory, CatalogItem

LATEST = 50


class AgencyRssFeed(Feed):
    """``/agency/<credit_code>/feed/rss/``: the agency's whole catalog."""

    feed_type = Rss201rev2Feed
    description_template = "disclosure/feed_item.html"

    def get_object(self, request, credit_code: str) -> Agency:
        return public_agency(credit_code)

    def _agency(self, obj: Agency) -> Agency:
        return obj

    def title(self, obj: Agency) -> str:
        return _("%(agency)s: information disclosed by law") % {"agency": obj.name}

    def link(self, obj: Agency) -> str:
        return reverse("disclosure_public:catalog", args=[obj.credit_code])

    def description(self, obj) -> str:
        return _("The latest information published by %(agency)s.") % {"agency": self._agency(obj).name}

    def subtitle(self, obj) -> str:  # Atom's name for the description
        return self.description(obj)

    def items(self, obj: Agency) -> QuerySet[CatalogItem]:
        return selectors.public_items(obj)[:LATEST]

    def item_title(self, item: CatalogItem) -> str:
        return item.title

    def item_link(self, item: CatalogItem) -> str:
        return reverse("disclosure_public:item", args=[item.pk])

    def item_pubdate(self, item: CatalogItem) -> dt.datetime:
        # 发布日期 is a date; the feed states it as the start of that day in the site's time zone.
        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time.min))

    def item_author_name(self, item: CatalogItem) -> str:
        return item.publisher

    def item_categories(self, item: CatalogItem) -> tuple[str, ...]:
        return (item.category.name,)


class AgencyAtomFeed(AgencyRssFeed):
    """``/agency/<credit_code>/feed/atom/``."""

    feed_type = Atom1Feed


class CategoryRssFeed(AgencyRssFeed):
    """``/agency/<credit_code>/catalog/<category_code>/feed/rss/``: one category and its sub-categories."""

    def get_object(self, request, credit_code: str, category_code: str) -> CatalogCategory:
        return get_object_or_404(
            CatalogCategory.objects.select_related("agency"),
            agency__credit_code=credit_code.strip().upper(),
            code=category_code,
        )

    def _agency(self, obj: CatalogCategory) -> Agency:
        return obj.agency

    def title(self, obj: CatalogCategory) -> str:
        return f"{obj.agency.name} · {obj.name}"

    def link(self, obj: CatalogCategory) -> str:
        return reverse("disclosure_public:category", args=[obj.agency.credit_code, obj.code])

    def items(self, obj: CatalogCategory) -> QuerySet[CatalogItem]:
        return selectors.public_items(obj.agency, category=obj)[:LATEST]


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed
