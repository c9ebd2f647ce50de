"""Public downloads of published items' attachments (views in views_files)."""

from django.urls import path

from gongkai.disclosure import views_files

app_name = "disclosure_files"
urlpatterns = [
    path("<int:pk>/", views_files.download, name="download"),
]
