"""Signing in and out, the lockout after repeated failures, and the home page per role."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_login_page_is_a_gov_uk_form(client):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Sign in – Joint targeted area inspections</title>" in html
    assert html.count("<h1") == 1
    assert '<label class="govuk-label" for="id_username">Username</label>' in html
    assert '<label class="govuk-label" for="id_password">Password</label>' in html
    assert 'autocomplete="current-password"' in html


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(client, ofsted_inspector):
    response = client.post(
        "/accounts/login/", {"username": "ofsted_inspector", "password": "not it"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert 'data-module="govuk-error-summary"' in html
    assert '<a href="#id_username">Enter a correct username and password</a>' in html
    assert 'value="ofsted_inspector"' in html
    assert "not it" not in html  # the password is never echoed


def test_empty_form_names_each_missing_field(client):
    response = client.post("/accounts/login/", {"username": "", "password": ""})
    html = response.content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert "govuk-form-group--error" in html


def test_sign_in_and_out(client, cqc_inspector):
    response = client.post(
        "/accounts/login/", {"username": "cqc_inspector", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert "Cqc Inspector" in html
    assert re.search(r'<form method="post" action="/accounts/logout/"', html)
    assert "Sign out</button>" in html

    # Signing out is a POST: a GET link could be triggered by anything on the page.
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Sign out" not in response.content.decode()


def test_next_parameter_is_followed_only_to_this_site(client, ofsted_inspector):
    response = client.post(
        "/accounts/login/?next=/accessibility/",
        {"username": "ofsted_inspector", "password": PASSWORD, "next": "/accessibility/"},
    )
    assert response.headers["Location"] == "/accessibility/"
    client.post("/accounts/logout/")
    response = client.post(
        "/accounts/login/",
        {"username": "ofsted_inspector", "password": PASSWORD, "next": "https://evil.test/"},
    )
    assert response.headers["Location"] == "/"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account(client, ofsted_inspector):
    for _ in range(2):
        response = client.post(
            "/accounts/login/", {"username": "ofsted_inspector", "password": "wrong"}
        )
        assert response.status_code == 200
    wrong = {"username": "ofsted_inspector", "password": "wrong"}
    response = client.post("/accounts/login/", wrong)
    assert response.status_code == 429
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Your account is locked</h1>' in html
    assert "you cannot sign in for 1 hour" in html
    # Even the right password is refused while locked out.
    right = {"username": "ofsted_inspector", "password": PASSWORD}
    response = client.post("/accounts/login/", right)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("persona", "caption", "expected"),
    [
        ("admin", "Administrator", "Inspections needing a team"),
        ("lead_inspector", "Lead inspector, ", "Factual-accuracy comments awaiting an answer"),
        ("ofsted_inspector", "Inspector, ", "Judgements returned to you"),
        ("hmiprisons_inspector", "Inspector, ", "Judgements returned to you"),
    ],
)
def test_home_page_per_role(client, request, persona, caption, expected):
    user = request.getfixturevalue(persona)
    if persona == "admin":
        user.is_staff = True
        user.save()
    client.force_login(user)
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert f"Welcome, {user.first_name}" in html
    assert caption in html
    assert expected in html


def test_home_page_for_the_public(client):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert "Sign in</a>" in html
    assert "Sign out" not in html
