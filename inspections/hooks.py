"""The inspection's own after-hooks that queue background work, registered with the lifecycle
by `InspectionsConfig.ready()` in every process."""

from jtai.queue import enqueue_on_commit

from .lifecycle import after


@after("notify")
def queue_notification_emails(inspection, **_):
    """The team and the area's contacts are emailed once the notification commits."""
    enqueue_on_commit("inspections.tasks.send_notification_emails", inspection.pk)
