"""API plumbing shared by every app: one error shape, JSON always."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ApplicationError


def _django_validation_detail(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "message_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {"non_field_errors": list(exc.messages)}


def exception_handler(exc, context):
    """Every error is JSON: {"detail": ..., "errors": {field: [messages]}}."""
    if isinstance(exc, ApplicationError):
        body = {"detail": exc.message}
        if exc.fields:
            body["errors"] = exc.fields
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        errors = _django_validation_detail(exc)
        return Response(
            {"detail": "The request is not valid.", "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = response.data
        if isinstance(data, list):
            data = {"non_field_errors": data}
        response.data = {"detail": "The request is not valid.", "errors": data}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
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
