"""Key lines of enquiry per theme, as data; evidence linked to one; the page that traces each
finding from evidence to line of enquiry to report section."""

import datetime

import pytest
from django.urls import reverse

from inspections.models import EvidenceRecord, LineOfEnquiry, Theme
from inspections.recording import services as recording_services
from jtai.exceptions import ApplicationError

from .conftest import agency_of

pytestmark = pytest.mark.django_db


def test_every_jtai_theme_has_lines_with_a_report_section_and_source():
    for theme in Theme.objects.filter(framework__code="jtai"):
        lines = list(LineOfEnquiry.objects.filter(theme=theme))
        assert len(lines) >= 3, theme.code
        assert all(line.report_section and line.source for line in lines)
    neglect = set(
        LineOfEnquiry.objects.filter(theme__code="neglect").values_list("code", flat=True)
    )
    mental_health = set(
        LineOfEnquiry.objects.filter(theme__code="mental-health").values_list("code", flat=True)
    )
    assert "schools" in neglect and "schools" not in mental_health


def test_the_task_list_shows_the_lines(on_site, cqc_inspector, client):
    client.force_login(cqc_inspector)
    page = client.get(reverse("inspections:recording:tasks", args=[on_site.pk])).content.decode()
    assert "Key lines of enquiry" in page
    assert "older children living with neglect" in page
    assert reverse("inspections:fieldwork:lines-of-enquiry", args=[on_site.pk]) in page


def _line(code="schools"):
    return LineOfEnquiry.objects.get(theme__code="neglect", code=code)


def test_evidence_linked_from_the_form_and_traced(on_site, cqc_inspector, client):
    client.force_login(cqc_inspector)
    line = _line()
    response = client.post(
        reverse("inspections:recording:evidence-add", args=[on_site.pk]),
        {
            "agency": agency_of(on_site, "health").pk,
            "source": "interview",
            "date_day": "5",
            "date_month": "12",
            "date_year": "2017",
            "note": "School nurses refer neglect of older children late.",
            "line_of_enquiry": line.pk,
        },
    )
    assert response.status_code == 302
    assert EvidenceRecord.objects.get().line_of_enquiry == line
    page = client.get(
        reverse("inspections:fieldwork:lines-of-enquiry", args=[on_site.pk])
    ).content.decode()
    assert "School nurses refer neglect of older children late." in page
    assert line.report_section in page
    section = page.index(line.text)
    assert page.index("School nurses refer") > section


def test_evidence_api_accepts_and_returns_the_line(on_site, cqc_inspector, client):
    client.force_login(cqc_inspector)
    line = _line("recognition")
    body = {
        "agency": agency_of(on_site, "health").pk,
        "source": "document",
        "date": "2017-12-05",
        "note": "The CCG's neglect audit.",
        "line_of_enquiry": line.pk,
    }
    response = client.post(
        reverse("api-inspection-evidence", args=[on_site.pk]), body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["line_of_enquiry"] == line.pk
    other_theme = LineOfEnquiry.objects.filter(theme__code="mental-health").first()
    response = client.post(
        reverse("api-inspection-evidence", args=[on_site.pk]),
        {**body, "line_of_enquiry": other_theme.pk},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_a_line_of_another_theme_is_refused_by_the_service(on_site, cqc_inspector):
    other_theme = LineOfEnquiry.objects.filter(theme__code="mental-health").first()
    with pytest.raises(ApplicationError) as error:
        recording_services.evidence_record_create(
            inspection=on_site,
            user=cqc_inspector,
            agency=agency_of(on_site, "health"),
            source="interview",
            date=datetime.date(2017, 12, 5),
            note="x",
            line_of_enquiry=other_theme,
        )
    assert "line_of_enquiry" in error.value.fields
