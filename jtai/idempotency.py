"""Idempotency keys for the API's POSTs that create something.

A client sends `Idempotency-Key: <a value of its own, up to 255 characters>` with the POST.
The first request is handled, and its answer is kept (in `IdempotencyRecord`, for the user
and key) in the same transaction as what it created. A retry with the same key:

- and the same request (method, path and body) gets the first answer again, with
  `Idempotent-Replayed: true`, and creates nothing;
- and another request is a 422 (problem type `idempotency-key-reused`): a key names one request;
- while the first is still being handled waits for it (the key's row is the lock), then
  gets its answer.

Only an answer that created something is kept: an error rolls back with the request, so the
retry is handled afresh. Keys expire after `KEY_HOURS` (the record is then deleted, and the key
may be used again). Views opt in with `@idempotent` on their `post`; the schema documents the
header and the 422 for them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from functools import wraps

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone
from rest_framework.response import Response

from .api import Problem
from .models import IdempotencyRecord

HEADER = "Idempotency-Key"
KEY_HOURS = 24
MAX_KEY_LENGTH = 255


def _fingerprint(request) -> str:
    data = request.data
    if isinstance(data, QueryDict):
        data = {key: data.getlist(key) for key in sorted(data)}
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    text = f"{request.method} {request.path}\n{body}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not key.strip() or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise Problem(
            400,
            "invalid",
            f"The {HEADER} header must be 1 to {MAX_KEY_LENGTH} printable characters.",
            errors={HEADER: [f"Send 1 to {MAX_KEY_LENGTH} printable characters."]},
        )
    return key


def _replay(record: IdempotencyRecord) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if record.location:
        headers["Location"] = record.location
    return Response(record.body, status=record.status_code, headers=headers)


def _claim(user, key: str, fingerprint: str) -> IdempotencyRecord | None:
    """The earlier answer for this key, or None once this request holds the key (a row
    inserted in this transaction: a concurrent retry waits on it)."""
    now = timezone.now()
    IdempotencyRecord.objects.filter(user=user, key=key, expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            IdempotencyRecord.objects.create(
                user=user,
                key=key,
                fingerprint=fingerprint,
                status_code=0,  # not answered yet
                expires_at=now + datetime.timedelta(hours=KEY_HOURS),
            )
    except IntegrityError:
        record = IdempotencyRecord.objects.select_for_update().get(user=user, key=key)
        if record.fingerprint != fingerprint:
            raise Problem(
                422,
                "idempotency-key-reused",
                f"This {HEADER} was used for another request: use a new key for a new request.",
            ) from None
        return record
    return None


def idempotent(handler):
    """Wrap an APIView's `post`: with an `Idempotency-Key`, a retry creates nothing twice."""

    @wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return handler(self, request, *args, **kwargs)
        with transaction.atomic():
            earlier = _claim(request.user, key, _fingerprint(request))
            if earlier is not None:
                return _replay(earlier)
            response = handler(self, request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                IdempotencyRecord.objects.filter(user=request.user, key=key).update(
                    status_code=response.status_code,
                    body=json.loads(json.dumps(response.data, cls=DjangoJSONEncoder)),
                    location=response.get("Location", ""),
                )
            else:
                transaction.set_rollback(True)  # nothing kept: a retry is handled afresh
            IdempotencyRecord.objects.filter(expires_at__lte=timezone.now()).delete()
        return response

    wrapper.idempotent = True
    return wrapper
