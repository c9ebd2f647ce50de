from django.urls import path

from gongkai.foi import views_public

app_name = "foi_public"
urlpatterns = [
    path("apply/<str:credit_code>/", views_public.apply, name="apply"),
    path("apply/<str:credit_code>/form.docx", views_public.application_form, {"fmt": "docx"}, name="form_docx"),
    path("apply/<str:credit_code>/form.pdf", views_public.application_form, {"fmt": "pdf"}, name="form_pdf"),
    path("submitted/", views_public.acknowledgment, name="acknowledgment"),
    path("submitted/receipt/", views_public.receipt, name="receipt"),
    path("submitted/receipt.docx", views_public.receipt, {"fmt": "docx"}, name="receipt_docx"),
    path("track/", views_public.track, name="track"),
    path("track/query-code/", views_public.resend, name="resend"),
    path("track/leave/", views_public.track_leave, name="track_leave"),
    path("track/letters/<int:pk>.<str:fmt>", views_public.track_letter, name="track_letter"),
    path("track/correction/", views_public.track_correction, name="track_correction"),
]
