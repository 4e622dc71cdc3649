"""Celery tasks of recording: thin, idempotent, enqueued after the transaction commits."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from inspections.models import SharedJudgement, TeamMember, TeamRole
from jtai.notifications import wants_email_now


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def notify_shared_judgement_changed(self, shared_id: int, version: int) -> int:
    """Tell the inspection's leads that the shared judgement changed and needs agreeing again.

    Idempotent in effect: a redelivery for a version that is no longer current sends nothing.
    """
    shared = (
        SharedJudgement.objects.select_related("inspection__authority", "area", "drafted_by")
        .filter(pk=shared_id, version=version)
        .first()
    )
    if shared is None:
        return 0
    inspection = shared.inspection
    leads = (
        TeamMember.objects.filter(
            inspection=inspection,
            is_active=True,
            role__in=[TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD],
        )
        .exclude(user=shared.drafted_by)
        .select_related("user")
    )
    path = reverse(
        "inspections:recording:shared", kwargs={"pk": inspection.pk, "shared_pk": shared.pk}
    )
    subject = f"{inspection.authority.name}: the shared judgement changed, agree it again"
    body = (
        f"{shared.drafted_by.display_name if shared.drafted_by else 'The overall lead'} changed "
        f"the shared judgement '{shared.area.title}' for {inspection.authority.name} "
        f"(version {shared.version}).\n\n"
        "Earlier agreements no longer apply. Read the new text and record whether you agree:\n"
        f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}\n"
    )
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [member.user.email])
        for member in leads
        if wants_email_now(member.user)  # the others read it in their notifications
    ]
    try:
        return send_mass_mail(messages, fail_silently=False)
    except OSError as exc:  # the mail server is down: try again later
        raise self.retry(exc=exc) from exc
