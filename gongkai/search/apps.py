from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from gongkai.search import signals  # noqa: F401
