"""The factual-accuracy download link of one recipient: a signed value naming their
`FactualAccuracyLink` row. The signature makes it unguessable; the row decides whether it
still works (the request's `expires_at`, a revocation by the lead)."""

from __future__ import annotations

from django.core import signing

LINK_SALT = "reports.factual-accuracy-link"
# The signature's own limit, beyond any request's `expires_at`: a leaked old link stays dead
# even if a row's dates were ever wrong.
LINK_MAX_AGE_DAYS = 60


def link_token(link_id: int) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign(str(link_id))


def link_id_from_token(token: str) -> int:
    """The link's id; `signing.SignatureExpired` or `signing.BadSignature` otherwise."""
    value = signing.TimestampSigner(salt=LINK_SALT).unsign(
        token, max_age=LINK_MAX_AGE_DAYS * 24 * 3600
    )
    try:
        return int(value)
    except ValueError as exc:
        raise signing.BadSignature("Not a link") from exc
