from django.urls import path

from gongkai.disclosure import views_duties, views_repeal, views_staff

app_name = "disclosure_staff"
urlpatterns = [
    path("", views_staff.worklist, name="worklist"),
    path("new/<int:agency_pk>/", views_staff.item_new, name="new"),
    path("chain/<int:agency_pk>/", views_staff.review_chain, name="chain"),
    path("duties/", views_duties.dashboard, name="duties"),
    path("duties/new/<int:agency_pk>/", views_duties.duty_new, name="duty_new"),
    path("duties/<int:pk>/edit/", views_duties.duty_edit, name="duty_edit"),
    path("duties/<int:pk>/active/", views_duties.duty_active, name="duty_active"),
    path("duties/periods/<int:pk>/fulfil/", views_duties.instance_fulfil, name="fulfil"),
    path("attachments/<int:pk>/", views_staff.attachment_download, name="attachment"),
    path("attachments/<int:pk>/<str:action>/", views_staff.attachment_action, name="attachment_action"),
    # the item picker of the draft form (issue 14)
    path("related/<int:agency_pk>/", views_staff.related_search, name="related_search"),
    path("<int:pk>/", views_staff.item_detail, name="detail"),
    path("<int:pk>/edit/", views_staff.item_edit, name="edit"),
    path("<int:pk>/attachments/", views_staff.attachment_upload, name="attachment_upload"),
    path("<int:pk>/repeal/", views_repeal.item_repeal, name="repeal"),  # before the actions' catch-all
    # the body imported from a Word file
    path("<int:pk>/word/", views_staff.item_word_import, name="word_import"),
    path("<int:pk>/<str:action>/", views_staff.item_action, name="action"),
]
