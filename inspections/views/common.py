"""What the inspection pages share: who may open the admins' pages, and the submitted data."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required

from ..permissions import require_can_manage_programme

ROLE_ORDER = {"overall_lead": 0, "inspectorate_lead": 1, "inspector": 2}


def posted(request):
    """The submitted data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def admin_required(view):
    """Signed-in admins only: others get 403 (anonymous people are asked to sign in)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_can_manage_programme(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def team_order(member) -> tuple:
    """Members by inspectorate, then lead before inspector, then surname."""
    return (member.inspectorate.order, ROLE_ORDER.get(member.role, 9), member.user.last_name)
