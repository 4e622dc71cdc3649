"""The programme calendar, an inspector's own schedule and its iCalendar feed."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jtai import clock
from jtai.bounds import EARLIEST_DATE, LATEST_DATE, date_in_range
from jtai.page_cache import cached_page

from .. import availability, programme_calendar, selectors
from ..models import CalendarToken, Status
from ..permissions import can_manage_programme
from ..services.calendar import calendar_token_for, calendar_token_reset
from ..templatetags.inspections import window

CALENDAR_PAGE_SIZE = 25
# Inspectors in the availability table at a time.
AVAILABILITY_PAGE_SIZE = 25


@login_required
@cached_page
def calendar(request):
    today = clock.today()
    first = today.replace(day=1)
    raw = request.GET.get("from", "")
    status = 200
    if raw:
        try:
            month = datetime.date.fromisoformat(f"{raw}-01")
        except ValueError:
            messages.error(request, "Enter the first month as year and month, like 2026-01")
        else:
            if date_in_range(month):
                first = month
            else:
                status = 400
                messages.error(
                    request,
                    f"Enter a first month between {EARLIEST_DATE:%Y-%m} and {LATEST_DATE:%Y-%m}",
                )
    cal = programme_calendar.programme_calendar(request.user, first_month=first, months=12)
    # The timeline shows a page of areas at a time: the page costs the same whether the
    # period holds ten inspections or two hundred. Clashes are found over the whole period.
    page_obj = Paginator(cal.rows, CALENDAR_PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page_obj.object_list:
        # Each shown in both tables: worked out once.
        row.url = reverse("inspections:detail", args=[row.inspection.pk])
        row.window = window(row.inspection)
    problem_pages = sorted(
        {n // CALENDAR_PAGE_SIZE + 1 for n, row in enumerate(cal.rows) if row.has_problem}
    )
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    for _ in range(11):
        previous = (previous - datetime.timedelta(days=1)).replace(day=1)
    following = first
    for _ in range(12):
        following = (following + datetime.timedelta(days=32)).replace(day=1)
    is_admin = can_manage_programme(request.user)
    # Admins plan teams: each inspector's bookings and leave, week by week (three queries),
    # a page of inspectors at a time; how many are free each week counts them all.
    people = availability.availability_rows(cal.weeks) if is_admin else []
    people_page = Paginator(people, AVAILABILITY_PAGE_SIZE).get_page(request.GET.get("people"))
    return render(
        request,
        "inspections/calendar.html",
        {
            "cal": cal,
            "page_obj": page_obj,
            "rows": page_obj.object_list,
            "problem_pages": problem_pages if page_obj.paginator.num_pages > 1 else [],
            "first": first,
            "previous": previous,
            "following": following,
            "today_week": today - datetime.timedelta(days=today.weekday()),
            "is_admin": is_admin,
            "availability": people_page.object_list,
            "people_page": people_page,
            "free_per_week": availability.free_per_week(people),
        },
        status=status,
    )


@login_required
def my_schedule(request):
    token = calendar_token_for(request.user)
    feed = request.build_absolute_uri(reverse("inspections:my-schedule-ics")) + (
        f"?token={token.token}"
    )
    today = clock.today()
    memberships = list(selectors.inspector_schedule(request.user))
    return render(
        request,
        "inspections/my_schedule.html",
        {
            "upcoming": [m for m in memberships if m.window_end >= today],
            "past": [m for m in memberships if m.window_end < today][::-1],
            "feed_url": feed,
        },
    )


@login_required
@require_POST
def my_schedule_reset(request):
    calendar_token_reset(user=request.user)
    messages.success(request, "Your calendar link has changed. Subscribe again with the new link.")
    return redirect("inspections:my-schedule")


def my_schedule_ics(request):
    """The inspector's schedule as an iCalendar feed; the secret token in the URL signs them in."""
    from icalendar import Calendar, Event

    token = (
        CalendarToken.objects.select_related("user")
        .filter(token=request.GET.get("token", "") or "-")
        .first()
    )
    if token is None or not token.user.is_active:
        raise Http404("No calendar")
    cal = Calendar()
    cal.add("prodid", "-//jtai//inspection schedule//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Inspections: {token.user.display_name}")
    host = request.get_host().split(":")[0]
    for member in selectors.inspector_schedule(token.user):
        inspection = member.inspection
        if inspection.status in (Status.CANCELLED, Status.DEFERRED):
            continue
        event = Event()
        event.add("uid", f"inspection-{inspection.pk}-member-{member.pk}@{host}")
        event.add(
            "summary",
            f"{inspection.authority.name}: {inspection.framework_version.framework.name}",
        )
        event.add("dtstart", inspection.window_start)
        event.add("dtend", inspection.window_end + datetime.timedelta(days=1))
        event.add("dtstamp", inspection.updated_at)
        event.add(
            "description",
            f"{member.get_role_display()} ({member.inspectorate.short_name}). "
            f"Status: {inspection.get_status_display()}. "
            + request.build_absolute_uri(reverse("inspections:detail", args=[inspection.pk])),
        )
        event.add("status", "CONFIRMED" if inspection.status != Status.PLANNED else "TENTATIVE")
        cal.add_component(event)
    from ..fieldwork.calendar import session_events

    for event in session_events(
        token.user,
        host=host,
        page_url=lambda pk: request.build_absolute_uri(
            reverse("inspections:fieldwork:timetable", args=[pk])
        ),
    ):
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="inspections.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
