"""API plumbing shared by every app: one error body (RFC 9457 problem details), JSON always.

Every 4xx the API sends is an `application/problem+json` body:

    {"type": "/api/problems/invalid/", "title": "The request is not valid.", "status": 400,
     "detail": "...", "instance": "/api/inspections/7/", "errors": {"field": ["message"]}}

`type` names the kind of problem (see `PROBLEM_TYPES`; `about:blank` when the status says it
all), `title` is the same for every problem of the type, `detail` is about this occurrence,
`instance` is the request's path (never its query, which may carry a secret), and `errors`
(a 400, or a 409 over a field such as a stale `version`) maps each field to its messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse, QueryDict
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ApplicationError

PROBLEM_CONTENT_TYPE = "application/problem+json"
NOT_VALID = "The request is not valid."

# The problem types the API names, each documented at its URL (`/api/problems/<slug>/`).
PROBLEM_TYPES = {
    "invalid": (
        NOT_VALID,
        "The input or a rule about the data refuses the request: `errors` names each field "
        "and what is wrong with it (`non_field_errors` for the request as a whole).",
    ),
    "conflict": (
        "The current state refuses this.",
        "It changed since you read it (a stale `version`), or this step is not open now. "
        "Read it again and decide.",
    ),
    "precondition-failed": (
        "The resource changed since you read it.",
        "The `If-Match` header names an entity tag the resource no longer has.",
    ),
    "precondition-required": (
        "Say which version you read.",
        "This write needs an `If-Match` header or a `version` in the body.",
    ),
    "idempotency-key-reused": (
        "The Idempotency-Key was used for another request.",
        "A key names one request: a retry must send the same body to the same URL.",
    ),
}


def problem_type(slug: str | None) -> str:
    return f"/api/problems/{slug}/" if slug else "about:blank"


def _slug_for(status_code: int, exc) -> str | None:
    slug = getattr(exc, "problem", None)
    if slug:
        return slug
    if status_code == 400:
        return "invalid"
    if status_code == 409:
        return "conflict"
    return None


def problem(
    status_code: int,
    detail: str,
    *,
    instance: str = "",
    slug: str | None = None,
    errors: dict | None = None,
) -> dict:
    """The problem-details body for one error."""
    title = PROBLEM_TYPES[slug][0] if slug else HTTPStatus(status_code).phrase
    body = {
        "type": problem_type(slug),
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(request, status_code: int, detail: str, **kwargs) -> JsonResponse:
    """A problem answered outside DRF (Django's error handlers under /api/)."""
    body = problem(status_code, detail, instance=request.path, **kwargs)
    return JsonResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


class Problem(exceptions.APIException):
    """An API error with its own problem type (`slug` in `PROBLEM_TYPES`)."""

    def __init__(
        self, status_code: int, slug: str, detail: str | None = None, errors: dict | None = None
    ):
        self.status_code = status_code
        self.problem = slug
        self.errors = errors
        super().__init__(detail or PROBLEM_TYPES[slug][0])


# The database column behind an inspection's version is `lock_version`; the API calls every
# version `version`, in field errors too.
FIELD_ALIASES = {"lock_version": "version"}


def _aliased(errors):
    if not isinstance(errors, dict):
        return errors
    return {FIELD_ALIASES.get(field, field): messages for field, messages in errors.items()}


def _django_validation_detail(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "message_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {"non_field_errors": list(exc.messages)}


def _as_problem(response: Response, request, detail: str, slug, errors) -> Response:
    path = getattr(request, "path", "") if request is not None else ""
    response.data = problem(response.status_code, detail, instance=path, slug=slug, errors=errors)
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or getattr(renderer, "format", "json") == "json":
        response.content_type = PROBLEM_CONTENT_TYPE
    return response


def exception_handler(exc, context):
    """Every 4xx is a problem-details body (see the module's docstring)."""
    request = context.get("request")
    if isinstance(exc, ApplicationError):
        response = Response(status=exc.status_code)
        slug = _slug_for(exc.status_code, exc)
        return _as_problem(response, request, exc.message, slug, _aliased(exc.fields) or None)
    if isinstance(exc, DjangoValidationError):
        response = Response(status=status.HTTP_400_BAD_REQUEST)
        return _as_problem(response, request, NOT_VALID, "invalid", _django_validation_detail(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    slug = _slug_for(response.status_code, exc)
    if isinstance(exc, exceptions.ValidationError):
        data = response.data
        if isinstance(data, list):
            data = {"non_field_errors": data}
        return _as_problem(response, request, NOT_VALID, slug, _aliased(data))
    data = response.data
    detail = str(data["detail"]) if isinstance(data, dict) and "detail" in data else str(data)
    return _as_problem(response, request, detail, slug, getattr(exc, "errors", None))


# --- versions: the body's `version`, ETag and If-Match ------------------------------------------


def _etag(version) -> str:
    return f'"{version}"'


def _if_match_versions(header: str) -> list[str] | None:
    """The versions an If-Match header names (`"3"`, `W/"3"`, a list); None for `*`."""
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    if "*" in tags:
        return None
    return [tag.removeprefix("W/").strip('"') for tag in tags]


class VersionedResource:
    """For an `APIView` over something with a `version` (a judgement, a report section, an
    inspection): the version a client read travels in the body (`version`) or in `If-Match`.

    - Every answer that carries the resource's `version` has it as its `ETag` (`"3"`).
    - A write in `version_required_methods` with neither a body `version` nor `If-Match` is a
      428 (problem type `precondition-required`); with `If-Match` naming another version than
      the resource's, a 412 (`precondition-failed`); with `If-Match` alone, the body's
      `version` is taken from it. A stale body `version` remains the service's 409.
    - A write in `version_checked_methods` (an inspection's transitions) takes `If-Match` the
      same way but does not need it: the state machine refuses a transition not open (409).

    The view says how to read the resource's current version (`current_version`), through the
    selectors that scope what the user may see (404 first).
    """

    version_required_methods: frozenset[str] = frozenset({"PUT", "PATCH"})
    version_checked_methods: frozenset[str] = frozenset()
    version_field = "version"

    def current_version(self, request, *args, **kwargs) -> int:
        raise NotImplementedError

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        method = request.method
        required = method in self.version_required_methods
        if not required and method not in self.version_checked_methods:
            return
        header = request.headers.get("If-Match")
        data = request.data
        if not isinstance(data, Mapping):
            return  # not an object: the serializer answers 400
        in_body = data.get(self.version_field) not in (None, "")
        if header is None:
            if required and not in_body:
                raise Problem(
                    428,
                    "precondition-required",
                    "Send the version you read: `version` in the body, or If-Match with the "
                    "ETag the resource was read with.",
                    errors={self.version_field: ["Send the version you read."]},
                )
            return
        current = self.current_version(request, *args, **kwargs)
        wanted = _if_match_versions(header)
        if wanted is not None and str(current) not in wanted:
            raise Problem(
                412,
                "precondition-failed",
                f"The resource is at version {current}, not the one If-Match names.",
            )
        if not in_body:
            if isinstance(data, QueryDict):
                data = data.copy()
            data[self.version_field] = current
            request._full_data = data

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if response.status_code == 200 and isinstance(data, dict) and self.version_field in data:
            response["ETag"] = _etag(data[self.version_field])
        return response


class Pagination(PageNumberPagination):
    """Every list: `?page=` (25 a page, settings' `PAGE_SIZE`), `?page_size=` up to 200.

    The answer is `{"count", "next", "previous", "results"}`; a page past the end is a 404.
    """

    page_size_query_param = "page_size"
    max_page_size = 200


class PaginatedListMixin:
    """For an `APIView` whose GET answers a list: pages it with the project's paginator, and
    lets the schema document the page (drf-spectacular reads `pagination_class`)."""

    @property
    def pagination_class(self):
        return api_settings.DEFAULT_PAGINATION_CLASS

    def paginated_response(self, request, items, serialize) -> Response:
        """One page of `items`, each page serialised by `serialize(page) -> list`."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(serialize(page))
