"""The inspection's own after-hooks that queue background work, registered with the lifecycle
by `InspectionsConfig.ready()` in every process."""

from jtai.queue import enqueue_on_commit

from .lifecycle import after


@after("notify")
def queue_notification_emails(inspection, **_):
    """The team (and, when announced, the area's contacts) are emailed once the notification
    commits."""
    enqueue_on_commit("inspections.tasks.send_notification_emails", inspection.pk)


@after("start_fieldwork")
def queue_arrival_emails(inspection, **_):
    """An unannounced inspection's area is told on the morning inspectors arrive."""
    if not inspection.framework_version.is_announced:
        enqueue_on_commit("inspections.tasks.send_arrival_emails", inspection.pk)
