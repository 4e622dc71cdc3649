from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Frameworks, inspections and judgements"

    def ready(self):
        # Recording's rules in the lifecycle (judgements exist once fieldwork starts) and its
        # Celery tasks.
        from .recording import lifecycle  # noqa: F401
