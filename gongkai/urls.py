from django.contrib import admin
from django.urls import include, path

from gongkai.core.views import favicon

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("requests/", include("gongkai.foi.urls_public")),
    path("search/", include("gongkai.search.urls")),
    path("", include("gongkai.disclosure.urls_public")),
    path("files/", include("gongkai.disclosure.urls_files")),
    path("workspace/disclosure/", include("gongkai.disclosure.urls_staff")),
    path("workspace/requests/", include("gongkai.foi.urls_staff")),
    path("workspace/cases/", include("gongkai.cases.urls_staff")),
    path("workspace/reports/", include("gongkai.reports.urls_staff")),
    path("workspace/workplan/", include("gongkai.workplan.urls_staff")),
    path("workspace/checker/", include("gongkai.checker.urls_staff")),
    path("workspace/region-audit/", include("gongkai.regionaudit.urls_staff")),
    path("workspace/engagement/", include("gongkai.engagement.urls_staff")),
    path("workspace/2fa/", include("gongkai.twofactor.urls")),
    path("workspace/", include("gongkai.workspace.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
]

# Chinese error pages in the site's layout that never fail themselves (gongkai.core.views).
handler400 = "gongkai.core.views.bad_request"
handler403 = "gongkai.core.views.permission_denied"
handler404 = "gongkai.core.views.page_not_found"
handler500 = "gongkai.core.views.server_error"
