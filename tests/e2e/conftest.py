"""Browser tests: Playwright driving a real Chromium against pytest-django's live server.

How to write one::

    @pytest.mark.browser
    def test_something(page, login_as, ofsted_inspector):
        login_as(page, ofsted_inspector)
        page.goto("/inspections/")          # relative to the live server
        assert_accessible(page)             # axe-core, WCAG 2.2 AA
        ...                                 # CSP violations fail the test automatically

`from tests.e2e.conftest import assert_accessible, csp_violations` for the helpers.

Decisions worth knowing:

* Chromium is the system's (Debian's `chromium` package, found by `tests.conftest.chromium_path`);
  Playwright never downloads a browser. Without Chromium the tests skip, and fail when
  JTAI_REQUIRE_SERVICES=1.
* The live server runs in another thread, so a browser test needs committed data: the `page`
  fixture makes the test transactional (`transactional_db`). A transactional test ends by
  emptying every table, which would also remove the reference data the data migrations loaded
  (inspectorates, agency types, 153 local authorities, frameworks). So the `reference_data`
  fixture snapshots those rows once per session and bulk-inserts them before each browser test
  (Django's `serialized_rollback` does the same row by row, about 4 s a test). Create test data
  inside the test (or in fixtures it requests) as usual: it is committed and visible to the
  server. Other transactional tests under tests/e2e can request `reference_data` too.
* At the end of the session the reference data is restored once more, so a database kept with
  `--reuse-db` still has it for the next run; if a reused database arrives without it (another
  transactional test emptied it), the data migrations' loaders run again first.
* Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls from
  it ("async context"), so DJANGO_ALLOW_ASYNC_UNSAFE is set for browser tests only. The live
  server's own thread is unaffected.
* axe-core comes from static/node_modules (npm, pinned in static/package.json). It is evaluated
  through the DevTools protocol, which the page's Content Security Policy does not govern, so
  the page under test keeps its real CSP; `add_script_tag` would be an inline script and CSP
  (rightly) refuses it.
* A test fails if the page logged any Content Security Policy violation. A failed test leaves a
  full-page screenshot in test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest
from django.core import serializers
from django.db import connections, transaction

from tests.conftest import REQUIRE_SERVICES, chromium_path, reload_reference_data

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "static" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"  # the persona fixtures' password
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing(what: str):
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (JTAI_REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test so fixtures can tell whether it failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    executable = chromium_path()
    if not executable:
        _missing("Chromium")
    if not AXE_PATH.exists():
        _missing("axe-core (run `make assets`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


# The flush that ends a transactional test re-runs post_migrate, which recreates these.
RECREATED_AFTER_FLUSH = {"contenttypes.ContentType", "auth.Permission"}


class ReferenceSnapshot:
    """The rows the migrations loaded, kept in memory and put back with bulk inserts.

    Django's own serialized rollback does the same with one INSERT per row (2,000+ rows:
    about four seconds per test); grouping them per table makes it a fraction of a second.
    """

    def __init__(self, connection):
        self.tables = []  # [(model, [instances])] in dependency order
        self.links = []  # [(through model, [rows])] for many-to-many fields
        links = {}
        by_model = {}
        contents = connection.creation.serialize_db_to_string()
        for item in serializers.deserialize("json", contents):
            model = type(item.object)
            if model._meta.label in RECREATED_AFTER_FLUSH:
                continue
            if model not in by_model:
                by_model[model] = []
                self.tables.append((model, by_model[model]))
            by_model[model].append(item.object)
            for name, target_pks in (item.m2m_data or {}).items():
                field = model._meta.get_field(name)
                through = field.remote_field.through
                source = f"{field.m2m_field_name()}_id"
                target = f"{field.m2m_reverse_field_name()}_id"
                rows = links.setdefault(through, [])
                rows.extend(through(**{source: item.object.pk, target: pk}) for pk in target_pks)
        self.links = [(through, rows) for through, rows in links.items() if rows]

    def restore(self):
        with transaction.atomic():
            for model, instances in [*self.tables, *self.links]:
                for instance in instances:
                    instance._state.adding = True
                model._base_manager.bulk_create(instances)


@pytest.fixture(scope="session")
def reference_snapshot(django_db_setup, django_db_blocker):
    """The reference data, captured once; restored at the end so `--reuse-db` keeps it."""
    with django_db_blocker.unblock():
        from agencies.models import Inspectorate

        if not Inspectorate.objects.exists():
            # A transactional test emptied it in an earlier --reuse-db run: load it again.
            reload_reference_data()
        snapshot = ReferenceSnapshot(connections["default"])
    yield snapshot
    with django_db_blocker.unblock():
        if not Inspectorate.objects.exists():
            snapshot.restore()


@pytest.fixture
def reference_data(transactional_db, reference_snapshot):
    """A transactional test with the migrations' reference data (committed, so visible to
    the live server and to Celery workers). Put back before the test; the flush that ends
    every transactional test removes it again."""
    from agencies.models import Inspectorate

    if not Inspectorate.objects.exists():
        reference_snapshot.restore()


@pytest.fixture
def browser_context(browser, live_server, reference_data):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context, request):
    """A fresh page on the live server. Fails the test on any CSP violation."""
    page = browser_context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message))
    page.on("pageerror", lambda error: page.console_messages.append(error))
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception:  # noqa: BLE001, S110 - the screenshot is a courtesy
            pass
    violations = csp_violations(page)
    if violations and not failed:
        pytest.fail("Content Security Policy violations:\n" + "\n".join(violations))


def _text(message) -> str:
    text = getattr(message, "text", None)
    return text if isinstance(text, str) else str(message)


def csp_violations(page) -> list[str]:
    """Every CSP violation the page logged so far."""
    return [
        _text(message)
        for message in getattr(page, "console_messages", [])
        if "Content Security Policy" in _text(message)
    ]


@pytest.fixture
def login_as():
    """`login_as(page, user)` signs in through the real form and waits for the next page."""

    def sign_in(page, user, password: str = PASSWORD):
        username = getattr(user, "username", user)
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if "/accounts/login/" in page.url:
            raise AssertionError(f"could not sign in as {username}: still on {page.url}")
        return page

    return sign_in


def assert_accessible(page, *, exclude: list[str] | None = None, tags=WCAG_22_AA) -> None:
    """Run axe-core (WCAG 2.2 A and AA rules) on the page; fail listing each violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = page.evaluate(
        """async ([context, tags]) => {
            const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
            return await window.axe.run(context || document, options);
        }""",
        [context, list(tags)],
    )
    violations = results["violations"]
    if violations:
        lines = [f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    at {', '.join(map(str, node['target']))}")
                summary = node.get("failureSummary", "").replace("\n", " ")
                if summary:
                    lines.append(f"       {summary}")
        pytest.fail("\n".join(lines))
