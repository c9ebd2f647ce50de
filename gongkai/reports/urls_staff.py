from django.urls import path

from gongkai.reports import views_staff

app_name = "reports_staff"
urlpatterns = [
    path("", views_staff.report_list, name="list"),
    path("oversight/", views_staff.oversight, name="oversight"),
    path("oversight/export.xlsx", views_staff.oversight_export, name="oversight_export"),
    path("start/<int:agency_pk>/", views_staff.report_start, name="start"),
    path("<int:pk>/", views_staff.report_detail, name="detail"),
    path("<int:pk>/edit/", views_staff.report_edit, name="edit"),
    path("<int:pk>/download.<str:fmt>", views_staff.report_download, name="download"),
    path("<int:pk>/<str:action>/", views_staff.report_action, name="action"),
]
