from django.urls import path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agency/<str:credit_code>/", views.agency_page, name="agency"),
    path("agency/<str:credit_code>/guide/", views.guide, name="guide"),
    path("agency/<str:credit_code>/rules/", views.rules, name="rules"),
    path("agency/<str:credit_code>/annual-reports/", views.annual_reports, name="annual_reports"),
    path("agency/<str:credit_code>/annual-reports/<int:year>/", views.annual_report, name="annual_report"),
    path(
        "agency/<str:credit_code>/annual-reports/<int:year>/download.<str:fmt>",
        views.annual_report_download,
        name="annual_report_download",
    ),
]
