from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Frameworks, inspections and judgements"

    def ready(self):
        # After-hooks of the lifecycle: the notification emails, and recording's rules
        # (judgements exist once fieldwork starts).
        from . import hooks  # noqa: F401
        from .information import hooks as information_hooks  # noqa: F401
        from .moderation import lifecycle as moderation_lifecycle  # noqa: F401
        from .recording import lifecycle  # noqa: F401
        from .retention import schedule  # noqa: F401
