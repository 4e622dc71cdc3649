"""The pre-publication copy goes by itself on its due day (the framework's working days
before publication), once, from the daily beat task; the lead's button can send it earlier."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from inspections.workdays import subtract_working_days
from jtai import clock
from reports.factories import build_inspection
from reports.models import PrePublicationCopy
from reports.services import pre_publication_copy_due, pre_publication_copy_send, report_publish
from reports.tasks import send_due_pre_publication_copies
from tests.reports.test_sections_pages import corrected

pytestmark = pytest.mark.django_db


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def embargoed():
    """A JTAI report (copy due 2 working days ahead) scheduled for publication in 10 days."""
    inspection = build_inspection(framework="jtai", cases=1)
    corrected(inspection)
    inspection.refresh_from_db()
    lead = inspection.leads["ofsted"]
    publish_at = _at(clock.today() + datetime.timedelta(days=10), 9)
    return report_publish(inspection=inspection, user=lead, publish_at=publish_at)


def test_sent_on_the_due_day_once(embargoed, django_capture_on_commit_callbacks):
    due = pre_publication_copy_due(embargoed)
    assert due == subtract_working_days(timezone.localdate(embargoed.publish_at), 2)
    before = len(mail.outbox)

    with clock.travel_to(_at(due - datetime.timedelta(days=1), 7)):
        with django_capture_on_commit_callbacks(execute=True):
            assert send_due_pre_publication_copies() == []
    assert len(mail.outbox) == before and not PrePublicationCopy.objects.exists()

    with clock.travel_to(_at(due, 7)):
        with django_capture_on_commit_callbacks(execute=True):
            sent = send_due_pre_publication_copies()
    copy = PrePublicationCopy.objects.get()
    assert sent == [copy.pk]
    assert copy.automatic and copy.due_on == due
    assert copy.sent_by == embargoed.published_by
    assert copy.pdf_sha256 == embargoed.version.pdf_sha256
    assert timezone.localdate(copy.sent_at) == due
    (message,) = mail.outbox[before:]
    assert message.to == [copy.email] and message.attachments[0][2] == "application/pdf"

    # The next morning, and again the same day: nothing more is sent.
    for when in (_at(due, 8), _at(due + datetime.timedelta(days=1), 7)):
        with clock.travel_to(when):
            with django_capture_on_commit_callbacks(execute=True):
                assert send_due_pre_publication_copies() == []
    assert len(mail.outbox) == before + 1 and PrePublicationCopy.objects.count() == 1


def test_a_missed_day_is_caught_up_but_never_after_publication(embargoed):
    due = pre_publication_copy_due(embargoed)
    with clock.travel_to(embargoed.publish_at + datetime.timedelta(hours=1)):
        assert send_due_pre_publication_copies() == []  # public already: too late to send
    with clock.travel_to(_at(due + datetime.timedelta(days=1), 7)):
        assert len(send_due_pre_publication_copies()) == 1


def test_the_lead_sent_it_early_so_the_task_sends_nothing(embargoed):
    copy = pre_publication_copy_send(publication=embargoed, user=embargoed.published_by)
    assert not copy.automatic
    with clock.travel_to(_at(pre_publication_copy_due(embargoed), 7)):
        assert send_due_pre_publication_copies() == []
    assert PrePublicationCopy.objects.count() == 1


def test_no_director_on_record_is_logged_and_retried(embargoed, caplog):
    embargoed.inspection.authority.contacts.filter(role="dcs").delete()
    with clock.travel_to(_at(pre_publication_copy_due(embargoed), 7)):
        assert send_due_pre_publication_copies() == []
    assert "no director of children's services" in caplog.text
    assert not PrePublicationCopy.objects.exists()
