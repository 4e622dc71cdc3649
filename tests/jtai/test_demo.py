"""Demo accounts exist only in demo mode, are idempotent and can sign in."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from agencies import demo
from agencies.models import User

pytestmark = pytest.mark.django_db

EXPECTED = {
    "admin": ("admin", None),
    "lead": ("lead", "ofsted"),
    "ofsted": ("inspector", "ofsted"),
    "cqc": ("inspector", "cqc"),
    "hmicfrs": ("inspector", "hmicfrs"),
    "hmiprobation": ("inspector", "hmiprobation"),
    "hmiprisons": ("inspector", "hmiprisons"),
}


def test_seed_creates_one_account_per_persona(monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    demo.seed(io.StringIO())
    people = {u.username: u for u in User.objects.select_related("inspectorate")}
    assert set(EXPECTED) <= set(people)
    for username, (role, inspectorate) in EXPECTED.items():
        user = people[username]
        assert user.role == role
        assert (user.inspectorate.code if user.inspectorate else None) == inspectorate
        assert user.check_password("demo-password-change-me")
        assert user.first_name and user.last_name
    assert people["admin"].is_staff and people["admin"].is_superuser
    assert not people["ofsted"].is_staff


def test_seed_is_idempotent(monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    demo.seed(io.StringIO())
    before = {u.username: (u.pk, u.password) for u in User.objects.all()}
    out = io.StringIO()
    demo.seed(out)
    after = {u.username: (u.pk, u.password) for u in User.objects.all()}
    assert before == after
    assert "already there" in out.getvalue()


def test_demo_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("JTAI_DEMO_PASSWORD", "another long demo password")
    demo.seed(io.StringIO())
    assert User.objects.get(username="cqc").check_password("another long demo password")


def test_demo_accounts_sign_in(client, monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    demo.seed(io.StringIO())
    response = client.post(
        "/accounts/login/", {"username": "lead", "password": "demo-password-change-me"}
    )
    assert response.status_code == 302
    assert "Margaret" in client.get("/").content.decode()


@override_settings(DEMO_MODE=False)
def test_seed_demo_refuses_outside_demo_mode():
    with pytest.raises(CommandError, match="only for demo mode"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.filter(username__in=EXPECTED).exists()


@override_settings(DEMO_MODE=True)
def test_seed_demo_runs_in_demo_mode():
    call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.filter(username__in=EXPECTED).count() == len(EXPECTED)


def test_production_start_creates_no_demo_accounts(settings, tmp_path):
    settings.DEMO_MODE = False
    settings.REDIS_URL = ""
    settings.STATIC_ROOT = tmp_path
    out = io.StringIO()
    call_command("start", no_serve=True, stdout=out)
    assert not User.objects.filter(username__in=EXPECTED).exists()
    assert "background tasks run in-process" in out.getvalue()
