"""factory_boy factories for inspections, their teams and what inspectors record.

factory_boy is a test extra: product code never imports this module (the architecture test
holds that). Frameworks, their judgement areas and criteria are data the migrations load;
the factories pick them by code. Builders that must go through a service (the judgement
rows an inspection needs, a programme) are functions here that call it.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from agencies.factories import PartnerAgencyFactory, UserFactory
from agencies.models import Inspectorate, LocalAuthority
from inspections.models import (
    AssessmentOutcome,
    CaseAssessment,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    EvidenceSource,
    FrameworkVersion,
    Inspection,
    Judgement,
    JudgementStatus,
    SharedJudgement,
    SharedJudgementAgreement,
    Status,
    TeamMember,
    TeamRole,
)
from inspections.planning import services as planning_services
from inspections.recording.services import judgements_ensure


def framework_version(code: str = "integrated-2015", version: int = 1) -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework__code=code, version=version)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _window_start(inspection, n: int) -> datetime.date:
    # Distinct windows (five weeks apart, from a Monday) so an inspector may join several.
    earliest = max(inspection.framework_version.active_from, datetime.date(2016, 2, 1))
    return monday_of(earliest + datetime.timedelta(weeks=5 * (n % 12)))


class InspectionFactory(DjangoModelFactory):
    """An inspection of a real authority under a framework the migrations load, in
    fieldwork, with Ofsted, CQC, HMICFRS and HM Inspectorate of Probation taking part
    (`inspectorates=[codes]` for others) and no partner agencies yet."""

    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    class Params:
        framework = "integrated-2015"

    framework_version = factory.LazyAttribute(lambda o: framework_version(o.framework))
    authority = factory.Sequence(
        lambda n: LocalAuthority.objects.with_childrens_services().order_by("pk")[n % 100]
    )
    reference = factory.LazyAttributeSequence(lambda o, n: f"test-{o.framework}-{n}")
    window_start = factory.LazyAttributeSequence(_window_start)
    window_end = factory.LazyAttribute(
        lambda o: o.window_start + datetime.timedelta(days=o.framework_version.window_days - 1)
    )
    status = Status.FIELDWORK

    @factory.post_generation
    def inspectorates(self, create, extracted, **kwargs):
        if not create:
            return
        codes = extracted if extracted is not None else ["ofsted", "cqc", "hmicfrs", "hmiprobation"]
        self.inspectorates.set(Inspectorate.objects.filter(code__in=codes))


class TeamMemberFactory(DjangoModelFactory):
    """A member of the inspection's team for its whole window, for their own inspectorate."""

    class Meta:
        model = TeamMember
        skip_postgeneration_save = True

    inspection = factory.SubFactory(InspectionFactory)
    user = factory.SubFactory(UserFactory)
    inspectorate = factory.LazyAttribute(lambda o: o.user.inspectorate)
    role = TeamRole.INSPECTOR
    window_start = factory.SelfAttribute("inspection.window_start")
    window_end = factory.SelfAttribute("inspection.window_end")
    is_active = True


def add_member(inspection, user, role=TeamRole.INSPECTOR, *, active=True) -> TeamMember:
    return TeamMemberFactory(inspection=inspection, user=user, role=role, is_active=active)


# Agency type -> a realistic name pattern ({la}: the authority's name, {n}: a unique number).
AGENCIES = [
    ("childrens_social_care", "{la} children's social care"),
    ("health", "{la} clinical commissioning group"),
    ("police", "Metropolitan Police Service {n}"),
    ("probation", "National Probation Service London {n}"),
    ("youth_offending", "{la} youth offending service"),
]


