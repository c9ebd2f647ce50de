from django.urls import path

from gongkai.disclosure import views_public

app_name = "disclosure_public"
urlpatterns = [
    path("agency/<str:credit_code>/catalog/", views_public.catalog, name="catalog"),
    path("agency/<str:credit_code>/catalog/<str:category_code>/", views_public.catalog, name="category"),
    path("items/<int:pk>/", views_public.item, name="item"),
]
