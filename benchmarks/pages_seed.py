"""The national data set `bench_pages` measures: `size` inspections over ten years, the last few
planned, notified, in fieldwork and in moderation, all the older ones published.

What goes through the product's own services, and what is written in bulk (and why):

- The judgement rows of every inspection come from `judgements_ensure` (the service that
  decides which agency is judged on which area by which inspectorate).
- Every publication is made by `publication_create`, on a final version whose snapshot is the
  product's own `assemble_report` of that inspection. A handful of publications have their
  final version and their published edition rendered to PDF by the product's renderer (as the
  worker does); the others share one stored PDF (the published-edition task is not queued for
  them), since this measures pages, not renders.
- Written in bulk, as the rows those services would leave, because tens of thousands of
  one-by-one service calls would take far longer than the few minutes the benchmark has: the
  inspections (with their status: a benchmark, not the demo, so no transition history), the
  partner agencies of each area, team members (with the booking window the team service
  copies), the content of judgements (grades, text, sign-off), evidence records, and the
  report jobs behind the versions.
"""

from __future__ import annotations

import datetime
import itertools
import time
from dataclasses import dataclass, field
from unittest import mock

TEN_YEARS = 3650
FRAMEWORKS = ["jtai", "integrated-2015"]
INSPECTORS_PER_INSPECTORATE = 40
EVIDENCE_PER_AGENCY = 4
RENDERED = 2  # publications whose PDFs are really rendered


@dataclass
class Seeded:
    size: int
    admin: str
    inspector: str  # on the team of `fieldwork` with judgements of their own
    lead: str  # overall lead of `moderation`
    fieldwork: int
    judgement: int
    moderation: int
    detail: int  # an inspection for the inspection page (published, with a full team)
    slug: str  # a published report
    calendar_from: str  # "YYYY-MM": twelve months in the middle of the ten years
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)  # seconds per step of the seeding


