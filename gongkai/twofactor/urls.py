from django.urls import path

from gongkai.twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_renew, name="recovery_renew"),
    path("off/", views.remove, name="remove"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/reset/", views.reset, name="reset"),
]
