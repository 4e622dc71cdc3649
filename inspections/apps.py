from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Frameworks, inspections and judgements"

    def ready(self):
        from . import lifecycle

        lifecycle.discover()
