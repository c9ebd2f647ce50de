from django.urls import path

from gongkai.checker import views_staff

app_name = "checker_staff"
urlpatterns = [
    path("", views_staff.check_upload, name="upload"),
]
