"""Timetable sessions as iCalendar events, for each inspector's calendar feed."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from . import selectors


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def session_events(user, *, host: str, page_url) -> list:
    """One event per timetable session the user attends. `page_url(inspection_pk)` gives the
    absolute link to the inspection's timetable for the event's description."""
    from icalendar import Event

    events = []
    for session in selectors.sessions_attended_by(user):
        inspection = session.inspection
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("summary", f"{session.title} ({inspection.authority.name})")
        event.add("dtstart", _at(session.date, session.start_time))
        event.add("dtend", _at(session.date, session.end_time))
        event.add("dtstamp", session.updated_at)
        if session.room:
            event.add("location", session.room)
        attendees = [m.user.display_name for m in session.attendees.all()]
        attendees += session.external_attendee_list
        event.add(
            "description",
            f"{session.get_kind_display()}. Attending: {', '.join(attendees) or 'not set'}. "
            + page_url(inspection.pk),
        )
        event.add("status", "CONFIRMED")
        events.append(event)
    return events
