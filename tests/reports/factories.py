"""Build whole inspections for report tests directly with the ORM.

`build_inspection()` makes an inspection of a real authority under a real framework (loaded by
the migrations): a team with an overall lead and a lead per inspectorate, one agency per
agency type the framework judges, every judgement written and (by default) signed off, the
shared judgement agreed by all, case samples with assessments and evidence records.
"""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import AgencyType, AreaContact, ContactRole, Inspectorate, LocalAuthority
from agencies.models import PartnerAgency as Agency
from inspections.models import (
    AssessmentOutcome,
    CaseAssessment,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    EvidenceSource,
    Framework,
    Inspection,
    Judgement,
    JudgementStatus,
    SharedJudgement,
    SharedJudgementAgreement,
    Status,
    TeamMember,
    TeamRole,
)

_counter = itertools.count(1)
GRADES = ["good", "requires_improvement", "outstanding", "inadequate"]

AGENCY_NAMES = {
    "childrens_social_care": "{la} Children's Services",
    "education": "{la} Education Services",
    "health": "{la} Clinical Commissioning Group",
    "police": "Metropolitan Police Service",
    "probation": "National Probation Service London",
    "youth_offending": "{la} Youth Offending Service",
    "custodial": "HMP Example",
}

SENTENCE = (
    "Inspectors found that practitioners in {agency} know the children they work with well, "
    "record their work carefully and share information with partners promptly, although "
    "the quality of assessment is not yet consistent across every team. "
)


def person(username, role="inspector", inspectorate_code="ofsted", **extra):
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "inspectorate": (
                Inspectorate.objects.get(code=inspectorate_code) if inspectorate_code else None
            ),
            "first_name": extra.get("first_name", username.split("_")[0].title()),
            "last_name": extra.get("last_name", "Tester"),
            "email": f"{username}@example.test",
        },
    )
    if not user.has_usable_password():
        user.set_password("correct horse battery staple")
        user.save()
    return user


