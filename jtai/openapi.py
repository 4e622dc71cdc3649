"""The OpenAPI schema's house style, applied to every operation in one place.

Views describe what is particular to them (their serializers, a summary, a 409 a state can
give); this schema class adds what follows from the kind of operation, so no view repeats it:

- the error answers (400, 401, 403, 404, 409, and 412/428/422 where a view declares them),
  each with the one problem-details body (`Problem`, `application/problem+json`) that
  `jtai.api.exception_handler` sends;
- operation ids `<resource>_<action>`: the path's fixed segments in snake_case, then `list`,
  `retrieve`, `create`, `update`, `partial_update` or `destroy`; a POST to `.../{id}/<verb>/`
  that creates nothing is the action named by its verb (`inspections_start_fieldwork`);
- component names without the code's `In`/`Out`/`Serializer` suffixes: an output is `Thing`, an
  input `ThingRequest` (`COMPONENT_SPLIT_REQUEST`), a page of a list `PaginatedThingList`.
"""

from __future__ import annotations

import re

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from .api import PROBLEM_CONTENT_TYPE


class ProblemSerializer(serializers.Serializer):
    """The body of every error answer: RFC 9457 problem details."""

    type = serializers.CharField(
        help_text="The kind of problem: `/api/problems/<kind>/` (documented there), or "
        "`about:blank` when the status says it all."
    )
    title = serializers.CharField(help_text="The same for every problem of the type.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong, in a sentence a person can read.")
    instance = serializers.CharField(help_text="The path of the request (never its query).")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a request that is not valid (400), or a field the state refuses (409): "
        "each field's messages (`non_field_errors` for the request as a whole).",
    )


ErrorSerializer = ProblemSerializer  # the name views and older code use


# A view declares `409: CONFLICT` where the state of something can refuse a write that is
# neither a transition nor versioned (those two get their 409 from the rules below).
CONFLICT = OpenApiResponse(
    description="The current state refuses this: it changed since you read it, "
    "or this step is not open now."
)

ERROR_DESCRIPTIONS = {
    "400": "The request is not valid, or breaks a rule about the data: "
    "`errors` names each field and what is wrong with it.",
    "401": "Not signed in: no credentials, or a token that is not valid.",
    "403": "You may see this, but your role may not do this.",
    "404": "No such object, or not one you may see (for a list: no such page).",
    "409": CONFLICT.description,
    "412": "The `If-Match` header names an entity tag the resource no longer has.",
    "422": "The `Idempotency-Key` was used before for a different request.",
    "428": "This write needs an `If-Match` header (or the `version` in the body).",
}

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description='The ETag the resource was read with (`"3"`): instead of, or as well as, '
    "`version` in the body. Another version: 412.",
)

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="A value of your own (up to 255 characters) naming this request: a retry with "
    "the same key and body gets the first answer again (`Idempotent-Replayed: true`) and "
    "creates nothing; the same key with another body is a 422. Keys expire after 24 hours.",
)

# Request fields that carry the version a client read: a write with a stale one is a 409.
VERSION_FIELDS = {"version"}

# The suffixes the code uses to tell a view's input and output serializers apart.
SERIALIZER_SUFFIXES = ("Serializer", "Output", "Input", "Out", "In")

CRUD_ACTIONS = {
    "GET": "retrieve",
    "POST": "create",
    "PUT": "update",
    "PATCH": "partial_update",
    "DELETE": "destroy",
}
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


