"""On notification the area is asked for the framework's items, due in working days from day
1, and its nominated contact is emailed a link to the request; late items are flagged."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from inspections.information import data, selectors, services
from inspections.information.models import RequestItem, RequestUpload
from inspections.services import transitions
from jtai import clock

D = datetime.date
pytestmark = pytest.mark.django_db


def test_notifying_asks_for_the_frameworks_items_due_in_working_days(notified):
    items = {item.code: item for item in notified.request_items.all()}
    assert set(items) == {spec.code for spec in data.items_for("jtai")}
    # Day 1 is Tuesday 21 November 2017, the day of notification.
    assert items["child-level-lists"].due_date == D(2017, 11, 22)  # day 2
    assert items["self-evaluation"].due_date == D(2017, 11, 23)  # day 3
    assert items["case-documents"].due_date == D(2017, 11, 27)  # day 5, after a weekend
    assert items["partnership-audits"].due_date == D(2017, 11, 29)  # day 7
    assert items["consent-to-meet-families"].due_working_day == 7
    # Each item carries the title of the public document its day comes from.
    assert items["child-level-lists"].source == data.CYP_NOW_2016
    assert items["partnership-audits"].source == data.SHEFFIELD_GUIDANCE
    assert items["case-documents"].source == data.JTAI_GUIDANCE
    # Everything is due before the week on site (Monday 4 December).
    assert max(item.due_date for item in items.values()) < notified.window_start


def test_items_are_asked_for_once(notified):
    before = notified.request_items.count()
    assert services.request_items_create(inspection=notified, day_one=D(2017, 11, 21)) == []
    assert notified.request_items.count() == before


def test_the_contact_is_emailed_an_absolute_link_once(
    full_team, admin, area_contact, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://jtai.example.gov.uk"
    services.inspection_contact_nominate(
        inspection=full_team, by=admin, email=area_contact.email, first_name="P", last_name="C"
    )
    with django_capture_on_commit_callbacks(execute=True), clock.travel_to(D(2017, 11, 21)):
        transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    to_contact = [m for m in mail.outbox if area_contact.email in m.to]
    assert len(to_contact) == 1
    link = "https://jtai.example.gov.uk" + reverse(
        "inspections:information:request", args=[full_team.pk]
    )
    assert link in to_contact[0].body
    assert "22 November 2017" in to_contact[0].body  # the first item's due date
    # A second run of the task sends nothing more.
    assert services.request_send_emails(inspection_id=full_team.pk) == 0


def test_a_contact_nominated_after_notification_is_emailed(
    notified, admin, django_capture_on_commit_callbacks
):
    services.request_send_emails(inspection_id=notified.pk)  # the first contact has theirs
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.inspection_contact_nominate(
            inspection=notified,
            by=admin,
            email="sam.second@haringey.example",
            first_name="Sam",
            last_name="Second",
        )
    assert [m.to for m in mail.outbox] == [["sam.second@haringey.example"]]
    assert "/information/" in mail.outbox[0].body


def test_an_overdue_item_without_an_upload_is_late(notified, area_contact):
    items = {item.code: item for item in notified.request_items.all()}
    # On its due date an item is not yet late; the day after, it is.
    assert items["child-level-lists"] not in selectors.late_items(notified, today=D(2017, 11, 22))
    late = selectors.late_items(notified, today=D(2017, 11, 23))
    assert [item.code for item in late] == ["child-level-lists"]
    # An item with a file is not late, whenever it came.
    RequestUpload.objects.create(
        item=items["child-level-lists"],
        file="information/x.csv",
        original_name="x.csv",
        kind="csv",
        size=3,
        sha256="0" * 64,
        uploaded_at=clock.now(),
    )
    assert selectors.late_items(notified, today=D(2017, 11, 23)) == []
    summary = selectors.request_summary(notified, today=D(2017, 12, 1))
    assert summary.items == RequestItem.objects.filter(inspection=notified).count()
    assert summary.received == 1
    assert {item.code for item in summary.late} == {
        spec.code for spec in data.items_for("jtai")
    } - {"child-level-lists"}


def test_a_staff_email_cannot_be_nominated(full_team, admin, ofsted_inspector):
    from jtai.exceptions import ApplicationError

    ofsted_inspector.email = "ofsted@example.gov.uk"
    ofsted_inspector.save()
    with pytest.raises(ApplicationError, match="member of staff"):
        services.inspection_contact_nominate(
            inspection=full_team,
            by=admin,
            email="ofsted@example.gov.uk",
            first_name="O",
            last_name="I",
        )


def test_only_admins_nominate(full_team, lead_inspector):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.inspection_contact_nominate(
            inspection=full_team,
            by=lead_inspector,
            email="x@y.example",
            first_name="X",
            last_name="Y",
        )


def test_the_request_is_registered_as_an_after_hook_of_notify():
    from inspections import lifecycle

    modules = {hook.__module__ for hook in lifecycle.hooks_after("notify")}
    assert "inspections.information.hooks" in modules


def test_nothing_is_chased_once_evidence_has_closed(notified, admin):
    from inspections.models import Status

    assert selectors.late_items(notified, today=D(2017, 12, 20))
    notified.status = Status.EVIDENCE_CLOSED  # the state alone matters to the selector
    assert selectors.late_items(notified, today=D(2017, 12, 20)) == []
    assert selectors.request_summary(notified, today=D(2017, 12, 20)).late == []
