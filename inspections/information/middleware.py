"""The area's nominated contact is kept inside their request: every page and endpoint but
the request's own (and signing in and out, and the site's statements) is refused to them.

Views scope what a contact sees (another inspection's request is not found); this boundary
makes sure no other page, written before contacts existed or after, shows them anything: a
list that would be empty for them is refused rather than trusted to stay empty."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve

# URL names open to a contact, outside the request's own pages and endpoints.
OPEN_TO_CONTACTS = {
    "login",
    "logout",
    "accessibility",
    "privacy",
    "healthz",
    "readyz",
    # The written statement of action, submitted on behalf of the director of children's
    # services (the views scope it to the contact's own inspections).
    "reports:action-plan-submit",
    "api-action-plan-submit",
}
REQUEST_NAMESPACE = "inspections:information"
REQUEST_API_PREFIX = "api-information-"
UPLOAD_URL_NAMES = {"inspections:information:upload", "api-information-upload"}
# A multipart body carries some bytes besides the file: the form's fields and boundaries.
MULTIPART_ALLOWANCE = 64 * 1024


def _token_user(request):
    """The user of an API token, as DRF will authenticate it later; None without one."""
    from rest_framework.authentication import TokenAuthentication
    from rest_framework.exceptions import AuthenticationFailed

    try:
        found = TokenAuthentication().authenticate(request)
    except AuthenticationFailed:
        return None
    return found[0] if found else None


def _is_contact(user) -> bool:
    return bool(
        user is not None and user.is_authenticated and getattr(user, "is_area_contact", False)
    )


class AreaContactBoundary:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        name = match.view_name
        if name in UPLOAD_URL_NAMES and self._too_large(request):
            return self._refuse_too_large(request)
        user = getattr(request, "user", None)
        if not _is_contact(user) and request.path_info.startswith("/api/"):
            user = _token_user(request)
        if not _is_contact(user):
            return self.get_response(request)
        if name == "home":
            return redirect("inspections:information:mine")
        if (
            name in OPEN_TO_CONTACTS
            or name.startswith(REQUEST_NAMESPACE + ":")
            or name.startswith(REQUEST_API_PREFIX)
        ):
            return self.get_response(request)
        raise PermissionDenied("The area's contact sees only the request for information")

    @staticmethod
    def _too_large(request) -> bool:
        """Judged from the declared length, before a byte of the body is read."""
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        return length > settings.JTAI_UPLOAD_MAX_BYTES + MULTIPART_ALLOWANCE

    @staticmethod
    def _refuse_too_large(request):
        limit = settings.JTAI_UPLOAD_MAX_BYTES // (1024 * 1024)
        message = f"The file must be smaller than {limit} MB"
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        html = render_to_string(
            "inspections/information/too_large.html", {"message": message}, request=request
        )
        return HttpResponse(html, status=413)
