from django.urls import path

from gongkai.foi import views_paper, views_staff

app_name = "foi_staff"
urlpatterns = [
    path("", views_staff.inbox, name="inbox"),
    path("register/<int:agency_pk>/", views_staff.register, name="register"),
    path("<int:pk>/", views_staff.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views_staff.act, name="act"),
    path("<int:pk>/forms/<str:kind>/", views_paper.request_form, name="paper_form"),
    path("<int:pk>/forms/<str:kind>.docx", views_paper.request_form, {"fmt": "docx"}, name="paper_form_docx"),
    path("attachments/<int:pk>/", views_staff.attachment, name="attachment"),
    path("<int:pk>/reveal/", views_staff.reveal, name="reveal"),
    path("letters/<int:pk>.<str:fmt>", views_staff.letter, name="letter"),
    path("letters/<int:pk>/deliveries/", views_staff.delivery_add, name="delivery_add"),
    path("deliveries/<int:pk>/receipt/", views_staff.delivery_receipt, name="delivery_receipt"),
    path("deliveries/evidence/<int:pk>/", views_staff.delivery_evidence, name="delivery_evidence"),
    path("settings/<int:agency_pk>/", views_staff.agency_settings, name="settings"),
    path("settings/<int:agency_pk>/letters/<str:kind>/", views_staff.letter_template, name="letter_template"),
]
