"""The lead's report page shows what each accepted comment changed; the compare page shows
the sections' word diffs; the pre-publication copy goes to the director with an absolute link."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from jtai import clock
from reports.factories import agree_report_sections, build_inspection
from reports.models import FactualAccuracyComment, PrePublicationCopy, VersionKind
from reports.services import (
    factual_accuracy_comment_record,
    factual_accuracy_comment_respond,
    factual_accuracy_send,
    key_findings_section,
    pre_publication_copy_due,
    pre_publication_copy_send,
    report_publish,
    report_render_now,
    report_section_save,
)

pytestmark = pytest.mark.django_db


def corrected(inspection):
    """Through factual accuracy with one comment accepted by editing the key findings."""
    lead = inspection.leads["ofsted"]
    findings = key_findings_section(inspection)
    report_section_save(
        section=findings, user=lead, version=findings.version, text="It opened in Ashdownmarch."
    )
    agree_report_sections(inspection)
    fa = report_render_now(inspection=inspection, user=lead, kind=VersionKind.FACTUAL_ACCURACY)
    request = factual_accuracy_send(
        version=fa, user=lead, recipients=[{"name": "Dana", "role": "DCS", "email": "d@x.test"}]
    )
    comment = factual_accuracy_comment_record(
        request=request, user=lead, from_name="Dana", section="", comment="Wrong month."
    )
    findings.refresh_from_db()
    factual_accuracy_comment_respond(
        comment=comment,
        user=lead,
        response=FactualAccuracyComment.Response.ACCEPTED,
        note="Corrected.",
        section=findings,
        version=findings.version,
        text="It opened in Ravenscroftmay.",
    )
    final = report_render_now(inspection=inspection, user=lead, kind=VersionKind.FINAL)
    return fa, final


def test_lead_page_shows_what_each_comment_changed(client):
    inspection = build_inspection(cases=1)
    fa, final = corrected(inspection)
    client.force_login(inspection.leads["ofsted"])
    page = client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    assert "What changed in “Key findings”" in page
    assert "Ravenscroftmay." in page and "Ashdownmarch." in page

    compare = client.get(
        reverse("reports:compare", args=[inspection.pk]), {"a": fa.pk, "b": final.pk}
    ).content.decode()
    assert "Sections that changed" in compare
    assert "<ins" in compare and "Ravenscroftmay." in compare


def test_pre_publication_copy_goes_to_the_director(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://jtai.example.gov.uk"
    inspection = build_inspection(framework="jtai", cases=1)
    assert inspection.framework_version.pre_publication_copy_working_days == 2
    lead = inspection.leads["ofsted"]
    corrected(inspection)
    inspection.refresh_from_db()
    publish_at = clock.now() + datetime.timedelta(days=10)
    publication = report_publish(inspection=inspection, user=lead, publish_at=publish_at)
    due = pre_publication_copy_due(publication)
    assert due < publish_at.date()
    with django_capture_on_commit_callbacks(execute=True):
        copy = pre_publication_copy_send(publication=publication, user=lead)
    assert PrePublicationCopy.objects.get() == copy and copy.due_on == due
    message = mail.outbox[-1]
    assert message.to == [copy.email]
    assert f"https://jtai.example.gov.uk/reports/{publication.slug}/" in message.body
    assert message.attachments[0][2] == "application/pdf"


def test_lead_page_says_which_sections_wait_for_agreement(client):
    inspection = build_inspection(cases=1)
    lead = inspection.leads["ofsted"]
    report_render_now(inspection=inspection, user=lead, kind=VersionKind.FACTUAL_ACCURACY)
    client.force_login(lead)
    url = reverse("reports:inspection", args=[inspection.pk])
    page = client.get(url).content.decode()
    assert "can be sent once every section is agreed" in page and "Key findings</a>" in page
    agree_report_sections(inspection)
    page = client.get(url).content.decode()
    assert "can be sent once every section is agreed" not in page
    assert "every one agreed" in page