def _password_hash(password: str) -> str:
    """A PBKDF2 hash the production settings verify (the test settings hash with MD5)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt(), iterations=1000)


def _people():
    from agencies.factories import PASSWORD
    from agencies.models import Inspectorate, User

    hashed = _password_hash(PASSWORD)
    admin = User.objects.create(username="bench_admin", role="admin", password=hashed)
    pools = {}
    for insp in Inspectorate.objects.all():
        users = User.objects.bulk_create(
            User(
                username=f"bench_{insp.code}_{n}",
                first_name=f"{insp.short_name or insp.code} inspector",
                last_name=str(n),
                role="lead" if n % 4 == 0 else "inspector",
                inspectorate=insp,
                password=hashed,
            )
            for n in range(INSPECTORS_PER_INSPECTORATE)
        )
        pools[insp.code] = users
    return admin, pools


def _agencies(authorities, versions):
    """One partner agency per agency type judged, per area (reused by its inspections)."""
    from agencies.models import PartnerAgency

    types = {}
    for version in versions:
        for rule in version.agency_type_rules.select_related("agency_type"):
            if not rule.agency_type.is_partnership:
                types[rule.agency_type_id] = rule.agency_type
    made = PartnerAgency.objects.bulk_create(
        PartnerAgency(name=f"{la.name} {t.name}", agency_type=t)
        for la in authorities
        for t in types.values()
    )
    through = PartnerAgency.authorities.through
    by_authority = {}
    rows = []
    for i, la in enumerate(authorities):
        own = made[i * len(types) : (i + 1) * len(types)]
        by_authority[la.pk] = own
        rows += [through(partneragency_id=a.pk, localauthority_id=la.pk) for a in own]
    through.objects.bulk_create(rows)
    return by_authority


def _status(window_start, window_end, today):
    from inspections.models import Status

    if window_end < today - datetime.timedelta(days=60):
        return Status.PUBLISHED
    if window_end < today:
        return Status.MODERATION
    if window_start <= today:
        return Status.FIELDWORK
    if window_start <= today + datetime.timedelta(days=30):
        return Status.NOTIFIED
    return Status.PLANNED


def _one_in_fieldwork_and_moderation(inspections, today) -> None:
    """A small data set (a quick run, the smoke test) may have no window open today: the
    last two inspections are then moved to this week (fieldwork) and three weeks ago
    (moderation), so that every page has an inspection to show."""
    from inspections.models import Status

    monday = today - datetime.timedelta(days=today.weekday())
    wanted = [(Status.FIELDWORK, monday), (Status.MODERATION, monday - datetime.timedelta(weeks=3))]
    for (status, start), inspection in zip(wanted, reversed(inspections), strict=False):
        if any(i.status == status for i in inspections):
            continue
        length = inspection.window_end - inspection.window_start
        inspection.window_start, inspection.window_end = start, start + length
        inspection.notification_date = start - datetime.timedelta(days=14)
        inspection.status = status


def seed(size: int) -> Seeded:
    from django.db import transaction
    from django.utils import timezone

    from agencies.models import LocalAuthority
    from inspections.models import (
        EvidenceRecord,
        EvidenceSource,
        FrameworkVersion,
        Inspection,
        Judgement,
        JudgementStatus,
        SharedJudgement,
        Status,
        TeamMember,
        TeamRole,
    )
    from inspections.recording.services import judgements_ensure
    from jtai import clock

    began = time.monotonic()
    today = clock.today()
    now = timezone.now()
    versions = [
        FrameworkVersion.objects.filter(framework__code=code).order_by("version").first()
        for code in FRAMEWORKS
    ]
    themes = {v.pk: v.framework.themes.order_by("start_date").first() for v in versions}
    authorities = list(LocalAuthority.objects.current().with_childrens_services().order_by("pk"))
    admin, pools = _people()
    agencies = _agencies(authorities, versions)
    rules = {
        v.pk: [r for r in v.inspectorate_rules.select_related("inspectorate")] for v in versions
    }

    # Windows from (ten years ago) to a few months ahead, evenly spread, each from a Monday.
    first_day = today - datetime.timedelta(days=TEN_YEARS - 120)
    inspections = []
    for i in range(size):
        version = versions[i % len(versions)]
        start = first_day + datetime.timedelta(days=i * TEN_YEARS // size)
        start -= datetime.timedelta(days=start.weekday())
        end = start + datetime.timedelta(days=version.window_days - 1)
        la = authorities[i % len(authorities)]
        inspections.append(
            Inspection(
                authority=la,
                framework_version=version,
                theme=themes[version.pk] if version.framework.code == "jtai" else None,
                reference=f"bench-{la.slug}-{start:%Y-%m-%d}-{i}",
                window_start=start,
                window_end=end,
                notification_date=start - datetime.timedelta(days=14),
                status=_status(start, end, today),
                created_by=admin,
            )
        )
    _one_in_fieldwork_and_moderation(inspections, today)
    with transaction.atomic():
        Inspection.objects.bulk_create(inspections, batch_size=500)
        through = Inspection.inspectorates.through
        links, agency_links, members = [], [], []
        rotation = {code: itertools.cycle(users) for code, users in pools.items()}
        for inspection in inspections:
            taking_part = [
                r.inspectorate
                for r in rules[inspection.framework_version_id]
                if r.participation != "conditional"
            ]
            links += [
                through(inspection_id=inspection.pk, inspectorate_id=t.pk) for t in taking_part
            ]
            agency_links += [
                Inspection.agencies.through(inspection_id=inspection.pk, partneragency_id=a.pk)
                for a in agencies[inspection.authority_id]
            ]
            # Ofsted brings the overall lead and an inspector; the others an inspector each.
            roles = [
                (insp, role)
                for insp in taking_part
                for role in (
                    [TeamRole.OVERALL_LEAD, TeamRole.INSPECTOR]
                    if insp.code == "ofsted"
                    else [TeamRole.INSPECTOR]
                )
            ]
            for insp, role in roles:
                members.append(
                    TeamMember(
                        inspection=inspection,
                        user=next(rotation[insp.code]),
                        inspectorate=insp,
                        role=role,
                        window_start=inspection.window_start,
                        window_end=inspection.window_end,
                    )
                )
        through.objects.bulk_create(links, batch_size=2000)
        Inspection.agencies.through.objects.bulk_create(agency_links, batch_size=2000)
        TeamMember.objects.bulk_create(members, batch_size=2000)
    phases = {"inspections, teams, agencies (bulk)": time.monotonic() - began}
    mark = time.monotonic()
    for inspection in inspections:
        judgements_ensure(inspection=inspection)
    phases["judgements (judgements_ensure)"] = time.monotonic() - mark
    mark = time.monotonic()
    lead_of = {m.inspection_id: m.user for m in members if m.role == TeamRole.OVERALL_LEAD}

    # What inspectors wrote: every judgement of inspections past fieldwork signed off.
    done = [i.pk for i in inspections if i.status in (Status.MODERATION, Status.PUBLISHED)]
    text = (
        "Inspectors found that practitioners know the children they work with well and share "
        "information with partners promptly, although assessments are not yet consistent. "
    ) * 3
    Judgement.objects.filter(inspection_id__in=done).update(
        grade="requires_improvement",
        strengths=["Children are seen promptly."],
        improvements=["Supervision is irregular."],
        evidence_summary=text,
        status=JudgementStatus.SIGNED_OFF,
        version=1,
        updated_at=now,
        signed_off_at=now,
    )
    SharedJudgement.objects.filter(inspection_id__in=done).update(
        grade="requires_improvement", text=text, version=1, updated_at=now
    )
    sources = list(EvidenceSource)
    EvidenceRecord.objects.bulk_create(
        (
            EvidenceRecord(
                inspection=inspection,
                agency=agency,
                source=sources[e % len(sources)],
                date=inspection.window_start,
                note=f"Observed practice at {agency.name}, record {e + 1}. " * 4,
                recorded_by=lead_of[inspection.pk],
            )
            for inspection in inspections
            if inspection.status != Status.PLANNED
            for agency in agencies[inspection.authority_id]
            for e in range(EVIDENCE_PER_AGENCY)
        ),
        batch_size=2000,
    )
    phases["judgement text, evidence (bulk)"] = time.monotonic() - mark
    published = [i for i in inspections if i.status == Status.PUBLISHED]
    slug = _publish(published, lead_of, phases)

    def of_status(status):
        return next(i for i in reversed(inspections) if i.status == status)

    fieldwork = of_status(Status.FIELDWORK)
    member = next(
        m for m in members if m.inspection_id == fieldwork.pk and m.role == TeamRole.INSPECTOR
    )
    judgement = Judgement.objects.filter(inspection=fieldwork, inspectorate=member.inspectorate)
    moderation = of_status(Status.MODERATION)
    middle = today - datetime.timedelta(days=TEN_YEARS // 2)
    mark = time.monotonic()
    _analyse()
    phases["statistics (ANALYZE)"] = time.monotonic() - mark
    return Seeded(
        size=size,
        admin=admin.username,
        inspector=member.user.username,
        lead=lead_of[moderation.pk].username,
        fieldwork=fieldwork.pk,
        judgement=judgement.order_by("pk").values_list("pk", flat=True)[0],
        moderation=moderation.pk,
        detail=published[-1].pk,
        slug=slug,
        calendar_from=f"{middle:%Y}-01",
        counts=_counts(),
        seconds=time.monotonic() - began,
        phases=phases,
    )


def _publish(published, lead_of, phases) -> str:
    """Final versions with the assembled snapshot, published through `publication_create`;
    the first RENDERED really rendered (final version and published edition), the rest
    sharing one stored PDF. Returns the slug of a rendered one."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from reports.assembly import assemble_report
    from reports.models import ReportJob, ReportVersion, VersionKind
    from reports.rendering import html_to_pdf, render_print_html

    jobs = ReportJob.objects.bulk_create(
        ReportJob(inspection=i, kind=VersionKind.FINAL, status="done", requested_by=lead_of[i.pk])
        for i in published
    )
    shared_pdf = None
    slug = ""
    for key in ("snapshots (assemble_report)", "PDFs rendered", "publication_create"):
        phases[key] = 0.0
    for n, (inspection, job) in enumerate(zip(reversed(published), reversed(jobs), strict=True)):
        mark = time.monotonic()
        snapshot = assemble_report(inspection.pk)
        phases["snapshots (assemble_report)"] += time.monotonic() - mark
        mark = time.monotonic()
        version = ReportVersion(
            inspection=inspection,
            job=job,
            number=1,
            kind=VersionKind.FINAL,
            snapshot=snapshot,
            created_by=lead_of[inspection.pk],
        )
        if n < RENDERED or shared_pdf is None:
            pdf = html_to_pdf(render_print_html(snapshot)).data
            version.pdf.save(f"{inspection.reference}.pdf", ContentFile(pdf), save=False)
            version.pdf_size = len(pdf)
            shared_pdf = shared_pdf or version.pdf.name
        else:
            version.pdf.name = shared_pdf
            version.pdf_size = default_storage.size(shared_pdf)
        version.pdf_sha256 = f"{inspection.pk:064d}"
        version.save()
        phases["PDFs rendered"] += time.monotonic() - mark
        mark = time.monotonic()
        if n < RENDERED:
            publication = _publication(inspection, version)
            slug = slug or publication.slug
        else:
            with mock.patch("reports.services.publication.send_now"):
                _publication(inspection, version)
        phases["publication_create"] += time.monotonic() - mark
    return slug


def _publication(inspection, version):
    """Published eight weeks after the window, as the register would have it."""
    from django.utils import timezone

    from reports.services import publication_create

    day = inspection.window_end + datetime.timedelta(weeks=8)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    return publication_create(
        inspection=inspection, version=version, by=version.created_by, embargo_until=at
    )


def _analyse() -> None:
    """The planner's statistics for what was just loaded, as PostgreSQL's autovacuum gathers
    them in production after a bulk load (a server with autovacuum off would otherwise plan
    every query of 2,000 inspections as if the tables were empty)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _counts() -> dict:
    from inspections.models import EvidenceRecord, Inspection, Judgement, TeamMember
    from reports.models import Publication

    return {
        "inspections": Inspection.objects.count(),
        "team members": TeamMember.objects.count(),
        "judgements": Judgement.objects.count(),
        "evidence records": EvidenceRecord.objects.count(),
        "publications": Publication.objects.count(),
    }
