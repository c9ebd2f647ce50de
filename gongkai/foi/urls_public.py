from django.urls import path

from gongkai.foi import views_public

app_name = "foi_public"
urlpatterns = [
    path("apply/<str:credit_code>/", views_public.apply, name="apply"),
    path("submitted/", views_public.acknowledgment, name="acknowledgment"),
    path("track/", views_public.track, name="track"),
    path("track/query-code/", views_public.resend, name="resend"),
]
