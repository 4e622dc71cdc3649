"""In-app notifications: the events that email today (and a returned judgement) land in the
person's list, the header counts them, they are marked read one by one or all at once, and
email follows each person's setting: at once, a daily digest, or none."""

import pytest
from django.core import mail
from django.urls import reverse

from agencies.factories import person
from inspections.factories import add_member
from inspections.models import Judgement, TeamRole
from inspections.moderation.services import judgement_return
from jtai.models import Notification, NotificationEmail
from jtai.notifications import notification_digests_send, notifications_email_now, notify
from reports.factories import build_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(django_capture_on_commit_callbacks):
    """A CQC judgement returned by the overall lead; `returned.inspector` records it."""
    inspection = build_inspection(cases=0, evidence_per_agency=0, judgement_status="completed")
    judgement = (
        Judgement.objects.filter(inspection=inspection, inspectorate__code="cqc")
        .select_related("agency", "area", "inspection__authority")
        .first()
    )
    inspector = person("cqc_recorder", "inspector", "cqc", email="recorder@example.org")
    member = add_member(inspection, inspector, TeamRole.INSPECTOR)
    member.agencies.add(judgement.agency)
    with django_capture_on_commit_callbacks(execute=True):
        judgement_return(
            judgement=judgement, user=inspection.leads["ofsted"], comment="Which cases?"
        )
    judgement.inspector = inspector
    judgement.lead = inspection.leads["ofsted"]
    return judgement


def test_a_returned_judgement_notifies_its_inspector(returned):
    inspector = returned.inspector
    inspector.refresh_from_db()
    assert inspector.unread_notifications == 1
    (notification,) = Notification.objects.filter(user=inspector)
    assert notification.kind == "judgement-returned"
    assert returned.agency.name in notification.title
    assert "Which cases?" in notification.body
    assert notification.url == reverse(
        "inspections:recording:judgement", args=[returned.inspection_id, returned.pk]
    )
    # The lead who returned it is not told about their own act.
    assert not Notification.objects.filter(user=returned.lead).exists()


def test_the_header_counts_unread_and_the_list_shows_them(
    client, returned, django_assert_max_num_queries
):
    client.force_login(returned.inspector)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("notifications:list")).content.decode()
    assert 'data-unread="1"' in page
    assert returned.agency.name in page
    home = client.get(reverse("home")).content.decode()
    assert 'data-unread="1"' in home


def test_marking_one_read_then_opening_it(client, returned):
    inspector = returned.inspector
    notification = Notification.objects.get(user=inspector)
    client.force_login(inspector)
    url = reverse("notifications:read", args=[notification.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == notification.url
    inspector.refresh_from_db()
    assert inspector.unread_notifications == 0
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_marks_another_persons_notification(client, returned):
    notification = Notification.objects.get(user=returned.inspector)
    client.force_login(person("someone_else", "inspector", "cqc"))
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_all_read(client, returned):
    inspector = returned.inspector
    notify(users=[inspector], kind="test", title="Another")
    client.force_login(inspector)
    inspector.refresh_from_db()
    assert inspector.unread_notifications == 2
    assert client.post(reverse("notifications:read-all")).status_code == 302
    inspector.refresh_from_db()
    assert inspector.unread_notifications == 0
    assert not Notification.objects.filter(user=inspector, read_at__isnull=True).exists()


def test_the_email_setting_is_validated_and_saved(client):
    user = person("picky", "inspector", "ofsted")
    client.force_login(user)
    url = reverse("notifications:settings")
    bad = client.post(url, {"notification_email": "hourly"})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    assert client.post(url, {"notification_email": "daily"}).status_code == 302
    user.refresh_from_db()
    assert user.notification_email == NotificationEmail.DAILY


def test_immediate_email_once_and_a_daily_digest_once(returned):
    inspector = returned.inspector
    # The returned judgement's email goes at once (the default), once.
    # (to the inspector assigned the agency, and to whoever last changed the judgement)
    assert ["recorder@example.org"] in [m.to for m in mail.outbox]
    every = list(Notification.objects.values_list("pk", flat=True))
    assert notifications_email_now(ids=every) == 0  # a redelivered task sends nothing again
    mail.outbox.clear()

    inspector.notification_email = NotificationEmail.DAILY
    inspector.save()
    quiet = person("quiet_one", "inspector", "cqc", email="quiet@example.org")
    quiet.notification_email = NotificationEmail.NONE
    quiet.save()
    notify(users=[inspector, quiet], kind="test", title="First thing")
    notify(users=[inspector, quiet], kind="test", title="Second thing")
    assert mail.outbox == []  # neither wants emails at once
    assert notification_digests_send() == 1
    (digest,) = mail.outbox
    assert digest.to == ["recorder@example.org"]
    assert "2 notifications" in digest.subject
    assert "First thing" in digest.body and "Second thing" in digest.body
    assert notification_digests_send() == 0  # each notification goes in one digest only


def test_notifying_the_team_lands_in_each_members_list(admin, django_capture_on_commit_callbacks):
    from inspections.hooks import queue_notification_emails

    inspection = build_inspection(status="notified", cases=0, evidence_per_agency=0)
    queue_notification_emails(inspection)
    leads = set(inspection.leads.values())
    told = {n.user for n in Notification.objects.filter(kind="team-notified")}
    assert told == leads
    # The notification email itself is the event's own: nobody is emailed twice.
    assert all(n.emailed_at for n in Notification.objects.filter(kind="team-notified"))
