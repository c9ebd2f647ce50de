from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="workspace/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/departments/add/", views.department_add, name="department_add"),
    path("agencies/<int:pk>/audit/", views.agency_audit, name="agency_audit"),
]
