from django.urls import path

from gongkai.foi import views_public

app_name = "foi_public"
urlpatterns = [
    path("apply/<str:credit_code>/", views_public.apply, name="apply"),
    path("submitted/", views_public.acknowledgment, name="acknowledgment"),
    path("track/", views_public.track, name="track"),
    path("track/query-code/", views_public.resend, name="resend"),
    path("track/leave/", views_public.track_leave, name="track_leave"),
    path("track/letters/<int:pk>.<str:fmt>", views_public.track_letter, name="track_letter"),
    path("track/correction/", views_public.track_correction, name="track_correction"),
]
