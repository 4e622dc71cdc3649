"""The emails that tell the team and the area an inspection is coming (sent once)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from jtai import clock

from ..models import Inspection, Status
from .common import long_date


def _notification_body(inspection: Inspection, *, for_area: bool) -> str:
    version = inspection.framework_version
    lines = [
        f"{inspection.authority.name}: {version.framework.name}"
        + (f" ({inspection.theme.name})" if inspection.theme else ""),
        "",
        f"The inspection window runs from {long_date(inspection.window_start)} to "
        f"{long_date(inspection.window_end)}.",
    ]
    if inspection.notification_date:
        lines.append(
            f"This notice is given on {long_date(inspection.notification_date)}, "
            f"{version.notice_working_days} working days before inspectors arrive "
            "(the day of notice counts as day 1)."
        )
    names = ", ".join(i.name for i in inspection.inspectorates.all())
    lines += ["", f"Inspectorates taking part: {names}."]
    if for_area:
        agencies = ", ".join(a.name for a in inspection.agencies.all())
        lines += [
            f"Agencies covered: {agencies}.",
            "",
            "The lead inspector will contact you to arrange the inspection.",
        ]
    else:
        url = settings.SITE_URL + reverse("inspections:detail", args=[inspection.pk])
        lines += ["", "You are on the inspection team. It is now in your schedule:", url]
    return "\n".join(lines)


@transaction.atomic
def inspection_send_notification_emails(*, inspection_id: int) -> int:
    """Email the team and the area's contacts once; a repeat call sends nothing."""
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("authority", "framework_version__framework", "theme")
        .get(pk=inspection_id)
    )
    if inspection.notification_sent_at is not None or inspection.status != Status.NOTIFIED:
        return 0
    subject = (
        f"Inspection of {inspection.authority.name}: "
        f"{inspection.framework_version.framework.name}, from {long_date(inspection.window_start)}"
    )
    team = [
        m.user.email
        for m in inspection.team.filter(is_active=True).select_related("user")
        if m.user.email
    ]
    contacts = list(inspection.authority.contacts.values_list("email", flat=True))
    messages = []
    if team:
        messages.append(
            EmailMessage(subject, _notification_body(inspection, for_area=False), to=team)
        )
    for address in contacts:
        messages.append(
            EmailMessage(subject, _notification_body(inspection, for_area=True), to=[address])
        )
    if messages:
        get_connection().send_messages(messages)
    inspection.notification_sent_at = clock.now()
    inspection.save(update_fields=["notification_sent_at"])
    return len(messages)
