from django.urls import path

from gongkai.cases import views_staff

app_name = "cases_staff"
urlpatterns = [
    path("", views_staff.case_list, name="list"),
    path("new/<int:agency_pk>/", views_staff.case_create, name="create"),
    path("<int:pk>/", views_staff.case_detail, name="detail"),
    path("<int:pk>/edit/", views_staff.case_edit, name="edit"),
    path("<int:pk>/conclude/", views_staff.case_conclude, name="conclude"),
    path("<int:pk>/documents/", views_staff.document_upload, name="document_upload"),
    path("documents/<int:pk>/remove/", views_staff.document_remove, name="document_remove"),
    path("documents/<int:pk>/", views_staff.document_download, name="document_download"),
    path("figures/<int:agency_pk>/", views_staff.figures, name="figures"),
]
