from django.urls import path

from gongkai.disclosure import views_staff

app_name = "disclosure_staff"
urlpatterns = [
    path("", views_staff.worklist, name="worklist"),
    path("new/<int:agency_pk>/", views_staff.item_new, name="new"),
    path("duties/", views_staff.duties, name="duties"),
    path("<int:pk>/", views_staff.item_detail, name="detail"),
    path("<int:pk>/edit/", views_staff.item_edit, name="edit"),
    path("<int:pk>/<str:action>/", views_staff.item_action, name="action"),
]
