"""The facts a report's cover states, as a published report states them: the title, the area,
the inspection dates, the publication date, the overall lead, and the inspectorates under the
names they went by on the publication date (an inspectorate renamed since keeps its old name
on the reports it published before)."""

from __future__ import annotations

import datetime

from agencies.selectors import inspectorate_name_on
from inspections.models import Inspection, TeamMember, TeamRole
from jtai import clock


def _long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def inspection_dates(start: datetime.date, end: datetime.date) -> str:
    """`4 to 8 December 2017`, `27 November to 1 December 2017`, across years in full."""
    if start == end:
        return _long_date(start)
    if start.year != end.year:
        return f"{_long_date(start)} to {_long_date(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%B} to {_long_date(end)}"
    return f"{start.day} to {_long_date(end)}"


def cover_facts(inspection: Inspection, published_on: datetime.date | None) -> dict:
    """Plain values for the cover (and the copyright page) of `inspection`'s report.

    `published_on` is None until the report has a publication date: the inspectorates are then
    named as they were on the inspection's last day, and the cover says no publication date.
    """
    from .assembly import report_title

    day = published_on or inspection.window_end
    lead = (
        TeamMember.objects.filter(inspection=inspection, role=TeamRole.OVERALL_LEAD, is_active=True)
        .select_related("user", "inspectorate")
        .first()
    )
    inspectorates = inspection.inspectorates.prefetch_related("names").order_by("order", "name")
    return {
        "title": report_title(inspection),
        "area": inspection.authority.official_name or inspection.authority.name,
        "inspection_dates": inspection_dates(inspection.window_start, inspection.window_end),
        "published_on": _long_date(published_on) if published_on else "",
        # The year the report is published in, or else made in (its final text).
        "copyright_year": (published_on or clock.today()).year,
        "lead_inspector": (
            {
                "name": lead.user.get_full_name() or lead.user.username,
                "inspectorate": inspectorate_name_on(lead.inspectorate, day, short=True),
            }
            if lead
            else None
        ),
        "inspectorates": [
            {
                "name": inspectorate_name_on(i, day),
                "short_name": inspectorate_name_on(i, day, short=True),
            }
            for i in inspectorates
        ],
    }


def cover_for_snapshot(snapshot: dict, published_on: datetime.date | None = None) -> dict:
    """The cover of a snapshot: the one it stores; or, given a publication date, `cover_facts`
    of its inspection on that date; else what the snapshot itself says (a render from a stored
    snapshot reads no database)."""
    if published_on is None and snapshot.get("cover"):
        return snapshot["cover"]
    if published_on is not None:
        inspection = (
            Inspection.objects.select_related("authority", "framework_version__framework", "theme")
            .filter(pk=snapshot.get("inspection_id"))
            .first()
        )
        if inspection is not None:
            return cover_facts(inspection, published_on)
    lead = next(
        (
            m
            for m in (snapshot.get("annex") or {}).get("team", [])
            if m.get("role") == TeamRole.OVERALL_LEAD.label
        ),
        None,
    )
    return {
        "title": snapshot["title"],
        "area": snapshot["authority"].get("official_name") or snapshot["authority"]["name"],
        "inspection_dates": snapshot["dates"]["window"],
        "published_on": _long_date(published_on) if published_on else "",
        "copyright_year": (published_on or clock.today()).year,
        "lead_inspector": (
            {"name": lead["name"], "inspectorate": lead["inspectorate"]} if lead else None
        ),
        "inspectorates": [
            {"name": i["name"], "short_name": i["short_name"]} for i in snapshot["inspectorates"]
        ],
    }
