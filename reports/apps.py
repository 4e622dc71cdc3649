from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Combined reports and publication"

    def ready(self):
        # The report's guards and after-hooks in the inspection's lifecycle.
        from . import lifecycle, retention  # noqa: F401
