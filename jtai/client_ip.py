"""The address a request came from, behind as many reverse proxies as the settings trust.

`JTAI_TRUSTED_PROXY_COUNT` (settings' `TRUSTED_PROXY_COUNT`) says how many proxies of ours
stand in front of the application. With none, the address is the connection's (REMOTE_ADDR)
and an `X-Forwarded-For` header, which anyone can send, is ignored. With n, each proxy appends
the address it saw to `X-Forwarded-For`, so the client's is the n-th from the right: anything
further left was written by the client and is not trusted. The login lockout (django-axes)
and the API's throttling (DRF's `NUM_PROXIES`, set to the same count) key on this address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    addresses = [a for a in forwarded.split(",") if a.strip()]
    if not addresses:
        return remote
    return _valid(addresses[-min(count, len(addresses))]) or remote
