from django.urls import path

from gongkai.workplan import views_staff

app_name = "workplan_staff"
urlpatterns = [
    path("", views_staff.index, name="index"),
]
