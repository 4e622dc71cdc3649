"""Who is told, and when: an announced inspection tells the team and the area on the
notification day; an unannounced one tells the team alone in advance, and the area's contacts
on the morning inspectors arrive (when fieldwork starts), once."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from agencies.models import AreaContact
from inspections import hooks, lifecycle, tasks
from inspections.models import Framework, Status
from inspections.services import notifications, scheduling, transitions

D = datetime.date
pytestmark = pytest.mark.django_db

TEAM = {
    "lead_inspector@example.test",
    "ofsted_inspector@example.test",
    "cqc_inspector@example.test",
    "hmicfrs_inspector@example.test",
}
AREA = {"dcs@example.org", "chief-executive@example.org"}


@pytest.fixture(autouse=True)
def email_hooks():
    # The lifecycle tests' autouse fixture may have cleared the registered hooks: these tests
    # are about the ones that email.
    lifecycle.after("notify")(hooks.queue_notification_emails)
    lifecycle.after("start_fieldwork")(hooks.queue_arrival_emails)


def _contacts(authority):
    AreaContact.objects.create(
        authority=authority, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    AreaContact.objects.create(
        authority=authority,
        role="chief_executive",
        name="Chris Chief",
        email="chief-executive@example.org",
    )


def _recipients():
    return [set(message.to) for message in mail.outbox]


@pytest.fixture
def front_door(haringey, admin, lead_inspector, ofsted_inspector, cqc_inspector, hmicfrs_inspector):
    """The ADCS front-door inspection (unannounced), staffed, on site from Monday 4 March 2024."""
    from tests.inspections.test_participation import _staff

    version = Framework.objects.get(code="front-door").versions.get(version=1)
    inspection = scheduling.inspection_schedule(
        authority=haringey, framework_version=version, window_start=D(2024, 3, 4), by=admin
    ).inspection
    _staff(inspection, lead_inspector, ofsted_inspector, cqc_inspector, hmicfrs_inspector)
    _contacts(haringey)
    return inspection


def test_announced_notify_tells_the_team_and_the_area_and_arrival_tells_no_one(
    full_team, admin, django_capture_on_commit_callbacks
):
    _contacts(full_team.authority)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    assert _recipients()[0] == TEAM
    assert sorted(map(sorted, _recipients()[1:])) == [[a] for a in sorted(AREA)]
    full_team.refresh_from_db()
    assert full_team.area_notified_at == full_team.notification_sent_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        assert transitions.inspections_start_due_fieldwork(today=D(2017, 12, 4)) == [full_team.pk]
    assert len(mail.outbox) == 3  # the area was told with the notification
    assert tasks.send_arrival_emails(full_team.pk) == 0


def test_unannounced_notify_tells_the_team_only(
    front_door, admin, django_capture_on_commit_callbacks
):
    assert front_door.notification_date is None
    with django_capture_on_commit_callbacks(execute=True):
        transitions.inspection_transition(inspection=front_door, verb="notify", by=admin)
    assert _recipients() == [TEAM]
    body = mail.outbox[0].body
    assert "unannounced: do not tell the area" in body and "4 March 2024" in body
    front_door.refresh_from_db()
    assert front_door.notification_sent_at is not None
    assert front_door.area_notified_at is None
    # Redelivered, or asked for the arrival before inspectors arrive: nothing more.
    assert tasks.send_notification_emails(front_door.pk) == 0
    assert tasks.send_arrival_emails(front_door.pk) == 0
    assert len(mail.outbox) == 1


def test_unannounced_area_is_told_on_the_morning_of_arrival_once(
    front_door, admin, django_capture_on_commit_callbacks
):
    transitions.inspection_transition(inspection=front_door, verb="notify", by=admin)
    mail.outbox.clear()
    # The daily task on the day before the window: nothing; on its first day: fieldwork starts
    # and the area's contacts are emailed.
    with django_capture_on_commit_callbacks(execute=True):
        assert transitions.inspections_start_due_fieldwork(today=D(2024, 3, 1)) == []
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert transitions.inspections_start_due_fieldwork(today=D(2024, 3, 4)) == [front_door.pk]
    assert sorted(map(sorted, _recipients())) == [[a] for a in sorted(AREA)]
    message = mail.outbox[0]
    assert "unannounced inspection" in message.body
    assert "until 8 March 2024" in message.body
    assert "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services" in message.body
    front_door.refresh_from_db()
    assert front_door.status == Status.FIELDWORK and front_door.area_notified_at is not None
    # Idempotent: a redelivered task, or the service called again, sends nothing.
    assert tasks.send_arrival_emails(front_door.pk) == 0
    assert notifications.inspection_send_arrival_emails(inspection_id=front_door.pk) == 0
    assert len(mail.outbox) == 2


def test_the_page_says_who_is_told(front_door, full_team, admin, client):
    client.force_login(admin)
    front_door.refresh_from_db()
    page = client.get(reverse("inspections:detail", args=[front_door.pk])).content.decode()
    # The button leads to a check page that says exactly who is told.
    assert "Notify the team</a>" in page and "Notify the area</a>" not in page
    assert "only the team is told now" in page
    assert "the area's contacts on the morning inspectors arrive" in page
    response = client.post(
        reverse("inspections:transition", args=[front_door.pk, "notify"]),
        {"notify-lock_version": front_door.lock_version},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200, page[page.find("govuk-error-summary") :][:1500]
    assert "The team has been notified" in page
    assert "the area is told on the morning inspectors arrive" in page

    announced = client.get(reverse("inspections:detail", args=[full_team.pk])).content.decode()
    assert "Notify the area</a>" in announced and "Notify the team" not in announced