def make_inspection(
    *,
    framework="integrated-2015",
    status=Status.FIELDWORK,
    agencies=AGENCIES,
    authority=None,
    window_start=None,
    ensure=True,
) -> Inspection:
    """An inspection ready for recording: one new agency per (type, name pattern) in
    `agencies`, and (with `ensure`) the judgement rows the recording service creates."""
    overrides = {}
    if authority is not None:
        overrides["authority"] = authority
    if window_start is not None:
        overrides["window_start"] = monday_of(window_start)
    inspection = InspectionFactory(framework=framework, status=status, **overrides)
    for type_code, pattern in agencies:
        agency = PartnerAgencyFactory(
            name=pattern.format(la=inspection.authority.name, n=inspection.pk),
            type_code=type_code,
            authorities=[inspection.authority],
        )
        inspection.agencies.add(agency)
    if ensure:
        judgements_ensure(inspection=inspection)
    return inspection


class JudgementFactory(DjangoModelFactory):
    """One agency's judgement in one of the framework's (non-shared) areas, not started."""

    class Meta:
        model = Judgement

    inspection = factory.SubFactory(InspectionFactory)
    agency = factory.SubFactory(PartnerAgencyFactory)
    area = factory.LazyAttribute(
        lambda o: o.inspection.framework_version.judgement_areas.filter(is_shared=False).first()
    )
    inspectorate = factory.LazyAttribute(lambda o: o.agency.agency_type.inspectorate)
    status = JudgementStatus.NOT_STARTED


class SharedJudgementFactory(DjangoModelFactory):
    """The judgement all inspectorates make together in the framework's shared area."""

    class Meta:
        model = SharedJudgement

    inspection = factory.SubFactory(InspectionFactory)
    area = factory.LazyAttribute(
        lambda o: o.inspection.framework_version.judgement_areas.filter(is_shared=True).first()
    )


class SharedJudgementAgreementFactory(DjangoModelFactory):
    """An inspectorate's lead agreeing to the current version of a shared judgement."""

    class Meta:
        model = SharedJudgementAgreement

    shared_judgement = factory.SubFactory(SharedJudgementFactory)
    by = factory.SubFactory(UserFactory, role="lead")
    inspectorate = factory.LazyAttribute(lambda o: o.by.inspectorate)
    agrees = True
    judgement_version = factory.SelfAttribute("shared_judgement.version")
    at = factory.LazyFunction(timezone.now)


class EvidenceRecordFactory(DjangoModelFactory):
    class Meta:
        model = EvidenceRecord
        skip_postgeneration_save = True

    inspection = factory.SubFactory(InspectionFactory)
    agency = factory.SubFactory(PartnerAgencyFactory)
    source = factory.Iterator(EvidenceSource.values)
    date = factory.SelfAttribute("inspection.window_start")
    note = "Evidence note."
    recorded_by = factory.SubFactory(UserFactory)


class CaseSampleFactory(DjangoModelFactory):
    """A child's case, by reference; `agencies=[...]` names the agencies that worked on it."""

    class Meta:
        model = CaseSample
        skip_postgeneration_save = True

    inspection = factory.SubFactory(InspectionFactory)
    reference = factory.Sequence(lambda n: f"C{n:05d}")
    kind = CaseKind.SAMPLED
    recorded_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.set(extracted)


class CaseAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = CaseAssessment

    case = factory.SubFactory(CaseSampleFactory)
    criterion = factory.LazyAttribute(
        lambda o: o.case.inspection.framework_version.case_criteria.first()
    )
    outcome = AssessmentOutcome.MET
    assessed_by = factory.SelfAttribute("case.recorded_by")


# Programme planning: what each inspectorate can field, unless a test says otherwise.
COUNTS = {
    "ofsted": {"inspector_count": 12, "team_size": 3, "max_concurrent": 4},
    "cqc": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
    "hmicfrs": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
    "hmiprobation": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
}


def make_programme(admin, version, theme=None, *, target=25, capacities=None, **kwargs):
    """A programme over 19 months from April 2027, created by the planning service."""
    return planning_services.programme_create(
        name=kwargs.pop("name", "Joint targeted area inspections 2027–28"),
        framework_version=version,
        theme=theme,
        period_start=kwargs.pop("period_start", datetime.date(2027, 4, 1)),
        period_end=kwargs.pop("period_end", datetime.date(2028, 10, 31)),
        target_areas=target,
        by=admin,
        capacities=capacities if capacities is not None else COUNTS,
        **kwargs,
    )
