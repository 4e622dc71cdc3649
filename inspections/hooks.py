"""The inspection's own after-hooks that queue background work, registered with the lifecycle
by `InspectionsConfig.ready()` in every process."""

from django.urls import reverse

from jtai.notifications import notify
from jtai.queue import enqueue_on_commit

from .lifecycle import after


@after("notify")
def queue_notification_emails(inspection, **_):
    """The team (and, when announced, the area's contacts) are emailed once the notification
    commits; each member also finds it in their notifications (the email is the event's own,
    sent to those who want emails at once)."""
    enqueue_on_commit("inspections.tasks.send_notification_emails", inspection.pk)
    members = inspection.team.filter(is_active=True).select_related("user")
    notify(
        users=[m.user for m in members],
        kind="team-notified",
        title=(
            f"You are on the team inspecting {inspection.authority.name}, from "
            f"{inspection.window_start.day} {inspection.window_start:%B %Y}"
        ),
        url=reverse("inspections:detail", args=[inspection.pk]),
        emailed=True,
    )


@after("start_fieldwork")
def queue_arrival_emails(inspection, **_):
    """An unannounced inspection's area is told on the morning inspectors arrive."""
    if not inspection.framework_version.is_announced:
        enqueue_on_commit("inspections.tasks.send_arrival_emails", inspection.pk)
