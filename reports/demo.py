"""Demo data for reports: moderation under way in Birmingham, and Haringey's report generated
through its versions, checked for factual accuracy and published.

- `demo-moderation`: CQC's lead has signed off its judgements; one of Ofsted's judgements is
  returned to its inspector with a comment; the rest wait for sign-off.
- `demo-published`: every judgement signed off, key findings written, draft 1, the factual
  accuracy version (sent to the area, one comment answered) and the final version rendered
  here in-process (a seeder, not a request), published, and the written statement of action
  (now overdue, for the admins' list).

Idempotent: each step checks whether it has been done.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from inspections.models import Inspection, Judgement, JudgementStatus, Status, TeamRole

KEY_FINDINGS = {
    "demo-moderation": (
        "Children in Birmingham who need help and protection are seen promptly, and the "
        "multi-agency front door works well. Too many children wait for a second assessment."
    ),
    "demo-published": (
        "Partners in Haringey share a clear ambition for children and work well together at "
        "the front door, where concerns are recognised and acted on quickly.\n\n"
        "The quality of practice is not yet consistent. In a minority of the cases inspectors "
        "looked at, plans did not say clearly enough what needed to change for the child, and "
        "the voice of the child was not always recorded.\n\n"
        "Leaders know their services well. The safeguarding board's oversight of training is "
        "improving, but it does not yet check what difference training makes to practice."
    ),
}


def _leads(inspection):
    members = inspection.team.filter(is_active=True).select_related("user", "inspectorate")
    leads = {}
    overall = None
    for m in members:
        if m.role == TeamRole.OVERALL_LEAD:
            overall = m.user
            leads.setdefault(m.inspectorate_id, m.user)
        elif m.role == TeamRole.INSPECTORATE_LEAD:
            leads[m.inspectorate_id] = m.user
    return overall, leads


def _findings(inspection, lead):
    from .models import ReportDraft

    ReportDraft.objects.get_or_create(
        inspection=inspection,
        defaults={
            "key_findings": KEY_FINDINGS[inspection.reference],
            "updated_by": lead,
            "updated_at": timezone.now(),
        },
    )


@transaction.atomic
def _seed_moderation(stdout, inspection):
    from inspections.moderation.services import judgement_return, judgements_sign_off

    lead, leads = _leads(inspection)
    if lead is None:
        return
    _findings(inspection, lead)
    judgements = Judgement.objects.filter(inspection=inspection)
    if judgements.filter(
        status__in=[JudgementStatus.SIGNED_OFF, JudgementStatus.RETURNED]
    ).exists():
        stdout.write("reports: demo-moderation already moderated")
        return
    if inspection.status != Status.MODERATION:
        return
    cqc = next((u for u in leads.values() if u.inspectorate.code == "cqc"), None)
    if cqc and judgements.filter(inspectorate=cqc.inspectorate).exists():
        try:
            judgements_sign_off(inspection=inspection, user=cqc)
        except Exception as exc:  # noqa: BLE001 - demo data only: report and carry on
            stdout.write(f"reports: CQC sign-off skipped ({exc})")
    target = (
        judgements.filter(inspectorate__code="ofsted", status=JudgementStatus.COMPLETED)
        .order_by("area__order")
        .last()
    )
    if target:
        judgement_return(
            judgement=target,
            user=lead,
            comment=(
                "The grade reads as generous against the evidence from the case sample: "
                "three of the eight cases had no up-to-date plan. Please review the grade "
                "or say which evidence supports it."
            ),
        )
    stdout.write("reports: demo-moderation: CQC signed off, one Ofsted judgement returned")


def _seed_published(stdout, inspection):
    from .models import (
        FactualAccuracyComment,
        FactualAccuracyRequest,
        Publication,
        ReportVersion,
        VersionKind,
    )
    from .services import report_render_now

    lead, leads = _leads(inspection)
    if lead is None:
        return
    if Publication.objects.filter(inspection=inspection).exists():
        stdout.write("reports: demo-published already published")
        return
    _findings(inspection, lead)
    now = timezone.now()
    for judgement in Judgement.objects.filter(inspection=inspection).exclude(
        status=JudgementStatus.SIGNED_OFF
    ):
        Judgement.objects.filter(pk=judgement.pk).update(
            status=JudgementStatus.SIGNED_OFF,
            signed_off_by=leads.get(judgement.inspectorate_id, lead),
            signed_off_at=now,
        )
    published = inspection.transitions.filter(to_status=Status.PUBLISHED).order_by("-at").first()
    publish_at = published.at if published else now
    fa_sent = (
        inspection.transitions.filter(to_status=Status.FACTUAL_ACCURACY).order_by("-at").first()
    )
    fa_at = fa_sent.at if fa_sent else publish_at - datetime.timedelta(days=20)

    versions = {v.kind: v for v in ReportVersion.objects.filter(inspection=inspection)}
    for kind, at in (
        (VersionKind.DRAFT, fa_at - datetime.timedelta(days=7)),
        (VersionKind.FACTUAL_ACCURACY, fa_at - datetime.timedelta(hours=2)),
        (VersionKind.FINAL, publish_at - datetime.timedelta(days=2)),
    ):
        if kind not in versions:
            version = report_render_now(inspection=inspection, user=lead, kind=kind)
            ReportVersion.objects.filter(pk=version.pk).update(created_at=at)
            versions[kind] = version
            stdout.write(f"reports: demo-published: {version.label} rendered")

    with transaction.atomic():
        fa = versions[VersionKind.FACTUAL_ACCURACY]
        if not fa.factual_accuracy_requests.exists():
            contacts = [
                {"name": c.name, "role": c.get_role_display(), "email": c.email}
                for c in inspection.authority.contacts.all()[:4]
            ]
            request = FactualAccuracyRequest.objects.create(
                version=fa,
                recipients=contacts,
                sent_by=lead,
                sent_at=fa_at,
                expires_at=fa_at + datetime.timedelta(days=14),
                comments_due=(fa_at + datetime.timedelta(days=13)).date(),
            )
            FactualAccuracyComment.objects.create(
                request=request,
                from_name=contacts[0]["name"] if contacts else "Director of children's services",
                section="Summary report",
                comment="The report says the front door opened in 2016; it opened in 2015.",
                response=FactualAccuracyComment.Response.ACCEPTED,
                response_note="Corrected in the final version.",
                recorded_by=lead,
                recorded_at=fa_at + datetime.timedelta(days=9),
                responded_at=fa_at + datetime.timedelta(days=10),
            )
        from .services import publication_create

        publication = publication_create(
            inspection=inspection,
            version=versions[VersionKind.FINAL],
            by=lead,
            embargo_until=publish_at,
        )
        if (
            inspection.framework_version.action_plan_working_days
            and inspection.status == Status.PUBLISHED
        ):
            from inspections.services.transitions import inspection_transition

            inspection_transition(
                inspection=inspection, verb="await_action_plan", by=lead, reason="Demonstration"
            )
    stdout.write(f"reports: demo-published: published at /reports/{publication.slug}/")


def seed(stdout) -> None:
    for reference, seeder in (
        ("demo-moderation", _seed_moderation),
        ("demo-published", _seed_published),
    ):
        inspection = (
            Inspection.objects.filter(reference=reference)
            .select_related("authority", "framework_version__framework")
            .first()
        )
        if inspection is None:
            stdout.write(f"reports: no inspection '{reference}', skipped")
            continue
        seeder(stdout, inspection)
