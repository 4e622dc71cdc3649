"""API tokens expire, are revoked when the account's access changes, and the endpoint that
hands them out is throttled and locks out by the client's own address behind a proxy."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from jtai.authentication import EXPIRED
from jtai.client_ip import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
TOKEN_URL = "/api/auth/token/"


def _token(api, username="ofsted_inspector", password=PASSWORD, **extra):
    return api.post(TOKEN_URL, {"username": username, "password": password}, **extra)


def _with_token(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_expires_after_the_configured_hours(ofsted_inspector):
    key = _token(APIClient()).json()["token"]
    assert _with_token(key).get("/api/inspections/").status_code == 200
    Token.objects.filter(key=key).update(created=timezone.now() - datetime.timedelta(hours=12))
    response = _with_token(key).get("/api/inspections/")
    assert response.status_code == 401
    assert response.json()["detail"] == EXPIRED
    assert response["WWW-Authenticate"] == "Token"
    assert not Token.objects.filter(key=key).exists()


def test_an_expired_token_is_replaced_when_asked_for_again(ofsted_inspector):
    key = _token(APIClient()).json()["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - datetime.timedelta(hours=13))
    fresh = _token(APIClient()).json()["token"]
    assert fresh != key
    assert _with_token(fresh).get("/api/inspections/").status_code == 200


@override_settings(API_TOKEN_HOURS=1)
def test_the_lifetime_follows_the_setting(ofsted_inspector):
    key = _token(APIClient()).json()["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - datetime.timedelta(minutes=61))
    assert _with_token(key).get("/api/inspections/").status_code == 401


def test_a_password_change_revokes_the_token(ofsted_inspector):
    key = _token(APIClient()).json()["token"]
    ofsted_inspector.set_password("a brand new passphrase")
    ofsted_inspector.save()
    assert _with_token(key).get("/api/inspections/").status_code == 401
    assert not Token.objects.filter(user=ofsted_inspector).exists()


def test_saving_the_account_without_a_new_password_keeps_the_token(ofsted_inspector):
    key = _token(APIClient()).json()["token"]
    ofsted_inspector.first_name = "Renamed"
    ofsted_inspector.save()
    ofsted_inspector.last_login = timezone.now()
    ofsted_inspector.save(update_fields=["last_login"])
    assert _with_token(key).get("/api/inspections/").status_code == 200


def test_signing_out_revokes_the_token(client, ofsted_inspector):
    key = _token(APIClient()).json()["token"]
    client.force_login(ofsted_inspector)
    client.post("/accounts/logout/")
    assert _with_token(key).get("/api/inspections/").status_code == 401


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_lockout_revokes_the_token(ofsted_inspector):
    key = _token(APIClient()).json()["token"]
    for _ in range(3):
        _token(APIClient(), password="wrong")
    assert _with_token(key).get("/api/inspections/").status_code == 401
    assert not Token.objects.filter(user=ofsted_inspector).exists()


def test_spraying_usernames_is_throttled_with_the_one_error_body(ofsted_inspector):
    api = APIClient()
    codes = [_token(api, username=f"user{n}", password="guess").status_code for n in range(25)]
    assert codes[:10] == [400] * 10
    assert set(codes[10:]) == {429}
    response = _token(api)  # the right password too: the address must wait
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()) == {"type", "title", "status", "detail", "instance"}
    assert "Retry-After" in response


def test_the_throttle_counts_each_client_address(ofsted_inspector):
    for n in range(10):
        _token(APIClient(), username=f"user{n}", password="guess", REMOTE_ADDR="198.51.100.1")
    assert _token(APIClient(), REMOTE_ADDR="198.51.100.1").status_code == 429
    assert _token(APIClient(), REMOTE_ADDR="198.51.100.2").status_code == 200


def test_a_forwarded_address_is_ignored_without_a_trusted_proxy(ofsted_inspector):
    for n in range(10):
        _token(
            APIClient(),
            username=f"user{n}",
            password="guess",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    response = _token(APIClient(), HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


# --- the client's address behind a proxy ------------------------------------------------------


class _Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (0, "203.0.113.7", "10.0.0.1"),
        (0, None, "10.0.0.1"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client wrote the first one
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),
        (1, "not-an-address", "10.0.0.1"),
        (1, None, "10.0.0.1"),
        (1, " , ", "10.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_Request("10.0.0.1", forwarded)) == expected


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=3)
def test_the_lockout_keys_on_the_client_behind_the_proxy_not_the_proxy(ofsted_inspector):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(3):
        _token(APIClient(), password="wrong", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    locked = _token(APIClient(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert locked.status_code != 200
    other = _token(APIClient(), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy)
    assert other.status_code == 200, other.json()


def test_signing_in_with_a_password_hashed_the_old_way_keeps_the_token(ofsted_inspector, settings):
    """Django re-hashes a password on sign-in when the preferred hasher changed: the same
    password, so the token stands."""
    from django.contrib.auth.hashers import make_password
    from rest_framework.authtoken.models import Token

    from jtai.authentication import token_for

    old = settings.PASSWORD_HASHERS
    ofsted_inspector.password = make_password(PASSWORD, hasher="md5")
    ofsted_inspector.save()
    token = token_for(ofsted_inspector)
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        *old,
    ]
    assert ofsted_inspector.check_password(PASSWORD)  # upgrades the hash and saves
    assert not ofsted_inspector.password.startswith("md5$")
    assert Token.objects.filter(key=token.key).exists()