def build_inspection(
    *,
    framework: str = "integrated-2015",
    authority: str | None = None,
    lead=None,
    status: str = Status.MODERATION,
    judgement_status: str = JudgementStatus.SIGNED_OFF,
    agreed: bool = True,
    cases: int = 6,
    evidence_per_agency: int = 2,
    paragraphs: int = 1,
    window_start: datetime.date | None = None,
    contacts: bool = True,
) -> Inspection:
    n = next(_counter)
    fw = Framework.objects.get(code=framework)
    version = fw.versions.order_by("version").first()
    la = (
        LocalAuthority.objects.get(slug=authority)
        if authority
        else LocalAuthority.objects.filter(la_code__isnull=False).order_by("name")[n % 100]
    )
    start = window_start or max(version.active_from, datetime.date(2016, 1, 4))
    while start.weekday() != 0:
        start += datetime.timedelta(days=1)
    inspection = Inspection.objects.create(
        authority=la,
        framework_version=version,
        theme=fw.themes.order_by("start_date").first() if framework == "jtai" else None,
        reference=f"test-{framework}-{la.slug}-{n}",
        window_start=start,
        window_end=start + datetime.timedelta(days=version.window_days - 1),
        notification_date=start - datetime.timedelta(days=14),
        status=status,
    )
    rules = list(version.inspectorate_rules.select_related("inspectorate"))
    inspectorates = [r.inspectorate for r in rules if r.participation != "conditional"]
    inspection.inspectorates.set(inspectorates)

    lead = lead or person(f"lead_{n}", "lead", "ofsted")
    TeamMember.objects.create(
        inspection=inspection,
        user=lead,
        inspectorate=Inspectorate.objects.get(code="ofsted"),
        role=TeamRole.OVERALL_LEAD,
        window_start=inspection.window_start,
        window_end=inspection.window_end,
    )
    leads = {"ofsted": lead}
    for insp in inspectorates:
        if insp.code == "ofsted":
            continue
        user = person(f"{insp.code}_lead_{n}", "lead", insp.code)
        leads[insp.code] = user
        TeamMember.objects.create(
            inspection=inspection,
            user=user,
            inspectorate=insp,
            role=TeamRole.INSPECTORATE_LEAD,
            window_start=inspection.window_start,
            window_end=inspection.window_end,
        )

    participating = {i.pk for i in inspectorates}
    type_rules = [
        r
        for r in version.agency_type_rules.select_related("agency_type", "judged_by")
        if r.judged_by_id in participating and not r.agency_type.is_partnership
    ]
    areas = list(version.judgement_areas.prefetch_related("excluded_agency_types"))
    agencies = []
    now = timezone.now()
    for rule in type_rules:
        agency, _ = Agency.objects.get_or_create(
            name=AGENCY_NAMES.get(rule.agency_type.code, "{la} " + rule.agency_type.name).format(
                la=la.name
            ),
            agency_type=rule.agency_type,
        )
        agency.authorities.add(la)
        agencies.append(agency)
        inspection.agencies.add(agency)
        for i, area in enumerate(a for a in areas if not a.is_shared):
            if rule.agency_type in area.excluded_agency_types.all():
                continue
            graded = version.graded
            Judgement.objects.create(
                inspection=inspection,
                agency=agency,
                area=area,
                inspectorate=rule.judged_by,
                grade=GRADES[(i + len(agencies)) % len(GRADES)] if graded else "",
                strengths=[f"{agency.name} strength in {area.code}: children are seen promptly."],
                improvements=[f"{agency.name} must improve {area.code}: supervision is irregular."],
                evidence_summary="\n\n".join(
                    SENTENCE.format(agency=agency.name) * 3 for _ in range(paragraphs)
                ),
                status=judgement_status,
                version=1,
                updated_by=leads.get(rule.judged_by.code, lead),
                updated_at=now,
                signed_off_by=(
                    leads.get(rule.judged_by.code, lead)
                    if judgement_status == JudgementStatus.SIGNED_OFF
                    else None
                ),
                signed_off_at=now if judgement_status == JudgementStatus.SIGNED_OFF else None,
            )
        for e in range(evidence_per_agency):
            EvidenceRecord.objects.create(
                inspection=inspection,
                agency=agency,
                source=list(EvidenceSource)[e % len(EvidenceSource)],
                date=inspection.window_start,
                note="Evidence note.",
                recorded_by=lead,
            )

    for area in (a for a in areas if a.is_shared):
        shared = SharedJudgement.objects.create(
            inspection=inspection,
            area=area,
            grade="requires_improvement" if version.graded else "",
            text="The LSCB knows the area's strengths and weaknesses but does not yet check "
            "the impact of multi-agency training.\n\nIts annual report is clear.",
            strengths=["Clear annual report"],
            improvements=["Check the impact of training"],
            version=1,
            drafted_by=lead,
            updated_at=now,
        )
        if agreed:
            for insp in inspectorates:
                SharedJudgementAgreement.objects.create(
                    shared_judgement=shared,
                    inspectorate=insp,
                    by=leads.get(insp.code, lead),
                    agrees=True,
                    judgement_version=1,
                    at=now,
                )

    criteria = list(version.case_criteria.all())
    outcomes = [o.value for o in AssessmentOutcome]
    for c in range(cases):
        case = CaseSample.objects.create(
            inspection=inspection,
            reference=f"C{n:03d}-{c + 1:03d}",
            kind=CaseKind.TRACKED if c % 3 == 0 else CaseKind.SAMPLED,
            recorded_by=lead,
        )
        case.agencies.set(agencies[c % len(agencies) : c % len(agencies) + 2] or agencies[:1])
        for k, criterion in enumerate(criteria):
            CaseAssessment.objects.create(
                case=case,
                criterion=criterion,
                outcome=outcomes[(c + k) % len(outcomes)],
                assessed_by=lead,
            )
    if contacts:
        for role, name in [
            (ContactRole.DCS, "Dana Director"),
            (ContactRole.CHIEF_EXECUTIVE, "Chris Chief"),
            (ContactRole.CHIEF_CONSTABLE, "Casey Constable"),
            (ContactRole.HEALTH, "Harper Health"),
        ]:
            AreaContact.objects.get_or_create(
                authority=la, role=role, defaults={"name": name, "email": f"{role}@example.test"}
            )
    inspection.leads = leads
    return inspection


def agency_type(code):
    return AgencyType.objects.get(code=code)


def publish_directly(inspection, *, publish_at=None):
    """A published report without rendering a PDF (for register tests): a final version with
    the assembled snapshot and a placeholder file."""
    from django.core.files.base import ContentFile

    from reports.assembly import assemble_report
    from reports.models import ReportJob, ReportVersion
    from reports.services import publication_create

    lead = inspection.leads["ofsted"]
    job = ReportJob.objects.create(inspection=inspection, kind="final", requested_by=lead)
    version = ReportVersion(
        inspection=inspection,
        job=job,
        number=1,
        kind="final",
        pdf_sha256="0" * 64,
        snapshot=assemble_report(inspection.pk),
        created_by=lead,
    )
    version.pdf.save(f"{inspection.reference}.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    Inspection.objects.filter(pk=inspection.pk).update(status=Status.PUBLISHED)
    return publication_create(
        inspection=inspection,
        version=version,
        by=lead,
        embargo_until=publish_at or timezone.now() - datetime.timedelta(hours=1),
    )
