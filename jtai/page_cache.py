"""Pages rendered once per state of the data, per person: `@cached_page`.

A page people open many times between two changes (the task list, the register) is rendered
once and served again from the web worker's memory, until anything is written: the entry's key
holds the data's stamp (`jtai.changes`), which every committed write changes. The key also
holds who is signed in, the full path with its query, the `Accept` header and today's date, so
an entry is only ever served to the person it was rendered for, for the same address, on the
same day, and only while nothing has been written since.

What differs between two requests for the same entry is put right on each hit: every form's
CSRF token is a fresh one for this request. A request with messages waiting to be shown is
rendered (that shows them), as is any request but a GET. Only a 200 whose rendering wrote
nothing and queued no message is kept: a page that records who read it (an access record)
writes that record on every request.

Pages that change with the time of day as well (a report becomes public at its publication
time, with no write) keep their entries `ttl` seconds at most.
"""

from __future__ import annotations

import functools
import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.csrf import get_token

from . import changes, clock

ALIAS = "pages"
# A day at most: the key holds today's date in any case.
DEFAULT_TTL = 24 * 60 * 60
# Pages that show which reports are public: a report becomes public at its publication time,
# with no write, so their entries are kept a minute at most.
PUBLICATION_TTL = 60
_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACE = b"\x00csrf\x00"
# Headers the view sets that belong to the page; the rest are set for each response.
_KEPT_HEADERS = ("Content-Type", "Cache-Control", "Vary", "Content-Language")


def _cache():
    return caches[ALIAS]


def clear() -> None:
    _cache().clear()


def _messages_waiting(request) -> bool:
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(storage._queued_messages or storage._loaded_messages)


def _key(request, stamp) -> str:
    user = request.user
    parts = (
        stamp,
        user.pk if user.is_authenticated else 0,
        request.get_full_path(),
        request.headers.get("Accept", ""),
        clock.today().isoformat(),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _entry(response) -> tuple[bytes, list[tuple[str, str]]]:
    body = _CSRF_VALUE.sub(rb"\1" + _CSRF_PLACE + rb"\2", response.content)
    headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
    return body, headers


def _served(request, entry) -> HttpResponse:
    body, headers = entry
    if _CSRF_PLACE in body:
        body = body.replace(_CSRF_PLACE, get_token(request).encode())
    return HttpResponse(body, headers=dict(headers))


def cached_page(view=None, *, ttl: int = DEFAULT_TTL):
    """Serve the view's GET from the page cache while the data has not changed (see the
    module's docstring). Goes under `login_required` and the like, so they run first."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                not settings.JTAI_PAGE_CACHE
                or request.method != "GET"
                or _messages_waiting(request)
            ):
                return view(request, *args, **kwargs)
            key = _key(request, changes.stamp())
            entry = _cache().get(key)
            if entry is not None:
                return _served(request, entry)
            writes = changes.writes()
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and changes.writes() == writes
                and not _messages_waiting(request)
            ):
                _cache().set(key, _entry(response), ttl)
            return response

        wrapper.page_cached = True
        return wrapper

    return decorate(view) if view is not None else decorate


def _settings_changed(setting, **kwargs) -> None:
    """A changed setting can change any page (tests change them)."""
    if setting != "CACHES":
        clear()


setting_changed.connect(_settings_changed, dispatch_uid="jtai.page_cache")
