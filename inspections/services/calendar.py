"""The secret behind each inspector's calendar feed."""

from __future__ import annotations

import secrets

from django.db import transaction

from ..models import CalendarToken


def calendar_token_for(user) -> CalendarToken:
    """The user's calendar feed secret, made on first use."""
    token, _ = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


@transaction.atomic
def calendar_token_reset(*, user) -> CalendarToken:
    """A new secret: calendar apps subscribed with the old URL stop receiving updates."""
    CalendarToken.objects.filter(user=user).delete()
    return calendar_token_for(user)
