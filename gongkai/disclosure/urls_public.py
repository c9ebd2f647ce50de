from django.urls import path

from gongkai.disclosure import feeds, views_public

app_name = "disclosure_public"
urlpatterns = [
    path("agency/<str:credit_code>/catalog/", views_public.catalog, name="catalog"),
    path("agency/<str:credit_code>/catalog/<str:category_code>/", views_public.catalog, name="category"),
    path("agency/<str:credit_code>/feed/atom/", feeds.AgencyAtomFeed(), name="feed_atom"),
    path("agency/<str:credit_code>/feed/rss/", feeds.AgencyRssFeed(), name="feed_rss"),
    path(
        "agency/<str:credit_code>/catalog/<str:category_code>/feed/atom/",
        feeds.CategoryAtomFeed(),
        name="category_feed_atom",
    ),
    path(
        "agency/<str:credit_code>/catalog/<str:category_code>/feed/rss/",
        feeds.CategoryRssFeed(),
        name="category_feed_rss",
    ),
    path("items/<int:pk>/", views_public.item, name="item"),
]
