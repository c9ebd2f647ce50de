from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("workspace/", include("gongkai.workspace.urls")),
    path("admin/", admin.site.urls),
]
