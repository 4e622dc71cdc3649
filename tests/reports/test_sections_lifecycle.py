"""Sections come with moderation; after factual accuracy the lead applies an accepted
correction from the section's page; the old key-findings box moves into its section."""

import pytest
from django.urls import reverse

from inspections.models import Status
from inspections.services.transitions import inspection_transition
from reports.factories import agree_report_sections, build_inspection
from reports.models import FactualAccuracyComment, ReportSection, VersionKind
from reports.services import (
    factual_accuracy_comment_record,
    factual_accuracy_send,
    report_render_now,
)

pytestmark = pytest.mark.django_db


def test_starting_moderation_creates_the_sections():
    inspection = build_inspection(status=Status.EVIDENCE_CLOSED, cases=1)
    assert not ReportSection.objects.filter(inspection=inspection).exists()
    inspection_transition(
        inspection=inspection, verb="start_moderation", by=inspection.leads["ofsted"]
    )
    assert ReportSection.objects.filter(inspection=inspection, key="key-findings").exists()


def test_lead_applies_an_accepted_correction_from_the_section_page(client):
    inspection = build_inspection(cases=1)
    lead = inspection.leads["ofsted"]
    agree_report_sections(inspection)
    fa = report_render_now(inspection=inspection, user=lead, kind=VersionKind.FACTUAL_ACCURACY)
    request = factual_accuracy_send(
        version=fa, user=lead, recipients=[{"name": "Dana", "role": "DCS", "email": "d@x.test"}]
    )
    comment = factual_accuracy_comment_record(
        request=request, user=lead, from_name="Dana", section="", comment="Add the hub."
    )
    section = ReportSection.objects.get(inspection=inspection, key="partnership-improvements")
    client.force_login(lead)
    url = reverse("reports:section", args=[inspection.pk, section.key])
    page = client.get(url).content.decode()
    assert "answers a factual-accuracy comment" in page and "Add the hub." in page
    text = "The hub must log decisions."
    response = client.post(url, {"version": section.version, "text": text, "comment": comment.pk})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.response == FactualAccuracyComment.Response.ACCEPTED
    assert comment.revisions.get().text == "The hub must log decisions."
    # Inspectors and other leads still cannot change it.
    client.force_login(inspection.leads["cqc"])
    assert client.post(url, {"version": 99, "text": "x"}).status_code == 403


def test_key_findings_box_moves_into_its_section():
    """The data migration: a draft's key findings become the key-findings section (a letter's
    headline findings), and back again if the migration is reversed."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    inspection = build_inspection(framework="jtai", cases=1)
    lead = inspection.leads["ofsted"]
    before, after = (
        [("reports", "0005_factual_accuracy_emails_outbox")],
        [("reports", "0006_report_sections")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("reports", "ReportDraft").objects.create(
        inspection_id=inspection.pk, key_findings="Children are safer.", updated_by_id=lead.pk
    )
    with connection.cursor() as cursor:  # as if committed before the migration ran
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    section = new.get_model("reports", "ReportSection").objects.get(
        inspection_id=inspection.pk, key="headline-findings"
    )
    assert section.text == "Children are safer." and section.version == 1
    revision = new.get_model("reports", "ReportSectionRevision").objects.get(section=section)
    assert revision.by_id == lead.pk


def test_the_lifecycle_verb_also_needs_every_section_agreed():
    from jtai.exceptions import ApplicationError

    inspection = build_inspection(cases=1)
    lead = inspection.leads["ofsted"]
    report_render_now(inspection=inspection, user=lead, kind=VersionKind.FACTUAL_ACCURACY)
    with pytest.raises(ApplicationError, match="Not yet agreed"):
        inspection_transition(inspection=inspection, verb="send_for_factual_accuracy", by=lead)
    agree_report_sections(inspection)
    inspection.refresh_from_db()
    # Agreed: what the verb asks next is the request to the area (no shortcut past the emails).
    with pytest.raises(ApplicationError, match="area's contacts"):
        inspection_transition(inspection=inspection, verb="send_for_factual_accuracy", by=lead)
    inspection.refresh_from_db()
    assert inspection.status == Status.MODERATION


def test_comments_are_answered_through_the_api():
    from rest_framework.test import APIClient

    inspection = build_inspection(cases=1)
    lead = inspection.leads["ofsted"]
    agree_report_sections(inspection)
    fa = report_render_now(inspection=inspection, user=lead, kind=VersionKind.FACTUAL_ACCURACY)
    request = factual_accuracy_send(
        version=fa, user=lead, recipients=[{"name": "Dana", "role": "DCS", "email": "d@x.test"}]
    )
    accepted, rejected = (
        factual_accuracy_comment_record(
            request=request, user=lead, from_name="Dana", section="", comment=text
        )
        for text in ("Add the hub.", "Say it is outstanding.")
    )
    section = ReportSection.objects.get(inspection=inspection, key="key-findings")
    api = APIClient()
    api.force_authenticate(inspection.leads["cqc"])
    url = reverse("api-factual-accuracy-comment-respond", args=[accepted.pk])
    assert api.post(url, {"response": "accepted"}, format="json").status_code == 403
    api.force_authenticate(lead)
    body = {"response": "accepted", "section": "key-findings", "text": "The hub works."}
    stale = api.post(url, {**body, "version": section.version + 1}, format="json")
    assert stale.status_code == 409
    ok = api.post(url, {**body, "version": section.version}, format="json")
    assert ok.status_code == 200 and ok.json()["response"] == "accepted"
    assert accepted.revisions.get().text == "The hub works."
    url = reverse("api-factual-accuracy-comment-respond", args=[rejected.pk])
    refused = api.post(url, {"response": "rejected"}, format="json")
    # The error names the field the client sends (and reads back): response_note.
    assert refused.status_code == 400 and "response_note" in refused.json()["errors"]
    ok = api.post(url, {"response": "rejected", "response_note": "The evidence says otherwise."})
    assert ok.status_code == 200 and not rejected.revisions.exists()
