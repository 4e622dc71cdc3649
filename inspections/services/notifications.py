"""The emails that tell the team and the area an inspection is coming (each sent once).

An announced inspection tells the team and the area's contacts together, on the notification
day. An unannounced one tells the team alone in advance; the area's contacts hear on the
morning inspectors arrive, when fieldwork starts."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from agencies.selectors import contact_role_label_for, inspectorate_name_on
from jtai import clock
from jtai.notifications import wants_email_now

from ..models import Inspection, Status
from .common import long_date

# Once fieldwork has started, the area may be told (an unannounced inspection's arrival).
ARRIVED_STATUSES = (Status.FIELDWORK, Status.EVIDENCE_CLOSED, Status.MODERATION)


def _heading(inspection: Inspection) -> str:
    version = inspection.framework_version
    return f"{inspection.authority.name}: {version.framework.name}" + (
        f" ({inspection.theme.name})" if inspection.theme else ""
    )


def _inspectorate_names(inspection: Inspection) -> str:
    """The inspectorates by the names they went by when the window starts."""
    day = inspection.window_start
    return ", ".join(
        inspectorate_name_on(i, day) for i in inspection.inspectorates.prefetch_related("names")
    )


def _notification_body(inspection: Inspection, *, for_area: bool) -> str:
    version = inspection.framework_version
    lines = [
        _heading(inspection),
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
    lines += ["", f"Inspectorates taking part: {_inspectorate_names(inspection)}."]
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
        if not version.is_announced:
            lines += [
                "",
                "This inspection is unannounced: do not tell the area. Its contacts are "
                "emailed on the morning inspectors arrive, "
                f"{long_date(inspection.window_start)}.",
            ]
    return "\n".join(lines)


def _arrival_body(inspection: Inspection) -> str:
    agencies = ", ".join(a.name for a in inspection.agencies.all())
    return "\n".join(
        [
            _heading(inspection),
            "",
            "This is an unannounced inspection. Inspectors arrive in your area today, "
            f"{long_date(clock.today())}, and are on site until "
            f"{long_date(inspection.window_end)}.",
            "",
            f"Inspectorates taking part: {_inspectorate_names(inspection)}.",
            f"Agencies covered: {agencies}.",
            "",
            "The lead inspector will meet you this morning to arrange the inspection.",
        ]
    )


def _subject(inspection: Inspection) -> str:
    return (
        f"Inspection of {inspection.authority.name}: "
        f"{inspection.framework_version.framework.name}, from {long_date(inspection.window_start)}"
    )


def _locked(inspection_id: int) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("authority", "framework_version__framework", "theme")
        .get(pk=inspection_id)
    )


def _area_messages(inspection: Inspection, body: str) -> list[EmailMessage]:
    """One message per contact, addressed by the role's name in their area at the time (the
    Commissioner in London, the LSCB's chair before the safeguarding partnerships)."""
    messages = []
    for contact in inspection.authority.contacts.order_by("pk"):
        role = contact_role_label_for(contact.role, inspection.authority, inspection.window_start)
        greeting = f"To {contact.name}, {role}"
        messages.append(
            EmailMessage(_subject(inspection), f"{greeting}\n\n{body}", to=[contact.email])
        )
    return messages


@transaction.atomic
def inspection_send_notification_emails(*, inspection_id: int) -> int:
    """Email the team, and the area's contacts when the inspection is announced, once; a
    repeat call sends nothing. An unannounced inspection's area is told on arrival
    (`inspection_send_arrival_emails`)."""
    inspection = _locked(inspection_id)
    if inspection.notification_sent_at is not None or inspection.status != Status.NOTIFIED:
        return 0
    announced = inspection.framework_version.is_announced
    # Members who chose a daily digest or no emails read it in their notifications.
    team = [
        m.user.email
        for m in inspection.team.filter(is_active=True).select_related("user")
        if wants_email_now(m.user)
    ]
    messages = []
    if team:
        messages.append(
            EmailMessage(
                _subject(inspection), _notification_body(inspection, for_area=False), to=team
            )
        )
    if announced:
        messages += _area_messages(inspection, _notification_body(inspection, for_area=True))
    if messages:
        get_connection().send_messages(messages)
    now = clock.now()
    inspection.notification_sent_at = now
    fields = ["notification_sent_at"]
    if announced:
        inspection.area_notified_at = now
        fields.append("area_notified_at")
    inspection.save(update_fields=fields)
    return len(messages)


@transaction.atomic
def inspection_send_arrival_emails(*, inspection_id: int) -> int:
    """Tell an unannounced inspection's area on the morning inspectors arrive, once.

    Sends nothing for an announced inspection (its area was told with the notification), before
    fieldwork has started, or when the area has already been told."""
    inspection = _locked(inspection_id)
    if (
        inspection.framework_version.is_announced
        or inspection.area_notified_at is not None
        or inspection.status not in ARRIVED_STATUSES
    ):
        return 0
    messages = _area_messages(inspection, _arrival_body(inspection))
    if messages:
        get_connection().send_messages(messages)
    inspection.area_notified_at = clock.now()
    inspection.save(update_fields=["area_notified_at"])
    return len(messages)
