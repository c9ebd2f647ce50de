from django.urls import path

from gongkai.foi import views_staff

app_name = "foi_staff"
urlpatterns = [
    path("", views_staff.inbox, name="inbox"),
    path("register/<int:agency_pk>/", views_staff.register, name="register"),
    path("<int:pk>/", views_staff.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views_staff.act, name="act"),
    path("letters/<int:pk>.<str:fmt>", views_staff.letter, name="letter"),
]
