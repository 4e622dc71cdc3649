"""The factual-accuracy links: one per recipient, expiring, revocable by the lead, and a PDF
no shared cache keeps."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from agencies.factories import person
from reports.factories import agree_report_sections
from reports.models import FactualAccuracyRequest, ReportVersion

pytestmark = pytest.mark.django_db

RECIPIENTS = [
    {"name": "Dana Director", "role": "DCS", "email": "dana@example.test"},
    {"name": "Pat Police", "role": "Police", "email": "pat@example.test"},
]


@pytest.fixture
def sent(inspection, django_capture_on_commit_callbacks):
    """The factual-accuracy version sent to two people: their requests and emailed links."""
    from reports.services import factual_accuracy_send

    version = ReportVersion(
        inspection=inspection,
        number=1,
        kind="factual_accuracy",
        pdf_sha256="2" * 64,
        snapshot={},
        created_by=inspection.leads["ofsted"],
    )
    version.pdf.save("fa.pdf", ContentFile(b"%PDF-1.7\nfactual accuracy\n"), save=False)
    version.save()
    agree_report_sections(inspection)
    with django_capture_on_commit_callbacks(execute=True):
        request = factual_accuracy_send(
            version=version, user=inspection.leads["ofsted"], recipients=RECIPIENTS
        )
    links = {}
    for message in mail.outbox:
        (line,) = [line for line in message.body.splitlines() if "/factual-accuracy/" in line]
        links[message.to[0]] = line.replace(settings.SITE_URL, "")
    return request, links


def test_each_recipient_has_their_own_link(client, sent):
    request, links = sent
    assert set(links) == {"dana@example.test", "pat@example.test"}
    assert len(set(links.values())) == 2
    assert request.links.count() == 2
    for url in links.values():
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


def test_a_link_stops_working_at_its_expiry(client, sent):
    request, links = sent
    FactualAccuracyRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(links["dana@example.test"])
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_the_lead_revokes_one_link_on_the_report_page(client, sent, inspection, lead_client):
    request, links = sent
    dana = request.links.get(email="dana@example.test")
    page = lead_client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    confirm_url = reverse("reports:fa-link-revoke", args=[inspection.pk, dana.pk])
    assert confirm_url in page
    confirm = lead_client.get(confirm_url)
    assert confirm.status_code == 200
    assert "Dana Director" in confirm.content.decode()
    assert client.get(links["dana@example.test"]).status_code == 200  # asking is not revoking

    member = client.__class__()
    member.force_login(inspection.leads["cqc"])
    assert member.post(confirm_url).status_code == 403

    response = lead_client.post(confirm_url)
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.revoked_at is not None and dana.revoked_by == inspection.leads["ofsted"]
    revoked = client.get(links["dana@example.test"])
    assert revoked.status_code == 410
    assert "revoked" in revoked.content.decode()
    assert client.get(links["pat@example.test"]).status_code == 200
    page = lead_client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    assert "Revoked" in page


def test_the_api_revokes_a_link(client, sent, inspection):
    from rest_framework.test import APIClient

    request, links = sent
    pat = request.links.get(email="pat@example.test")
    url = f"/api/factual-accuracy-links/{pat.pk}/revoke/"

    outsider = APIClient()
    outsider.force_authenticate(person("fa_outsider", "lead", "cqc"))
    assert outsider.post(url).status_code == 404
    member = APIClient()
    member.force_authenticate(inspection.leads["cqc"])
    assert member.post(url).status_code == 403

    lead = APIClient()
    lead.force_authenticate(inspection.leads["ofsted"])
    response = lead.post(url)
    assert response.status_code == 200
    assert response.json()["revoked_at"]
    assert lead.post(url).status_code == 409
    assert client.get(links["pat@example.test"]).status_code == 410
    assert client.get(links["dana@example.test"]).status_code == 200


def test_a_forged_or_request_level_token_finds_nothing(client, sent):
    from django.core import signing

    request, _ = sent
    old_style = signing.TimestampSigner(salt="reports.factual-accuracy-download").sign(
        str(request.pk)
    )
    assert client.get(f"/reports/factual-accuracy/{old_style}/").status_code == 404
    assert client.get("/reports/factual-accuracy/forged:token/").status_code == 404
