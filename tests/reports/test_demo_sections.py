"""The demo's letters are written section by section and their factual-accuracy comments
answered through the services: Haringey's accepted by correcting the headline findings (in the
final version, not the factual-accuracy one), the past inspections' rejected with a reason."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from inspections.models import Inspection
from reports.models import (
    FactualAccuracyComment,
    ReportSectionRevision,
    SectionStatus,
    VersionKind,
)

pytestmark = pytest.mark.django_db


def _section_text(version, key):
    return next(s["text"] for s in version.snapshot["sections"] if s["key"] == key)


@override_settings(DEMO_MODE=True)
def test_demo_letters_have_sections_and_answered_comments():
    call_command("seed_demo", stdout=io.StringIO())
    haringey = Inspection.objects.get(reference="demo-published")
    sections = {s.key: s for s in haringey.report_sections.all()}
    assert "case-studies" in sections and "deep dive" in sections["scope"].text
    assert all(s.status == SectionStatus.AGREED for s in sections.values())
    comment = FactualAccuracyComment.objects.get(request__version__inspection=haringey)
    assert comment.response == FactualAccuracyComment.Response.ACCEPTED
    revision = ReportSectionRevision.objects.get(comment=comment)
    assert revision.section.key == "headline-findings"
    fa = haringey.report_versions.get(kind=VersionKind.FACTUAL_ACCURACY)
    final = haringey.report_versions.get(kind=VersionKind.FINAL)
    assert "opened in 2016" in _section_text(fa, "headline-findings")
    assert "opened in 2015" in _section_text(final, "headline-findings")

    past = FactualAccuracyComment.objects.filter(
        request__version__inspection__reference__startswith="demo-past-"
    )
    assert past.exists()
    assert all(
        c.response == FactualAccuracyComment.Response.REJECTED and c.response_note for c in past
    )

    # Haringey's agencies as they were in December 2017: the National Probation Service and the
    # CRC, the clinical commissioning groups; not today's names.
    names = {a["name"] for a in final.snapshot["agencies"]}
    assert any(n.endswith("clinical commissioning groups") for n in names)
    assert any(n.startswith("National Probation Service") for n in names)
    assert not {n for n in names if "Integrated Care Board" in n or "Partnership" in n}
