"""Input nobody should send gets a clear 400 in the API's one error body, never a 500, and it
needs no sign-in to try: the token endpoint is public."""

import json

import pytest

TOKEN_URL = "/api/auth/token/"


def _post_json(client, url, body: str, **extra):
    return client.post(url, body, content_type="application/json", **extra)


@pytest.mark.django_db
def test_deeply_nested_json_is_refused_with_400(client):
    body = '{"a":' * 1000 + "1" + "}" * 1000
    response = _post_json(client, TOKEN_URL, body)
    assert response.status_code == 400
    assert "nested more than" in response.json()["detail"]


@pytest.mark.django_db
def test_json_nested_a_little_past_the_limit_is_refused_too(client):
    body = "[" * 40 + "]" * 40
    response = _post_json(client, TOKEN_URL, body)
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_lone_surrogate_is_refused_with_400(client):
    response = _post_json(client, TOKEN_URL, '{"username": "\\ud800", "password": "x"}')
    assert response.status_code == 400
    assert response.json()["detail"] == "The JSON body contains text that is not valid Unicode."


@pytest.mark.django_db
def test_a_lone_surrogate_in_a_choice_field_is_refused_with_400(client, admin):
    client.force_login(admin)
    response = _post_json(client, "/api/inspections/", '{"framework": "\\ud800"}')
    assert response.status_code == 400
    json.dumps(response.json())  # the error body itself encodes


@pytest.mark.django_db
def test_a_username_longer_than_any_account_fails_sign_in_cleanly(client):
    response = client.post("/accounts/login/", {"username": "x" * 300, "password": "nope"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_a_username_longer_than_any_account_fails_the_token_endpoint_cleanly(client):
    response = _post_json(client, TOKEN_URL, json.dumps({"username": "x" * 300, "password": "p"}))
    assert response.status_code == 400
