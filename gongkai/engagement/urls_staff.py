from django.urls import path, register_converter

from gongkai.engagement import views_staff
from gongkai.engagement.kinds import KINDS, Kind


class KindConverter:
    """``consultations`` | ``proposals`` | ``opinion`` | ``press`` in the URL, the :class:`Kind` in the view."""

    regex = "|".join(KINDS)

    def to_python(self, value: str) -> Kind:
        return KINDS[value]

    def to_url(self, value: Kind | str) -> str:
        return value if isinstance(value, str) else value.slug


register_converter(KindConverter, "engagement_kind")

app_name = "engagement_staff"
urlpatterns = [
    path("", views_staff.index, name="index"),
    path("<engagement_kind:kind>/", views_staff.record_list, name="list"),
    path("<engagement_kind:kind>/new/<int:agency_pk>/", views_staff.record_create, name="create"),
    path("<engagement_kind:kind>/<int:pk>/", views_staff.record_edit, name="edit"),
    path("<engagement_kind:kind>/<int:pk>/delete/", views_staff.record_delete, name="delete"),
    path("<engagement_kind:kind>/import/<int:agency_pk>/", views_staff.record_import, name="import"),
    path("<engagement_kind:kind>/export/<int:agency_pk>/", views_staff.record_export, name="export"),
]
