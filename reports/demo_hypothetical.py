"""Demo: a summary report and one report per agency, for a hypothetical run of a proposal.

The 2015 integrated inspection was proposed and piloted but never ran. `demo-hypothetical-
report` is a run of it in Cornwall planned today for a window about twenty weeks ahead: the
story's later steps keep their own future days (`inspections.demo.milestones`), so nothing of
it is shown as history. Through the services with the clock at each step's day:

- every inspectorate's lead signs off its judgements;
- the summary's key findings are written; each agency's report, pre-filled from its
  judgements' strengths and areas for improvement, is edited by its inspectorate's lead (an
  opening paragraph on what inspectors saw) and marked ready; every section is agreed by the
  leads concerned (quality assurance);
- the factual-accuracy version goes to the area; two comments come back: one accepted by
  correcting the police's report (the revision linked to the comment), one rejected with the
  reason;
- the final version is generated, and left unpublished: a run that has not happened must not
  sit in the public register, the feed or the open data beside real reports.

Idempotent: each step only from the state before it.
"""

from __future__ import annotations

from django.db import transaction

from inspections.demo import milestones
from inspections.models import Status
from jtai import clock

KEY_FINDINGS = (
    "This is a hypothetical run of a proposed inspection, shown to demonstrate a summary "
    "report; it describes no real inspection.\n\n"
    "Children in {area} who need help and protection are seen promptly, and partners share "
    "information well at the front door. Assessments are thorough, but plans do not always "
    "say what must change for the child, or by when.\n\n"
    "Leaders know their services well and the safeguarding board holds partners to account, "
    "but it does not yet check what difference its training makes to practice."
)
# Each agency's report opens with what inspectors looked at, before its pre-filled findings.
AGENCY_OPENING = (
    "Inspectors met {agency}'s leaders and practitioners and looked at {cases} of the "
    "children's cases it had worked on."
)
CASES_LOOKED_AT = {"police": 12}
DEFAULT_CASES = 10
# The accepted comment corrects the police's report; the rejected one leaves the summary.
ACCEPTED_COMMENT = "The police report says inspectors looked at 12 cases; they looked at 14."
CORRECTION = ("looked at 12 of", "looked at 14 of")
REJECTED_COMMENT = (
    "The key findings should say that the new early help offer has already reduced referrals."
)
REJECTION = (
    "Inspectors saw no evidence of that effect while on site; the report describes what they "
    "found, and the offer is too new to judge."
)


def _write(inspection, lead, leads, at) -> None:
    """Key findings by the overall lead; each agency's report edited by its writer."""
    from .models import SectionKind
    from .services import report_section_save, report_sections_ensure

    with clock.travel_to(at):
        for section in report_sections_ensure(inspection=inspection):
            if section.version > 0:  # written already
                continue
            if section.kind == SectionKind.KEY_FINDINGS:
                text = KEY_FINDINGS.format(area=inspection.authority.name)
                writer = lead
            elif section.kind == SectionKind.AGENCY:
                code = section.agency.agency_type.code if section.agency_id else ""
                opening = AGENCY_OPENING.format(
                    agency=section.title, cases=CASES_LOOKED_AT.get(code, DEFAULT_CASES)
                )
                text = f"{opening}\n\n{section.text}"
                writer = leads.get(section.inspectorate_id, lead)
            else:  # pre-filled (the partnership's improvements, the shared judgement): kept
                text, writer = section.text, lead
            report_section_save(
                section=section, user=writer, version=section.version, text=text, ready=True
            )


def _police_section(inspection):
    from .models import SectionKind

    return (
        inspection.report_sections.filter(
            kind=SectionKind.AGENCY, agency__agency_type__code="police"
        )
        .order_by("order")
        .first()
    )


def _answer_comments(inspection, lead, when) -> None:
    from .models import FactualAccuracyComment, FactualAccuracyRequest
    from .services import factual_accuracy_comment_record, factual_accuracy_comment_respond

    request = (
        FactualAccuracyRequest.objects.filter(version__inspection=inspection)
        .order_by("-sent_at")
        .first()
    )
    if request is None or request.comments.exists():
        return
    sender = request.recipients[0]["name"] if request.recipients else "The area"
    police = _police_section(inspection)
    with clock.travel_to(when["comments"]):
        accepted = factual_accuracy_comment_record(
            request=request,
            user=lead,
            from_name=sender,
            section=police.title if police else "Police",
            comment=ACCEPTED_COMMENT,
        )
        rejected = factual_accuracy_comment_record(
            request=request,
            user=lead,
            from_name=sender,
            section="Key findings",
            comment=REJECTED_COMMENT,
        )
    with clock.travel_to(when["respond"]):
        if police is not None:
            factual_accuracy_comment_respond(
                comment=accepted,
                user=lead,
                response=FactualAccuracyComment.Response.ACCEPTED,
                note="Corrected in the final version.",
                section=police,
                version=police.version,
                text=police.text.replace(*CORRECTION),
            )
        factual_accuracy_comment_respond(
            comment=rejected,
            user=lead,
            response=FactualAccuracyComment.Response.REJECTED,
            note=REJECTION,
        )


@transaction.atomic
def seed_hypothetical_report(
    stdout, inspection, *, leads_of, agree, render, send_for_factual_accuracy, sign_off
) -> None:
    """Take the hypothetical run from moderation to its final version (see the module).
    `leads_of`, `agree`, `render`, `send_for_factual_accuracy` and `sign_off` are
    `reports.demo`'s helpers."""
    from .models import VersionKind

    lead, leads = leads_of(inspection)
    if lead is None:
        return
    when = milestones(inspection)
    if inspection.status == Status.MODERATION:
        sign_off(inspection, leads, when["sign_off"])
        _write(inspection, lead, leads, when["sign_off"])
        agree(inspection, leads, when["draft_report"])
        send_for_factual_accuracy(inspection, lead, when, stdout)
    if inspection.status == Status.FACTUAL_ACCURACY:
        _answer_comments(inspection, lead, when)
        render(inspection, lead, VersionKind.FINAL, when["final_report"], stdout)
        stdout.write(
            f"reports: {inspection.reference}: final version made (hypothetical, unpublished)"
        )
