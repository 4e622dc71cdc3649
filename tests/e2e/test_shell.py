"""The shell in a real browser: every persona signs in, the home page passes axe-core,
the skip link works from the keyboard, and nothing breaks the Content Security Policy."""

import pytest

from tests.e2e.conftest import MOBILE, assert_accessible, csp_violations

pytestmark = pytest.mark.browser

PERSONAS = [
    ("admin", "Administrator"),
    ("lead_inspector", "Lead inspector"),
    ("ofsted_inspector", "Inspector"),
    ("cqc_inspector", "Inspector"),
    ("hmicfrs_inspector", "Inspector"),
    ("hmiprobation_inspector", "Inspector"),
    ("hmiprisons_inspector", "Inspector"),
]


@pytest.mark.parametrize(("persona", "caption"), PERSONAS)
def test_each_persona_signs_in_to_an_accessible_home_page(
    require_chromium, page, login_as, request, persona, caption
):
    user = request.getfixturevalue(persona)
    login_as(page, user)
    assert page.url.endswith("/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == f"Welcome, {user.first_name}"
    assert caption in page.locator(".govuk-caption-l").inner_text()
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert_accessible(page)
    assert csp_violations(page) == []


def test_public_pages_are_accessible(require_chromium, page):
    for path in ("/", "/accounts/login/", "/accessibility/", "/privacy/", "/no-such-page/"):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    assert csp_violations(page) == []


def test_wrong_password_is_accessible_and_focuses_the_summary(
    require_chromium, page, ofsted_inspector
):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("ofsted_inspector")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    assert page.title().startswith("Error: ")
    # GOV.UK Frontend's JavaScript moves focus to the summary, so screen readers announce it.
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    assert page.get_by_label("Username").input_value() == "ofsted_inspector"
    assert page.get_by_label("Password").input_value() == ""
    assert_accessible(page)


def test_skip_link_works_with_the_keyboard(require_chromium, page, login_as, cqc_inspector):
    login_as(page, cqc_inspector)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == (
        "Skip to main content"
    )
    assert skip.is_visible()  # visible when focused
    page.keyboard.press("Enter")
    # Following an in-page link finishes after the key press returns: wait for it.
    page.wait_for_url("**#main-content", timeout=5_000)
    page.wait_for_function("() => document.activeElement.id === 'main-content'", timeout=5_000)


def test_sign_out_from_the_keyboard(require_chromium, page, login_as, hmicfrs_inspector):
    login_as(page, hmicfrs_inspector)
    page.get_by_role("button", name="Sign out").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Sign in").first.is_visible()
    assert page.get_by_role("button", name="Sign out").count() == 0


def test_the_shell_at_mobile_width(require_chromium, page, login_as, admin):
    page.set_viewport_size(MOBILE)
    login_as(page, admin)
    # Nothing wider than the screen: no horizontal scrolling at 375px.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= MOBILE["width"]
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert_accessible(page)


def test_govuk_frontend_javascript_runs(require_chromium, page):
    page.goto("/")
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")


def test_api_docs_load_under_the_content_security_policy(require_chromium, page):
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "jtai API" in page.locator(".swagger-ui .info .title").inner_text()
    assert csp_violations(page) == []
