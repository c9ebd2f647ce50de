from django.urls import path

from gongkai.workplan import views_staff

app_name = "workplan_staff"
urlpatterns = [
    path("", views_staff.index, name="index"),
    path("import/<int:agency_pk>/", views_staff.plan_upload, name="upload"),
    path("<int:pk>/", views_staff.plan_detail, name="plan"),
    path("<int:pk>/review/", views_staff.plan_review, name="review"),
    path("<int:pk>/discard/", views_staff.plan_discard, name="discard"),
    path("<int:pk>/source/", views_staff.plan_source, name="source"),
    path("tasks/<int:pk>/", views_staff.task_detail, name="task"),
    path("tasks/<int:pk>/progress/", views_staff.task_progress, name="progress"),
    path("tasks/<int:pk>/evidence/", views_staff.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views_staff.evidence_download, name="evidence"),
    path("instances/<int:pk>/done/", views_staff.instance_done, name="instance_done"),
]
