from django.apps import AppConfig


class OpsConfig(AppConfig):
    """The platform's own commands, which run every duty together: the demo, the daily job, the imports.

    The top layer: it may use every app's published interface (and each app's demo loader); no app imports it."""

    name = "gongkai.ops"
    verbose_name = "gongkai operations"
