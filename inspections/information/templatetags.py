"""`{% load information %}`: the request's status on the inspection page."""

from __future__ import annotations

from django import template

from .permissions import can_nominate, is_area_contact, sees_late_items
from .selectors import request_summary

register = template.Library()


@register.inclusion_tag("inspections/information/_status.html", takes_context=True)
def information_request_status(context, inspection):
    """The request's progress, for anyone who sees the inspection page; its late items for
    the overall lead and admins."""
    user = context["request"].user
    # The area is asked on notification, so an inspection never notified has nothing to
    # show (the page has its transitions already: this costs no query).
    asked = any(t.verb == "notify" for t in inspection.transitions.all())
    summary = request_summary(inspection) if asked and not is_area_contact(user) else None
    return {
        "inspection": inspection,
        "summary": summary,
        "show_late": summary is not None and sees_late_items(user, inspection),
        "can_nominate": can_nominate(user, inspection),
    }
