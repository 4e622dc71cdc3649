"""Whole inspections ready for a report, and published reports, for the tests and the
benchmarks.

factory_boy is a test extra: product code never imports this module (the architecture test
holds that). `build_inspection()` makes an inspection of a real authority under a real
framework (loaded by the migrations): a team with an overall lead and a lead per
inspectorate, one agency per agency type the framework judges, every judgement written and
(by default) signed off, the shared judgement agreed by all, case samples with assessments
and evidence records.
"""

from __future__ import annotations

import datetime
import itertools

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from agencies.factories import (
    AreaContactFactory,
    SharedPartnerAgencyFactory,
    UserFactory,
    inspectorate,
    person,
)
from agencies.models import ContactRole, LocalAuthority
from inspections.factories import (
    CaseAssessmentFactory,
    CaseSampleFactory,
    EvidenceRecordFactory,
    InspectionFactory,
    JudgementFactory,
    SharedJudgementAgreementFactory,
    SharedJudgementFactory,
    TeamMemberFactory,
)
from inspections.models import (
    AssessmentOutcome,
    CaseKind,
    EvidenceSource,
    Framework,
    Inspection,
    JudgementStatus,
    Status,
    TeamRole,
)
from reports.assembly import assemble_report, report_title
from reports.models import Publication, ReportJob, ReportVersion, VersionKind
from reports.services import publication_create

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
    """An inspection with everything a report reads, written straight to the database.

    `inspection.leads` maps each inspectorate's code to its lead on the team."""
    n = next(_counter)
    fw = Framework.objects.get(code=framework)
    version = fw.versions.order_by("version").first()
    la = (
        LocalAuthority.objects.get(slug=authority)
        if authority
        else LocalAuthority.objects.with_childrens_services().order_by("name")[n % 100]
    )
    start = window_start or max(version.active_from, datetime.date(2016, 1, 4))
    while start.weekday() != 0:
        start += datetime.timedelta(days=1)
    rules = list(version.inspectorate_rules.select_related("inspectorate"))
    inspectorates = [r.inspectorate for r in rules if r.participation != "conditional"]
    inspection = InspectionFactory(
        authority=la,
        framework_version=version,
        theme=fw.themes.order_by("start_date").first() if framework == "jtai" else None,
        reference=f"test-{framework}-{la.slug}-{n}",
        window_start=start,
        notification_date=start - datetime.timedelta(days=14),
        status=status,
        inspectorates=[i.code for i in inspectorates],
    )

    lead = lead or person(f"lead_{n}", "lead", "ofsted")
    TeamMemberFactory(
        inspection=inspection,
        user=lead,
        inspectorate=inspectorate("ofsted"),
        role=TeamRole.OVERALL_LEAD,
    )
    leads = {"ofsted": lead}
    for insp in inspectorates:
        if insp.code == "ofsted":
            continue
        leads[insp.code] = person(f"{insp.code}_lead_{n}", "lead", insp.code)
        TeamMemberFactory(
            inspection=inspection,
            user=leads[insp.code],
            inspectorate=insp,
            role=TeamRole.INSPECTORATE_LEAD,
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
    signed_off = judgement_status == JudgementStatus.SIGNED_OFF
    for rule in type_rules:
        pattern = AGENCY_NAMES.get(rule.agency_type.code, "{la} " + rule.agency_type.name)
        agency = SharedPartnerAgencyFactory(
            name=pattern.format(la=la.name), agency_type=rule.agency_type, authorities=[la]
        )
        agencies.append(agency)
        inspection.agencies.add(agency)
        judge = leads.get(rule.judged_by.code, lead)
        for i, area in enumerate(a for a in areas if not a.is_shared):
            if rule.agency_type in area.excluded_agency_types.all():
                continue
            JudgementFactory(
                inspection=inspection,
                agency=agency,
                area=area,
                inspectorate=rule.judged_by,
                grade=GRADES[(i + len(agencies)) % len(GRADES)] if version.graded else "",
                strengths=[f"{agency.name} strength in {area.code}: children are seen promptly."],
                improvements=[f"{agency.name} must improve {area.code}: supervision is irregular."],
                evidence_summary="\n\n".join(
                    SENTENCE.format(agency=agency.name) * 3 for _ in range(paragraphs)
                ),
                status=judgement_status,
                version=1,
                updated_by=judge,
                updated_at=now,
                signed_off_by=judge if signed_off else None,
                signed_off_at=now if signed_off else None,
            )
        for e in range(evidence_per_agency):
            EvidenceRecordFactory(
                inspection=inspection,
                agency=agency,
                source=list(EvidenceSource)[e % len(EvidenceSource)],
                recorded_by=lead,
            )

    for area in (a for a in areas if a.is_shared):
        shared = SharedJudgementFactory(
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
                SharedJudgementAgreementFactory(
                    shared_judgement=shared,
                    inspectorate=insp,
                    by=leads.get(insp.code, lead),
                    at=now,
                )

    criteria = list(version.case_criteria.all())
    outcomes = [o.value for o in AssessmentOutcome]
    for c in range(cases):
        case = CaseSampleFactory(
            inspection=inspection,
            reference=f"C{n:03d}-{c + 1:03d}",
            kind=CaseKind.TRACKED if c % 3 == 0 else CaseKind.SAMPLED,
            recorded_by=lead,
            agencies=agencies[c % len(agencies) : c % len(agencies) + 2] or agencies[:1],
        )
        for k, criterion in enumerate(criteria):
            CaseAssessmentFactory(
                case=case, criterion=criterion, outcome=outcomes[(c + k) % len(outcomes)]
            )
    if contacts:
        for role, name in [
            (ContactRole.DCS, "Dana Director"),
            (ContactRole.CHIEF_EXECUTIVE, "Chris Chief"),
            (ContactRole.CHIEF_CONSTABLE, "Casey Constable"),
            (ContactRole.HEALTH, "Harper Health"),
        ]:
            AreaContactFactory(authority=la, role=role, name=name)
    inspection.leads = leads
    return inspection


class ReportJobFactory(DjangoModelFactory):
    """A final-report job that has not run."""

    class Meta:
        model = ReportJob

    inspection = factory.SubFactory(InspectionFactory)
    kind = VersionKind.FINAL
    requested_by = factory.SubFactory(UserFactory, role="lead")


class ReportVersionFactory(DjangoModelFactory):
    """A report version with the snapshot assembled from the inspection as it stands and a
    placeholder PDF (nothing is rendered)."""

    class Meta:
        model = ReportVersion

    job = factory.SubFactory(ReportJobFactory)
    inspection = factory.SelfAttribute("job.inspection")
    number = 1
    kind = factory.SelfAttribute("job.kind")
    pdf_sha256 = "0" * 64
    snapshot = factory.LazyAttribute(lambda o: assemble_report(o.inspection.pk))
    created_by = factory.SelfAttribute("job.requested_by")
    pdf = factory.LazyAttribute(
        lambda o: ContentFile(b"%PDF-1.7\n", name=f"{o.inspection.reference}.pdf")
    )


class PublicationFactory(DjangoModelFactory):
    """A report on the public register since an hour ago."""

    class Meta:
        model = Publication

    version = factory.SubFactory(ReportVersionFactory)
    inspection = factory.SelfAttribute("version.inspection")
    slug = factory.SelfAttribute("inspection.reference")
    title = factory.LazyAttribute(lambda o: report_title(o.inspection))
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    published_by = factory.SelfAttribute("version.created_by")


def publish_directly(inspection, *, publish_at=None) -> Publication:
    """A published report without rendering a PDF (for register tests): a final version with
    the assembled snapshot and a placeholder file, the inspection marked published; the
    publication itself goes through the service."""
    lead = inspection.leads["ofsted"]
    version = ReportVersionFactory(job__inspection=inspection, job__requested_by=lead)
    Inspection.objects.filter(pk=inspection.pk).update(status=Status.PUBLISHED)
    return publication_create(
        inspection=inspection,
        version=version,
        by=lead,
        embargo_until=publish_at or timezone.now() - datetime.timedelta(hours=1),
    )


def agree_report_sections(inspection: Inspection) -> None:
    """Every section of the report agreed by the lead of each inspectorate it concerns,
    through the services (the quality assurance before factual accuracy)."""
    from inspections.models import TeamMember, TeamRole
    from reports.services import report_section_agree, report_sections_ensure
    from reports.services.sections import concerned_inspectorates

    leads = {
        m.inspectorate_id: m.user
        for m in TeamMember.objects.filter(
            inspection=inspection,
            is_active=True,
            role__in=[TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD],
        ).select_related("user")
    }
    for section in report_sections_ensure(inspection=inspection):
        for concerned in concerned_inspectorates(section):
            section = report_section_agree(
                section=section, user=leads[concerned.pk], version=section.version
            )
