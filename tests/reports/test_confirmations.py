# ruff: noqa: F811 (fixtures imported from the inspections tests)
"""What cannot be undone is checked first: notifying, signing off, sending for factual
accuracy and publishing each show a page that says exactly what will happen and to whom,
with a "Confirm and ..." button that posts to the action; nothing happens before it."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agencies.models import AreaContact
from inspections import hooks, lifecycle
from inspections.models import Judgement, JudgementStatus, Status
from reports.factories import agree_report_sections, build_inspection
from reports.models import FactualAccuracyRequest, Publication
from tests.inspections.conftest import (  # noqa: F401 (fixtures)
    full_team,
    haringey,
    haringey_jtai,
    jtai,
    neglect,
)

pytestmark = pytest.mark.django_db


def _form_posting_to(html: str, url: str) -> str:
    match = re.search(rf'<form method="post" action="{re.escape(url)}".*?</form>', html, re.S)
    assert match, f"no form posts to {url}"
    return match.group(0)


# Notify -----------------------------------------------------------------------------------------


def test_notify_is_checked_first_and_lists_every_email(
    client,
    full_team,
    admin,
    django_capture_on_commit_callbacks,
):
    lifecycle.after("notify")(hooks.queue_notification_emails)
    AreaContact.objects.create(
        authority=full_team.authority, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    client.force_login(admin)
    detail = client.get(reverse("inspections:detail", args=[full_team.pk])).content.decode()
    check_url = reverse("inspections:notify-confirm", args=[full_team.pk])
    act_url = reverse("inspections:transition", args=[full_team.pk, "notify"])
    assert f'href="{check_url}"' in detail
    assert f'action="{act_url}"' not in detail  # no one-click notify on the inspection page

    page = client.get(check_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check before you notify the area" in html
    assert "Dana Director" in html and "dcs@example.org" in html
    for member in full_team.team.filter(is_active=True).select_related("user"):
        assert member.user.email in html
    assert 'class="govuk-back-link"' in html
    form = _form_posting_to(html, act_url)
    assert "Confirm and notify" in form and 'name="notify-lock_version"' in form
    full_team.refresh_from_db()
    assert full_team.status == Status.PLANNED and mail.outbox == []  # looking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(act_url, {"notify-lock_version": full_team.lock_version})
    assert response.status_code == 302
    full_team.refresh_from_db()
    assert full_team.status == Status.NOTIFIED
    assert {a for m in mail.outbox for a in m.to} >= {"dcs@example.org"}


def test_only_those_who_may_notify_see_its_check_page(client, full_team, lead_inspector):
    client.force_login(lead_inspector)
    response = client.get(reverse("inspections:notify-confirm", args=[full_team.pk]))
    assert response.status_code == 403


# Sign off ---------------------------------------------------------------------------------------


@pytest.fixture
def completed():
    return build_inspection(cases=0, evidence_per_agency=0, judgement_status="completed")


def test_sign_off_is_checked_first_and_lists_the_judgements(client, completed):
    lead = completed.leads["cqc"]
    client.force_login(lead)
    grid = client.get(reverse("inspections:moderation:grid", args=[completed.pk])).content.decode()
    check_url = reverse("inspections:moderation:sign-off-confirm", args=[completed.pk])
    act_url = reverse("inspections:moderation:sign-off", args=[completed.pk])
    assert f'href="{check_url}"' in grid and f'action="{act_url}"' not in grid

    html = client.get(check_url).content.decode()
    cqc = Judgement.objects.filter(inspection=completed, inspectorate__code="cqc")
    assert cqc.exists()
    for judgement in cqc.select_related("agency", "area"):
        assert judgement.area.title in html
    other = Judgement.objects.filter(inspection=completed).exclude(inspectorate__code="cqc")
    assert not any(
        f'<h2 class="govuk-heading-m">{j.agency.name}</h2>' in html
        for j in other.select_related("agency")
    )
    for judgement in cqc.select_related("agency"):
        assert f'<h2 class="govuk-heading-m">{judgement.agency.name}</h2>' in html
    assert "Confirm and sign off" in _form_posting_to(html, act_url)
    assert not cqc.filter(status=JudgementStatus.SIGNED_OFF).exists()

    assert client.post(act_url).status_code == 302
    assert cqc.filter(status=JudgementStatus.SIGNED_OFF).count() == cqc.count()


def test_an_inspector_has_no_sign_off_check_page(client, completed):
    from agencies.factories import person

    inspector = person("inspector", inspectorate_code="cqc")
    client.force_login(inspector)
    response = client.get(reverse("inspections:moderation:sign-off-confirm", args=[completed.pk]))
    assert response.status_code in (403, 404)


# Factual accuracy -------------------------------------------------------------------------------


def test_nobody_is_chosen_to_receive_the_factual_accuracy_version_until_the_lead_ticks_them(
    lead_client, inspection, generate_version
):
    generate_version(lead_client, inspection, "factual_accuracy")
    agree_report_sections(inspection)
    html = lead_client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    form = _form_posting_to(html, reverse("reports:fa-send-confirm", args=[inspection.pk]))
    assert 'type="checkbox"' in form and "checked" not in form
    response = lead_client.post(reverse("reports:fa-send-confirm", args=[inspection.pk]), {})
    assert response.status_code == 400
    assert "Select at least one contact" in response.content.decode()


def test_sending_for_factual_accuracy_is_checked_first(
    lead_client, inspection, generate_version, django_capture_on_commit_callbacks
):
    generate_version(lead_client, inspection, "factual_accuracy")
    agree_report_sections(inspection)
    contacts = list(inspection.authority.contacts.all())
    assert len(contacts) > 1
    chosen, left_out = contacts[0], contacts[1]
    page = lead_client.post(
        reverse("reports:fa-send-confirm", args=[inspection.pk]), {"contacts": [chosen.pk]}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check before you send the factual accuracy version" in html
    assert chosen.email in html and left_out.email not in html
    assert "Comments due" in html and "Links work until" in html
    form = _form_posting_to(html, reverse("reports:fa-send", args=[inspection.pk]))
    assert "Confirm and send to 1 person" in form
    assert f'name="contacts" value="{chosen.pk}"' in form
    assert not FactualAccuracyRequest.objects.exists() and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("reports:fa-send", args=[inspection.pk]), {"contacts": [chosen.pk]}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[chosen.email]]


def test_another_team_member_cannot_open_the_check_pages(client, inspection):
    client.force_login(inspection.leads["cqc"])
    for name in ("reports:fa-send-confirm", "reports:publish-confirm"):
        assert client.post(reverse(name, args=[inspection.pk]), {}).status_code == 403


# Publish ----------------------------------------------------------------------------------------


@pytest.fixture
def ready_to_publish(lead_client, inspection, generate_version, django_capture_on_commit_callbacks):
    generate_version(lead_client, inspection, "factual_accuracy")
    agree_report_sections(inspection)
    contacts = [c.pk for c in inspection.authority.contacts.all()]
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(reverse("reports:fa-send", args=[inspection.pk]), {"contacts": contacts})
    generate_version(lead_client, inspection, "final")
    return inspection


def test_publishing_under_embargo_is_checked_first(lead_client, ready_to_publish):
    inspection = ready_to_publish
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    answers = {
        "when": "later",
        "date_day": tomorrow.day,
        "date_month": tomorrow.month,
        "date_year": tomorrow.year,
        "time": "09:30",
    }
    html = lead_client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    _form_posting_to(html, reverse("reports:publish-confirm", args=[inspection.pk]))
    assert f'action="{reverse("reports:publish", args=[inspection.pk])}"' not in html

    page = lead_client.post(reverse("reports:publish-confirm", args=[inspection.pk]), answers)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check before you publish the report" in html
    assert f"09:30 on {tomorrow.day} {tomorrow:%B %Y}" in html and "embargoed" in html
    assert "Final version" in html
    assert "Written statement of action" in html  # the integrated framework asks for one
    form = _form_posting_to(html, reverse("reports:publish", args=[inspection.pk]))
    assert "Confirm and publish" in form and 'name="time" value="09:30"' in form
    assert not Publication.objects.exists()

    response = lead_client.post(reverse("reports:publish", args=[inspection.pk]), answers)
    assert response.status_code == 302
    publication = Publication.objects.get(inspection=inspection)
    assert timezone.localtime(publication.publish_at).date() == tomorrow


def test_a_wrong_answer_stays_on_the_report_page(lead_client, ready_to_publish):
    response = lead_client.post(
        reverse("reports:publish-confirm", args=[ready_to_publish.pk]), {"when": "later"}
    )
    assert response.status_code == 400
    assert "Enter the publication date" in response.content.decode()
    assert not Publication.objects.exists()


# The API does the same work as the pages, with no shortcut ---------------------------------------


@pytest.fixture
def lead_api(inspection):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(inspection.leads["ofsted"])
    return api


def test_the_api_sends_for_factual_accuracy_to_the_contacts_chosen(
    lead_api, lead_client, inspection, generate_version, django_capture_on_commit_callbacks
):
    generate_version(lead_client, inspection, "factual_accuracy")
    agree_report_sections(inspection)
    url = f"/api/inspections/{inspection.pk}/reports/factual-accuracy/"
    assert lead_api.post(url, {"contacts": []}, format="json").status_code == 400
    # The bare lifecycle verb is no way round the emails.
    bare = lead_api.post(f"/api/inspections/{inspection.pk}/send-for-factual-accuracy/", {})
    assert bare.status_code == 400
    assert "Send the factual accuracy version to the area's contacts" in bare.json()["detail"]
    inspection.refresh_from_db()
    assert inspection.status == Status.MODERATION

    chosen = inspection.authority.contacts.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_api.post(url, {"contacts": [chosen.pk]}, format="json")
    assert response.status_code == 201, response.content
    assert [r["email"] for r in response.json()["recipients"]] == [chosen.email]
    assert [m.to for m in mail.outbox] == [[chosen.email]]
    inspection.refresh_from_db()
    assert inspection.status == Status.FACTUAL_ACCURACY


def test_the_api_publishes_under_embargo_as_the_page_does(lead_api, ready_to_publish):
    inspection = ready_to_publish
    moment = timezone.now() + datetime.timedelta(days=2)
    response = lead_api.post(
        f"/api/inspections/{inspection.pk}/reports/publish/",
        {"publish_at": moment.isoformat()},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["is_public"] is False
    publication = Publication.objects.get(inspection=inspection)
    assert abs(publication.publish_at - moment) < datetime.timedelta(seconds=1)
    inspection.refresh_from_db()
    # Under embargo the report is published but not public: no statement of action is due yet.
    assert inspection.status == Status.PUBLISHED
    again = lead_api.post(f"/api/inspections/{inspection.pk}/reports/publish/", {}, format="json")
    assert again.status_code == 409


def test_the_api_notify_emails_the_area_and_the_team_as_the_page_does(
    full_team, admin, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    lifecycle.after("notify")(hooks.queue_notification_emails)
    AreaContact.objects.create(
        authority=full_team.authority, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    api = APIClient()
    api.force_authenticate(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/api/inspections/{full_team.pk}/notify/",
            {"version": full_team.lock_version},
            format="json",
        )
    assert response.status_code == 200, response.content
    recipients = {a for m in mail.outbox for a in m.to}
    assert "dcs@example.org" in recipients
    assert full_team.team.filter(is_active=True).first().user.email in recipients
