"""The on-site timetable: the lead keeps it, a session outside the window or double-booking an
inspector is refused, and each inspector's calendar feed carries the sessions they attend."""

import datetime

import pytest
from django.urls import reverse

from inspections.fieldwork import services
from inspections.models import Inspection, Status, TimetableSession
from inspections.services.calendar import calendar_token_for
from jtai.exceptions import ApplicationError

from .conftest import member_of

D = datetime.date
T = datetime.time
pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"inspections:fieldwork:{name}", args=args)


def _post(day=5, start="10:00", end="11:00", attendees=(), **extra):
    return {
        "kind": "interview",
        "title": "Interview with the head of the MASH",
        "date_day": str(day),
        "date_month": "12",
        "date_year": "2017",
        "start_time": start,
        "end_time": end,
        "room": "Room 4, River Park House",
        "attendees": [m.pk for m in attendees],
        "external_attendees": "Head of the MASH\nDetective inspector, MASH",
        **extra,
    }


def test_the_lead_adds_a_session_and_the_team_sees_it(
    on_site, lead_inspector, cqc_inspector, client
):
    cqc = member_of(on_site, cqc_inspector)
    client.force_login(lead_inspector)
    assert client.get(_url("session-add", on_site.pk)).status_code == 200
    response = client.post(_url("session-add", on_site.pk), _post(attendees=[cqc]))
    assert response.status_code == 302
    session = TimetableSession.objects.get()
    assert list(session.attendees.all()) == [cqc]
    client.force_login(cqc_inspector)
    page = client.get(_url("timetable", on_site.pk)).content.decode()
    assert "Interview with the head of the MASH" in page
    assert "Tuesday 5 December 2017" in page and "Detective inspector, MASH" in page
    assert "Add a session" not in page


@pytest.mark.parametrize("persona", ["ofsted_inspector", "cqc_inspector"])
def test_only_the_lead_edits_the_timetable(on_site, request, persona, client):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_url("session-add", on_site.pk), _post()).status_code == 403
    assert not TimetableSession.objects.exists()


def test_a_session_outside_the_window_is_refused(on_site, lead_inspector, client):
    client.force_login(lead_inspector)
    response = client.post(_url("session-add", on_site.pk), _post(day=11))
    assert response.status_code == 400
    assert "within the inspection&#x27;s window" in response.content.decode()
    with pytest.raises(ApplicationError):
        services.session_create(
            inspection=on_site,
            user=lead_inspector,
            date=D(2017, 12, 1),
            start_time=T(9),
            end_time=T(10),
            kind="interview",
        )
    assert not TimetableSession.objects.exists()


def test_an_inspector_double_booked_is_refused(
    on_site, lead_inspector, cqc_inspector, hmicfrs_inspector, client
):
    cqc = member_of(on_site, cqc_inspector)
    police = member_of(on_site, hmicfrs_inspector)
    services.session_create(
        inspection=on_site,
        user=lead_inspector,
        date=D(2017, 12, 5),
        start_time=T(10),
        end_time=T(11),
        kind="focus_group",
        title="Focus group with health visitors",
        attendees=[cqc],
    )
    client.force_login(lead_inspector)
    response = client.post(
        _url("session-add", on_site.pk), _post(start="10:30", end="11:30", attendees=[cqc, police])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Cqc Inspector Tester is already in &#x27;Focus group with health visitors&#x27; "
        "from 10:00 to 11:00 on Tuesday 5 December 2017"
    ) in page
    assert TimetableSession.objects.count() == 1
    # Back to back is not a clash; another inspector at the same time is not either.
    assert (
        client.post(
            _url("session-add", on_site.pk), _post(start="11:00", end="12:00", attendees=[cqc])
        ).status_code
        == 302
    )
    assert (
        client.post(
            _url("session-add", on_site.pk), _post(start="10:00", end="11:00", attendees=[police])
        ).status_code
        == 302
    )


def test_a_session_ends_after_it_starts(on_site, lead_inspector, client):
    client.force_login(lead_inspector)
    response = client.post(_url("session-add", on_site.pk), _post(start="11:00", end="10:00"))
    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()


def test_moving_a_session_keeps_the_clash_check_but_not_against_itself(
    on_site, lead_inspector, cqc_inspector, client
):
    cqc = member_of(on_site, cqc_inspector)
    session = services.session_create(
        inspection=on_site,
        user=lead_inspector,
        date=D(2017, 12, 5),
        start_time=T(10),
        end_time=T(11),
        kind="interview",
        attendees=[cqc],
    )
    client.force_login(lead_inspector)
    url = _url("session-edit", on_site.pk, session.pk)
    assert client.post(url, _post(start="10:15", end="11:15", attendees=[cqc])).status_code == 302
    session.refresh_from_db()
    assert session.start_time == T(10, 15)
    assert client.post(_url("session-delete", on_site.pk, session.pk)).status_code == 302
    assert not TimetableSession.objects.exists()


def test_the_calendar_feed_has_the_sessions_the_inspector_attends(
    on_site, lead_inspector, cqc_inspector, hmicfrs_inspector, client
):
    services.session_create(
        inspection=on_site,
        user=lead_inspector,
        date=D(2017, 12, 5),
        start_time=T(10),
        end_time=T(11),
        kind="observation",
        title="Observation of a strategy meeting",
        room="MASH meeting room",
        attendees=[member_of(on_site, cqc_inspector)],
    )
    services.session_create(
        inspection=on_site,
        user=lead_inspector,
        date=D(2017, 12, 8),
        start_time=T(14),
        end_time=T(15),
        kind="feedback",
        title="Feedback meeting",
        attendees=[member_of(on_site, hmicfrs_inspector)],
    )
    token = calendar_token_for(cqc_inspector)
    feed = client.get(reverse("inspections:my-schedule-ics"), {"token": token.token})
    assert feed.status_code == 200
    text = feed.content.decode()
    assert "SUMMARY:Observation of a strategy meeting (Haringey)" in text
    assert "DTSTART;TZID=Europe/London:20171205T100000" in text
    assert "LOCATION:MASH meeting room" in text
    assert "Feedback meeting" not in text
    # The inspection's own event is still there.
    assert "SUMMARY:Haringey: Joint targeted area inspection" in text
    Inspection.objects.filter(pk=on_site.pk).update(status=Status.CANCELLED)
    text = client.get(reverse("inspections:my-schedule-ics"), {"token": token.token})
    assert "strategy meeting" not in text.content.decode()


def test_the_feedback_meeting_is_on_the_last_day(on_site, lead_inspector):
    with pytest.raises(ApplicationError) as error:
        services.session_create(
            inspection=on_site,
            user=lead_inspector,
            date=D(2017, 12, 6),
            start_time=T(14),
            end_time=T(15),
            kind="feedback",
        )
    assert "last day on site, Friday 8 December 2017" in error.value.fields["date"][0]
