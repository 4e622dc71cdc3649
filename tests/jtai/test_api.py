"""The API's front door: tokens, 401 without credentials, JSON errors, schema and docs."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def api():
    return APIClient()


def test_token_for_good_credentials(api, ofsted_inspector):
    response = api.post(
        "/api/auth/token/", {"username": "ofsted_inspector", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=ofsted_inspector).key == token
    # The same token again: asking twice does not revoke the first.
    again = api.post(
        "/api/auth/token/", {"username": "ofsted_inspector", "password": PASSWORD}, format="json"
    )
    assert again.json()["token"] == token


def test_bad_credentials_are_a_400_with_a_message(api, ofsted_inspector):
    response = api.post(
        "/api/auth/token/", {"username": "ofsted_inspector", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The request is not valid."
    assert body["errors"]["non_field_errors"]


def test_missing_fields_are_field_errors(api):
    response = api.post("/api/auth/token/", {}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["username"] == ["This field is required."]
    assert errors["password"] == ["This field is required."]


def test_malformed_json_is_a_400_not_a_500(api):
    response = api.post("/api/auth/token/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_wrong_method_is_json(api):
    response = api.get("/api/auth/token/")
    assert response.status_code == 405
    assert response.json()["detail"] == 'Method "GET" not allowed.'


def test_unauthenticated_requests_get_401_with_a_challenge(api):
    response = api.get("/api/local-authorities/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_a_bad_token_gets_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get("/api/local-authorities/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_token_and_session_both_authenticate(api, ofsted_inspector):
    token = Token.objects.create(user=ofsted_inspector)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/local-authorities/").status_code == 200

    session = APIClient()
    session.force_login(ofsted_inspector)
    assert session.get("/api/local-authorities/").status_code == 200


def test_unknown_api_path_is_a_json_404(api):
    response = api.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Not found."


def test_schema_is_openapi_3(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/auth/token/" in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_docs_page_uses_local_assets_and_no_inline_script(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    assert '<script src="/api/docs/?script="></script>' in html
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    # Its start-up script is served from our own origin.
    script = api.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_other_pages_keep_the_strict_style_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
