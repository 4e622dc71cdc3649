"""The shell's pages: title, one h1, the GOV.UK frame, the role's navigation, error pages."""

import re

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.test import override_settings
from django.urls import NoReverseMatch, include, path, reverse

from jtai import context_processors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", "Home"),
        ("/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacy notice"),
        ("/accounts/login/", "Sign in"),
    ],
)
def test_page_has_title_one_h1_and_the_gov_uk_frame(client, url, title):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<title>{title} – Joint targeted area inspections</title>" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'class="govuk-skip-link"' in html and 'href="#main-content"' in html
    assert 'id="main-content"' in html
    assert "govuk-phase-banner" in html
    assert "Open Government Licence" in html
    assert 'href="/accessibility/">Accessibility statement</a>' in html
    # CSP: no inline script or style anywhere in the shell.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_accessibility_statement_names_the_standard(client):
    html = client.get("/accessibility/").content.decode()
    assert "Web Content Accessibility Guidelines version 2.2" in html
    assert "Enforcement procedure" in html


def test_the_not_found_page_is_a_gov_uk_page(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<title>Page not found – Joint targeted area inspections</title>" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def _boom(request):
    raise RuntimeError("kaboom")


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _with_message(request):
    messages.success(request, "Inspection scheduled")
    return HttpResponse("ok")


urlpatterns = [
    path("boom/", _boom),
    path("api/boom/", _boom),
    path("forbidden/", _forbidden),
    path("message/", _with_message),
    path("", include("jtai.urls")),
]
handler403 = "jtai.views.permission_denied"
handler404 = "jtai.views.page_not_found"
handler500 = "jtai.views.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_and_forbidden_pages(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "kaboom" not in html
    assert len(re.findall(r"<h1[ >]", html)) == 1

    response = client.get("/api/boom/")
    assert response.status_code == 500
    assert response.json()["detail"] == "Sorry, there is a problem with the service."

    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "You do not have permission to do this" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_success_message_is_a_notification_banner(client):
    client.get("/message/")
    html = client.get("/").content.decode()
    assert "govuk-notification-banner--success" in html
    assert 'role="alert"' in html
    assert "Inspection scheduled" in html


def test_csrf_failure_is_a_gov_uk_page(ofsted_inspector):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (
            "admin",
            [
                "Inspections",
                "Schedule",
                "Calendar",
                "Programmes",
                "Reports",
                "Local authorities",
            ],
        ),
        ("lead_inspector", ["My inspections", "My schedule", "Reports", "Local authorities"]),
        ("cqc_inspector", ["My inspections", "My schedule", "Reports", "Local authorities"]),
        (None, ["Published reports", "Local authorities"]),
    ],
)
def test_service_navigation_depends_on_the_role(request, persona, expected):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(persona) if persona else AnonymousUser()
    items = context_processors.navigation_for(user, reverse("inspections:calendar"))
    assert [item["text"] for item in items] == expected
    current = [item for item in items if item.get("active")]
    if persona == "admin":
        assert [item["text"] for item in current] == ["Calendar"]
        assert current[0]["current"] is True
    elif persona:
        # No calendar link: the page sits in the inspections section, not on its link.
        assert [item["text"] for item in current] == ["My inspections"]
        assert current[0]["current"] is False
    else:
        assert current == []


def test_navigation_renders_with_aria_current(client, admin):
    client.force_login(admin)
    html = client.get("/").content.decode()
    href = reverse("inspections:list")
    assert f'class="govuk-service-navigation__link" href="{href}"' in html
    assert "Sign out" in html


@pytest.mark.parametrize("audience", sorted(context_processors.NAVIGATION))
def test_every_navigation_link_resolves(audience):
    for _text, name in context_processors.NAVIGATION[audience]:
        assert reverse(name).startswith("/")


def test_a_missing_navigation_route_fails_loudly(monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    monkeypatch.setitem(context_processors.NAVIGATION, "public", [("Gone", "reports:no-such-page")])
    with pytest.raises(NoReverseMatch):
        context_processors.navigation_for(AnonymousUser(), "/")


@pytest.mark.django_db
def test_admin_home_links_to_programme_planning(client, admin):
    from django.urls import reverse

    client.force_login(admin)
    response = client.get("/")
    assert f'href="{reverse("inspections:planning:list")}"' in response.content.decode()