class AutoSchema(BaseAutoSchema):
    # --- operation ids ---------------------------------------------------------------------

    def _segments(self) -> list[str]:
        """The path after the prefix, parameters included (`{id}`)."""
        path = re.sub(self.path_prefix, "", self.path, flags=re.IGNORECASE)
        return [segment for segment in path.strip("/").split("/") if segment]

    def _declared_codes(self) -> set[str]:
        responses = self.get_response_serializers()
        if isinstance(responses, dict):
            return {str(code[0] if isinstance(code, tuple) else code) for code in responses}
        return set()

    def _creates(self) -> bool:
        return bool(self._declared_codes() & {"201", "202"})

    def _names_an_object(self) -> bool:
        """The path ends in a parameter: `/programmes/{id}/choices/{choice_pk}/`."""
        return self._segments()[-1:] != [] and self._segments()[-1].startswith("{")

    def action_verb(self) -> str | None:
        """The verb of a POST to `.../{id}/<verb>/` that acts on the object rather than adding
        to a collection under it (it answers neither 201 nor 202)."""
        segments = self._segments()
        if (
            self.method != "POST"
            or len(segments) < 2
            or not segments[-2].startswith("{")
            or self._names_an_object()
            or self._creates()
        ):
            return None
        return segments[-1].replace("-", "_")

    def get_operation_id(self) -> str:
        resource = [token.replace("-", "_") for token in self._tokenize_path()] or ["root"]
        if self.action_verb():
            return "_".join(resource)  # the verb is already the path's last segment
        if self.method == "GET" and self._is_list_view():
            action = "list"
        elif self.method == "POST" and self._names_an_object():
            action = "update"  # a POST that changes the object its path names
        else:
            action = CRUD_ACTIONS.get(self.method, self.method.lower())
        return "_".join([*resource, action])

    # --- component names -------------------------------------------------------------------

    def get_serializer_name(self, serializer, direction) -> str:
        name = super().get_serializer_name(serializer, direction)
        for suffix in SERIALIZER_SUFFIXES:  # `ThingOutputSerializer`: both go
            stem = name[: -len(suffix)]
            if name.endswith(suffix) and stem and stem[-1].islower():
                name = stem
        return name

    # --- pagination: only a GET answers a page -----------------------------------------------

    def _get_paginator(self):
        if self.method != "GET":
            return None
        return super()._get_paginator()

    # --- error answers ---------------------------------------------------------------------

    def _requires_authentication(self) -> bool:
        return not all(isinstance(p, AllowAny) for p in self.view.get_permissions())

    def _is_versioned_write(self, operation: dict) -> bool:
        if "requestBody" not in operation:
            return False
        serializer = force_instance(self.get_request_serializer())
        fields = getattr(serializer, "fields", None)
        return bool(fields) and bool(VERSION_FIELDS & set(fields))

    def _error_codes(self, operation: dict) -> set[str]:
        codes = {code for code in operation["responses"] if code.startswith("4")}
        parameters = operation.get("parameters", [])
        paginator = self._get_paginator() if self._is_list_view() else None
        paging = (
            {paginator.page_query_param, getattr(paginator, "page_size_query_param", None)}
            if paginator
            else set()
        )
        if self._requires_authentication():
            codes |= {"401", "403"}
        if any(p["in"] == "path" for p in parameters) or paginator:
            codes.add("404")
        if (
            self.method not in READ_METHODS
            or "requestBody" in operation
            or any(p["in"] == "query" and p["name"] not in paging for p in parameters)
        ):
            codes.add("400")
        if self.action_verb() or self._is_versioned_write(operation):
            codes.add("409")
        if self._is_idempotent():
            codes.add("422")
        if self.method in getattr(self.view, "version_required_methods", ()):
            codes |= {"412", "428"}
        elif self.method in getattr(self.view, "version_checked_methods", ()):
            codes.add("412")
        return codes

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        conditional = getattr(self.view, "version_required_methods", set()) | getattr(
            self.view, "version_checked_methods", set()
        )
        if self.method in conditional:
            parameters.append(IF_MATCH)
        if self._is_idempotent():
            parameters.append(IDEMPOTENCY_KEY)
        return parameters

    def _is_idempotent(self) -> bool:
        handler = getattr(self.view, self.method.lower(), None)
        return bool(getattr(handler, "idempotent", False))

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._error_codes(operation):
            description = responses.get(code, {}).get("description") or ERROR_DESCRIPTIONS.get(
                code, ""
            )
            response = self._get_response_for_code(
                OpenApiResponse(ProblemSerializer, description=description), code
            )
            schema = next(iter(response.get("content", {}).values()), {}).get("schema")
            response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": schema}}
            responses[code] = response
        if hasattr(self.view, "current_version") and "200" in responses:
            responses["200"]["headers"] = {
                "ETag": {
                    "schema": {"type": "string"},
                    "description": 'The resource\'s `version`, quoted (`"3"`): send it back as '
                    "If-Match with a change.",
                }
            }
        operation["responses"] = dict(sorted(responses.items()))
        return operation
