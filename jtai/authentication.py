"""API tokens that expire and are revoked when the account's access changes, and the
throttle on the endpoint that hands them out.

A token is good for `API_TOKEN_HOURS` (`JTAI_API_TOKEN_HOURS`) from when it was issued; an
expired one is refused with 401 and deleted, and asking for a token again issues a new one.
A user's token is deleted when they sign out, when their password changes (however it is
changed: the password page, the admin, `changepassword`) and when the lockout locks them out.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from rest_framework import exceptions, throttling
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings

from . import logs

EXPIRED = "The token has expired: ask for a new one"


def token_expired(token: Token) -> bool:
    # Real time, not `clock.now()`: DRF stamps `created` with the real time too.
    age = timezone.now() - token.created
    return age >= datetime.timedelta(hours=settings.API_TOKEN_HOURS)


def token_for(user) -> Token:
    """The user's token, a new one when theirs has expired."""
    token, created = Token.objects.get_or_create(user=user)
    if not created and token_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
    return token


def revoke_tokens(user) -> None:
    Token.objects.filter(user=user).delete()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than `API_TOKEN_HOURS`."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(EXPIRED)
        # The session's user joins the log context in the middleware; a token's, here.
        logs.bind(user_id=user.pk)
        return user, token


class ScopedRateThrottle(throttling.ScopedRateThrottle):
    """DRF's scoped throttle, reading the rate when a request comes (not once at import), so
    the rate follows the settings in force."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


@receiver(user_logged_out, dispatch_uid="jtai-revoke-token-on-logout")
def _revoke_on_logout(sender, request, user, **kwargs):
    if user is not None:
        revoke_tokens(user)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="jtai-revoke-token-on-pw")
def _revoke_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    # Signing in may re-hash the same password with a newer hasher: Django's `check_password`
    # then saves with `_password` cleared. Only a password that was set (`set_password` keeps the
    # new raw password in `_password` until saved) is a change that revokes the token.
    if getattr(instance, "_password", None) is None:
        return
    stored = (
        get_user_model().objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    )
    if stored is not None and stored != instance.password:
        revoke_tokens(instance)


def _revoke_on_lockout(sender, request, username, **kwargs):
    if username:
        Token.objects.filter(user__username=username).delete()


def connect_lockout_signal() -> None:
    """Connected from the app's ready(): django-axes' signals need the settings loaded."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_revoke_on_lockout, dispatch_uid="jtai-revoke-token-on-lockout")
