"""Demo data for reports: moderation under way in Birmingham, and Haringey's report (and the
past inspections' letters) generated through their versions, checked for factual accuracy,
published and followed by the written statement of action, each step through the services
with the clock set to the day it happens in the story (`inspections.demo.milestones`).

- `demo-moderation`: CQC's lead has signed off its judgements; one of Ofsted's judgements is
  returned to its inspector with a comment; the rest wait for sign-off.
- `demo-published` (Haringey, 2017-18) and `demo-past-*`: every judgement signed off by its
  inspectorate's lead, key findings written, the factual accuracy version (and for Haringey a
  first draft before it) rendered in-process (a seeder, not a request), sent to the area, one
  comment recorded and answered, the final version rendered, published by the lifecycle's
  verb (whose after-hook makes the publication) and the written statement of action asked for.

Idempotent: each step is taken only from the state before it.
"""

from __future__ import annotations

from django.db import transaction

from inspections.demo import TO_PUBLICATION, advance, milestones
from inspections.models import Inspection, Judgement, JudgementStatus, Status, TeamRole
from jtai import clock

KEY_FINDINGS = {
    "demo-moderation": (
        "Children in Birmingham who need help and protection are seen promptly, and the "
        "multi-agency front door works well. Too many children wait for a second assessment."
    ),
    "demo-published": (
        "Partners in Haringey share a clear ambition for children and work well together at "
        "the front door, where concerns about abuse and neglect are recognised and acted on "
        "quickly.\n\n"
        "The quality of practice is not yet consistent. In a minority of the cases inspectors "
        "looked at, plans did not say clearly enough what needed to change for the child, and "
        "the voice of the child was not always recorded.\n\n"
        "Leaders know their services well. The safeguarding board's oversight of training is "
        "improving, but it does not yet check what difference training makes to practice."
    ),
}
PAST_KEY_FINDINGS = (
    "Agencies in {area} recognise children living with domestic abuse and share information "
    "about them promptly at the front door.\n\n"
    "Plans for children do not always say what must change, and the impact of domestic abuse "
    "on children is not consistently analysed in assessments."
)
FACTUAL_ACCURACY_COMMENT = {
    "demo-published": (
        "Summary report",
        "The report says the front door opened in 2016; it opened in 2015.",
    ),
}
DEFAULT_COMMENT = (
    "Leadership",
    "The report names the partnership's board chair as interim; the appointment is permanent.",
)


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


def _findings(inspection, lead, at) -> None:
    from .models import ReportDraft
    from .services import report_draft_update

    if ReportDraft.objects.filter(inspection=inspection).exclude(key_findings="").exists():
        return
    text = KEY_FINDINGS.get(inspection.reference) or PAST_KEY_FINDINGS.format(
        area=inspection.authority.name
    )
    with clock.travel_to(at):
        report_draft_update(inspection=inspection, user=lead, key_findings=text)


@transaction.atomic
def _seed_moderation(stdout, inspection):
    from inspections.moderation.services import judgement_return, judgements_sign_off

    lead, leads = _leads(inspection)
    if lead is None or inspection.status != Status.MODERATION:
        return
    when = milestones(inspection)
    _findings(inspection, lead, when["sign_off"])
    judgements = Judgement.objects.filter(inspection=inspection)
    if judgements.filter(
        status__in=[JudgementStatus.SIGNED_OFF, JudgementStatus.RETURNED]
    ).exists():
        stdout.write("reports: demo-moderation already moderated")
        return
    cqc = next((u for u in leads.values() if u.inspectorate.code == "cqc"), None)
    if cqc and judgements.filter(inspectorate=cqc.inspectorate).exists():
        with clock.travel_to(when["sign_off"]):
            judgements_sign_off(inspection=inspection, user=cqc)
    target = (
        judgements.filter(inspectorate__code="ofsted", status=JudgementStatus.COMPLETED)
        .order_by("area__order")
        .last()
    )
    if target:
        with clock.travel_to(when["return"]):
            judgement_return(
                judgement=target,
                user=lead,
                comment=(
                    "The evaluation reads as generous against the evidence from the case "
                    "sample: three of the eight cases had no up-to-date plan. Please review it "
                    "or say which evidence supports it."
                ),
            )
    stdout.write("reports: demo-moderation: CQC signed off, one Ofsted judgement returned")


