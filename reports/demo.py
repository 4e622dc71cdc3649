"""Demo data for reports: moderation under way in Birmingham, and Haringey's report (and the
past inspections' letters) generated through their versions, checked for factual accuracy,
published and followed by the written statement of action, each step through the services
with the clock set to the day it happens in the story (`inspections.demo.milestones`).

- `demo-moderation`: CQC's lead has signed off its judgements; one of Ofsted's judgements is
  returned to its inspector with a comment; the rest wait for sign-off.
- `demo-published` (Haringey, 2017-18) and `demo-past-*`: every judgement signed off by its
  inspectorate's lead, the letter's sections written (headline findings; Haringey's case
  studies) and agreed by every participating inspectorate's lead, the factual accuracy version
  (and for Haringey a first draft before it) rendered in-process (a seeder, not a request),
  sent to the area, one comment recorded and answered (Haringey's accepted by correcting the
  headline findings, the others' rejected with the reason), the final version rendered,
  published by the lifecycle's verb (whose after-hook makes the publication) and the written
  statement of action asked for.
- `demo-hypothetical-report` (Cornwall, a hypothetical future run of the 2015 integrated
  proposal): a summary report and one report per agency, to its final version, unpublished
  (`reports.demo_hypothetical`).

Idempotent: each step is taken only from the state before it.
"""

from __future__ import annotations

from django.db import transaction

