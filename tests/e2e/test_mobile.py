"""Every page works on a phone: no page scrolls sideways at 375 or 320 CSS pixels (WCAG 1.4.10).

The demo is seeded (through its services, as `make run` does), then one browser signs in once
per role (admin, lead inspector, inspector, and the public) and visits every page of the URL
configuration (`page_catalogue`) with its parameters filled from the demo's objects, asserting
`document.documentElement.scrollWidth <= 375`, then the same at 320. A wide table scrolls inside
its own region (`{% table_region %}`), which does not count: only the page's own width does.

To keep it quick the Django test client first asks which pages each role may see (a 200 HTML
page); the browser visits only those, with images not loaded.
"""

import io
import time

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.e2e.conftest import MOBILE
from tests.e2e.page_catalogue import ROLES, page_paths, unfilled

DEMO_PASSWORD = "demo-password-change-me"
WIDTH = MOBILE["width"]
NARROWEST = 320


def _seed_demo(monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())


def _pages_for(role, paths, statuses) -> list[tuple[str, str]]:
    """(pattern, path) of every HTML page `role` may see, asked of the test client; every
    status met is kept in `statuses` (pattern -> set of statuses)."""
    from agencies.models import User

    client = Client(raise_request_exception=False)
    if role is not None:
        client.force_login(User.objects.get(username=role))
    found = []
    for name, each in paths.items():
        for path in each:
            response = client.get(path)
            statuses.setdefault(name, set()).add(response.status_code)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                found.append((name, path))
    return found


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_no_page_scrolls_sideways_at_375_or_320_pixels(
    browser, live_server, reference_data, monkeypatch
):
    started = time.monotonic()
    _seed_demo(monkeypatch)
    seeded = time.monotonic()
    paths = page_paths()
    assert not unfilled(paths), "patterns the demo gives no path for: " + ", ".join(unfilled(paths))
    statuses: dict[str, set[int]] = {}
    too_wide: list[str] = []
    visited = 0
    for role in ROLES:
        pages = _pages_for(role, paths, statuses)
        context = browser.new_context(base_url=live_server.url, viewport=MOBILE, locale="en-GB")
        context.set_default_timeout(15_000)
        context.route("**/*.{png,jpg,svg,ico,woff,woff2}", lambda route: route.abort())
        page = context.new_page()
        if role is not None:
            page.goto("/accounts/login/")
            page.get_by_label("Username").fill(role)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            assert "/accounts/login/" not in page.url, f"{role} could not sign in"
        for name, path in pages:
            page.set_viewport_size(MOBILE)
            page.goto(path, wait_until="domcontentloaded")
            visited += 1
            # At 375 px, then at 320 px (the narrowest WCAG 1.4.10 asks for), same page.
            for width in (WIDTH, NARROWEST):
                if width != WIDTH:
                    page.set_viewport_size({"width": width, "height": MOBILE["height"]})
                scrolled = page.evaluate("document.documentElement.scrollWidth")
                if scrolled > width:
                    too_wide.append(f"{scrolled}px at {width}  {role or 'public'}  {name}  {path}")
        context.close()
    print(f"seeded in {seeded - started:.0f}s; {visited} pages in {time.monotonic() - seeded:.0f}s")
    assert visited > 200, visited
    assert not too_wide, "pages wider than the screen:\n" + "\n".join(too_wide)
    # No page fails, and every pattern was seen by someone: as a page (200), or as the
    # action of a form on another page (405 to a GET, or a redirect back to the form's page).
    failed = sorted(name for name, seen in statuses.items() if any(code >= 500 for code in seen))
    assert not failed, "server errors: " + ", ".join(failed)
    unseen = sorted(name for name, seen in statuses.items() if not seen & {200, 302, 405} and name)
    assert not unseen, "no role could open: " + ", ".join(unseen)