def _render(inspection, lead, kind, at, stdout):
    from .models import ReportVersion
    from .services import report_render_now

    version = ReportVersion.objects.filter(inspection=inspection, kind=kind).first()
    if version is None:
        with clock.travel_to(at):
            version = report_render_now(inspection=inspection, user=lead, kind=kind)
        stdout.write(f"reports: {inspection.reference}: {version.label} rendered")
    return version


@transaction.atomic
def _seed_published(stdout, inspection):
    from inspections.moderation.services import judgements_sign_off

    from .models import FactualAccuracyComment, VersionKind
    from .services import (
        factual_accuracy_comment_record,
        factual_accuracy_comment_respond,
        factual_accuracy_send,
    )

    lead, leads = _leads(inspection)
    if lead is None:
        return
    when = milestones(inspection)
    if inspection.status == Status.MODERATION:
        with clock.travel_to(when["sign_off"]):
            for inspectorate_id, user in leads.items():
                if (
                    Judgement.objects.filter(inspection=inspection, inspectorate_id=inspectorate_id)
                    .exclude(status=JudgementStatus.SIGNED_OFF)
                    .exists()
                ):
                    judgements_sign_off(inspection=inspection, user=user)
        _findings(inspection, lead, when["sign_off"])
        if inspection.reference in KEY_FINDINGS:
            _render(inspection, lead, VersionKind.DRAFT, when["draft_report"], stdout)
        fa = _render(
            inspection, lead, VersionKind.FACTUAL_ACCURACY, when["factual_accuracy_version"], stdout
        )
        contacts = [
            {"name": c.name, "role": c.get_role_display(), "email": c.email}
            for c in inspection.authority.contacts.order_by("pk")[:4]
        ]
        with clock.travel_to(when["factual_accuracy"]):
            factual_accuracy_send(version=fa, user=lead, recipients=contacts)
        inspection.refresh_from_db()

    if inspection.status == Status.FACTUAL_ACCURACY:
        from .models import FactualAccuracyRequest

        request = (
            FactualAccuracyRequest.objects.filter(version__inspection=inspection)
            .order_by("-sent_at")
            .first()
        )
        if request is not None and not request.comments.exists():
            section, text = FACTUAL_ACCURACY_COMMENT.get(inspection.reference, DEFAULT_COMMENT)
            sender = request.recipients[0]["name"] if request.recipients else "The area"
            with clock.travel_to(when["comments"]):
                comment = factual_accuracy_comment_record(
                    request=request, user=lead, from_name=sender, section=section, comment=text
                )
            with clock.travel_to(when["respond"]):
                factual_accuracy_comment_respond(
                    comment=comment,
                    user=lead,
                    response=FactualAccuracyComment.Response.ACCEPTED,
                    note="Corrected in the final version.",
                )
        _render(inspection, lead, VersionKind.FINAL, when["final_report"], stdout)
        advance(inspection, "publish", by=lead, at=when["publish"], reason="Published.")
        publication = inspection.publication
        stdout.write(f"reports: {inspection.reference}: published at /reports/{publication.slug}/")

    if inspection.status == Status.PUBLISHED and (
        inspection.framework_version.action_plan_working_days
    ):
        advance(inspection, "await_action_plan", by=lead, at=when["await_action_plan"])


def seed(stdout) -> None:
    for reference, seeder in (
        ("demo-moderation", _seed_moderation),
        *((reference, _seed_published) for reference in TO_PUBLICATION),
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
