from django.urls import path

from gongkai.regionaudit import views_staff

app_name = "regionaudit_staff"
urlpatterns = [
    path("", views_staff.regions, name="regions"),
    path("<int:region_id>/", views_staff.region_home, name="region"),
    path("<int:region_id>/grid/", views_staff.grid, name="grid"),
    path("<int:region_id>/benchmark/", views_staff.benchmark, name="benchmark"),
    path("<int:region_id>/benchmark/export.<str:fmt>", views_staff.region_export, name="region_export"),
    path("<int:region_id>/agencies/<int:agency_id>/export.<str:fmt>", views_staff.agency_export, name="agency_export"),
    path("<int:region_id>/findings/", views_staff.findings, name="findings"),
    path("<int:region_id>/agencies/<int:agency_id>/", views_staff.agency_page, name="agency"),
    path("<int:region_id>/reports/<int:report_id>/", views_staff.report_page, name="report"),
    path("<int:region_id>/reports/<int:report_id>/assign/", views_staff.report_assign, name="assign"),
    path("<int:region_id>/reports/<int:report_id>/recheck/", views_staff.report_recheck, name="recheck"),
    path("<int:region_id>/readings/<int:reading_id>/review/", views_staff.finding_review, name="review"),
]