from inspections.demo import (
    HYPOTHETICAL_REPORT_REFERENCE,
    PUBLISHED_REFERENCE,
    TO_PUBLICATION,
    advance,
    milestones,
)
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
        "quickly. The multi-agency safeguarding hub, which opened in 2016, is well established."
        "\n\n"
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
# Written by inspectors, anonymised: no names, no references, no dates of birth.
CASE_STUDIES = {
    "demo-published": (
        "A teenager who had been missing from home several times was seen the same day by a "
        "social worker and a police officer together. Her school, the school nurse and the "
        "youth offending service shared what they knew within hours, and her plan said "
        "clearly who would do what to keep her safe.\n\n"
        "A young child living with neglect had been known to several agencies for years. "
        "Each had recorded concerns, but nobody had brought them together until a health "
        "visitor asked for a strategy discussion; the drift before then was too long."
    ),
}
# Haringey's comment is accepted: the section is corrected (`CORRECTIONS`); the others'
# comments are not, with the reason.
FACTUAL_ACCURACY_COMMENT = {
    "demo-published": (
        "Headline findings",
        "The report says the front door opened in 2016; it opened in 2015.",
    ),
}
CORRECTIONS = {"demo-published": ("which opened in 2016", "which opened in 2015")}
DEFAULT_COMMENT = (
    "Leadership",
    "The report names the partnership's board chair as interim; the appointment is permanent.",
)
DEFAULT_REJECTION = (
    "The letter does not describe the chair's appointment, so nothing in it needs to change."
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
    """The key (a letter's headline) findings and the case studies, written by the lead."""
    from .services import key_findings_section, report_section_save, report_sections_ensure

    with clock.travel_to(at):
        findings = key_findings_section(inspection)
        if findings.version == 0:
            text = KEY_FINDINGS.get(inspection.reference) or PAST_KEY_FINDINGS.format(
                area=inspection.authority.name
            )
            report_section_save(section=findings, user=lead, version=0, text=text, ready=True)
        studies = next(
            (
                s
                for s in report_sections_ensure(inspection=inspection)
                if s.key == "case-studies" and s.version == 0
            ),
            None,
        )
        if studies is not None and inspection.reference in CASE_STUDIES:
            report_section_save(
                section=studies,
                user=lead,
                version=0,
                text=CASE_STUDIES[inspection.reference],
                ready=True,
            )


def _agree_sections(inspection, leads, at) -> None:
    """Each participating inspectorate's lead agrees the sections that concern it."""
    from .services import report_section_agree, report_sections_ensure
    from .services.sections import concerned_inspectorates

    with clock.travel_to(at):
        for section in report_sections_ensure(inspection=inspection):
            agreed = {
                a.inspectorate_id
                for a in section.agreements.all()
                if a.section_version == section.version
            }
            for concerned in concerned_inspectorates(section):
                if concerned.pk not in agreed and concerned.pk in leads:
                    section = report_section_agree(
                        section=section, user=leads[concerned.pk], version=section.version
                    )


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


def _sign_off_remaining(inspection, leads, at) -> None:
    """Each inspectorate's lead signs off its judgements not yet signed off, on the day `at`."""
    from inspections.moderation.services import judgements_sign_off

    with clock.travel_to(at):
        for inspectorate_id, user in leads.items():
            if (
                Judgement.objects.filter(inspection=inspection, inspectorate_id=inspectorate_id)
                .exclude(status=JudgementStatus.SIGNED_OFF)
                .exists()
            ):
                judgements_sign_off(inspection=inspection, user=user)


def _send_for_factual_accuracy(inspection, lead, when, stdout):
    """Render the factual-accuracy version and send it to the area's first four contacts, at
    the story's dates."""
    from .models import VersionKind
    from .services import factual_accuracy_send
    from .services.factual_accuracy import recipients_from_contacts

    fa = _render(
        inspection, lead, VersionKind.FACTUAL_ACCURACY, when["factual_accuracy_version"], stdout
    )
    contacts = recipients_from_contacts(inspection.authority.contacts.order_by("pk")[:4])
    with clock.travel_to(when["factual_accuracy"]):
        factual_accuracy_send(version=fa, user=lead, recipients=contacts)
    inspection.refresh_from_db()


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
    from .models import FactualAccuracyComment, VersionKind
    from .services import (
        factual_accuracy_comment_record,
        factual_accuracy_comment_respond,
        key_findings_section,
    )

    lead, leads = _leads(inspection)
    if lead is None:
        return
    when = milestones(inspection)
    if inspection.status == Status.MODERATION:
        _sign_off_remaining(inspection, leads, when["sign_off"])
        _findings(inspection, lead, when["sign_off"])
        if inspection.reference in KEY_FINDINGS:
            _render(inspection, lead, VersionKind.DRAFT, when["draft_report"], stdout)
        _agree_sections(inspection, leads, when["draft_report"])
        _send_for_factual_accuracy(inspection, lead, when, stdout)

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
                if inspection.reference in CORRECTIONS:
                    wrong, right = CORRECTIONS[inspection.reference]
                    findings = key_findings_section(inspection)
                    factual_accuracy_comment_respond(
                        comment=comment,
                        user=lead,
                        response=FactualAccuracyComment.Response.ACCEPTED,
                        note="Corrected in the final version.",
                        section=findings,
                        version=findings.version,
                        text=findings.text.replace(wrong, right),
                    )
                else:
                    factual_accuracy_comment_respond(
                        comment=comment,
                        user=lead,
                        response=FactualAccuracyComment.Response.REJECTED,
                        note=DEFAULT_REJECTION,
                    )
        _render(inspection, lead, VersionKind.FINAL, when["final_report"], stdout)
        advance(inspection, "publish", by=lead, at=when["publish"], reason="Published.")
        publication = inspection.publication
        stdout.write(f"reports: {inspection.reference}: published at /reports/{publication.slug}/")

    if inspection.status == Status.PUBLISHED and (
        inspection.framework_version.action_plan_working_days
    ):
        advance(inspection, "await_action_plan", by=lead, at=when["await_action_plan"])

    if inspection.reference == PUBLISHED_REFERENCE:
        _statement_received(stdout, inspection, lead)


def _statement_received(stdout, inspection, lead) -> None:
    """Haringey's statement of action reached Ofsted by its due day (the lead records it as
    received by email). The file is a placeholder that says so: the demo does not reproduce the
    partnership's real document. The inspectorates' evaluations are left to be done."""
    from django.core.files.base import ContentFile

    from .models import ActionPlanStatus
    from .rendering import html_to_pdf
    from .services.action_plans import action_plan_submit

    plan = getattr(inspection.publication, "action_plan", None)
    if plan is None or plan.status != ActionPlanStatus.AWAITED:
        return
    pdf = html_to_pdf(
        "<html lang='en-GB'><head><title>Written statement of action</title></head><body>"
        f"<h1>{inspection.authority.name}: written statement of action</h1>"
        "<p>Demonstration placeholder. The partnership's real statement of action is not "
        "reproduced in this demonstration.</p></body></html>"
    )
    due = plan.due_date
    with clock.travel_to(due):
        action_plan_submit(
            action_plan=plan,
            user=lead,
            document=ContentFile(pdf.data, name="statement-of-action.pdf"),
            submitted_on=due,
        )
    stdout.write(f"reports: {inspection.reference}: statement of action received {due}")


def _seed_hypothetical(stdout, inspection):
    from .demo_hypothetical import seed_hypothetical_report

    seed_hypothetical_report(
        stdout,
        inspection,
        leads_of=_leads,
        agree=_agree_sections,
        render=_render,
        send_for_factual_accuracy=_send_for_factual_accuracy,
        sign_off=_sign_off_remaining,
    )


def seed(stdout) -> None:
    for reference, seeder in (
        ("demo-moderation", _seed_moderation),
        *((reference, _seed_published) for reference in TO_PUBLICATION),
        (HYPOTHETICAL_REPORT_REFERENCE, _seed_hypothetical),
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
