from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionAuditConfig(AppConfig):
    name = "gongkai.regionaudit"
    label = "regionaudit"
    verbose_name = _("Annual report audit")
