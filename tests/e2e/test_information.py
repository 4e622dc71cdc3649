"""The request for information in a real browser: the area's contact sends a file and sees it
listed (and a file that is not what it claims is refused, with nothing lost); the lead sees
the request and the late items; the admin nominates the contact. axe-core (WCAG 2.2 AA) on
every page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from agencies.models import Role, User
from inspections.factories import add_member, make_inspection
from inspections.information import services
from inspections.information.models import InspectionContact, RequestUpload
from inspections.models import Status, TeamRole, Transition
from jtai import clock
from tests.e2e.conftest import PASSWORD, assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.JTAI_PRIVATE_ROOT = tmp_path / "private"
    settings.JTAI_CLAMD_SOCKET = ""
    settings.JTAI_CLAMD_HOST = ""


@pytest.fixture
def requested(admin, lead_inspector):
    """A notified inspection whose area was asked, with its items due from 1 May 2023 (so
    they are late now), its lead, and its nominated contact."""
    inspection = make_inspection(status=Status.NOTIFIED, ensure=False)
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    notified_on = datetime.date(2023, 5, 2)
    Transition.objects.create(
        inspection=inspection,
        verb="notify",
        from_status=Status.PLANNED,
        to_status=Status.NOTIFIED,
        by=admin,
        at=clock.now().replace(year=2023, month=5, day=2),
    )
    services.request_items_create(inspection=inspection, day_one=notified_on)
    contact = User.objects.create_user(
        "robin@area.example",
        email="robin@area.example",
        password=PASSWORD,
        role=Role.AREA_CONTACT,
        first_name="Robin",
        last_name="Area",
    )
    InspectionContact.objects.create(
        inspection=inspection, user=contact, nominated_by=admin, nominated_at=clock.now()
    )
    inspection.contact = contact
    return inspection


def test_the_contact_sends_a_file_and_sees_it_listed(
    require_chromium, page, login_as, requested, tmp_path
):
    login_as(page, requested.contact)
    page.goto("/")
    expect(page).to_have_url(re.compile(rf"/inspections/{requested.pk}/information/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Request for information")
    assert_accessible(page)

    first = requested.request_items.order_by("order").first()
    section = page.locator("section", has=page.get_by_role("heading", name=first.title))
    # A file with a PDF header and an HTML body is refused, and says why.
    fake = tmp_path / "children.pdf"
    fake.write_bytes(b"%PDF-1.7\n<html><body>not a pdf</body></html>\n")
    section.get_by_label("Upload a file for this item").set_input_files(str(fake))
    section.get_by_role("button", name=re.compile("^Send")).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("not a valid PDF")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    assert not RequestUpload.objects.exists()

    good = tmp_path / "children.csv"
    good.write_text("reference,age,plan\nC-001,14,CP\nC-002,15,CIN\n", encoding="utf-8")
    section = page.locator("section", has=page.get_by_role("heading", name=first.title))
    section.get_by_label("Upload a file for this item").set_input_files(str(good))
    section.get_by_role("button", name=re.compile("^Send")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("children.csv")
    section = page.locator("section", has=page.get_by_role("heading", name=first.title))
    expect(section.get_by_role("table")).to_contain_text("children.csv")
    expect(section.locator(".govuk-tag")).to_have_text("Received")
    assert_accessible(page)
    assert RequestUpload.objects.get().original_name == "children.csv"

    # Nothing else is open to the contact.
    response = page.goto("/inspections/")
    assert response.status == 403


def test_the_lead_sees_late_items_and_the_files(require_chromium, page, login_as, requested):
    login_as(page, requested.team.get().user)
    page.goto(f"/inspections/{requested.pk}/")
    expect(page.locator("#late-items")).to_contain_text("Child-level lists")
    assert_accessible(page)
    page.get_by_role("link", name="See the request and the area's files").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request for information")
    expect(page.locator(".govuk-tag--red").first).to_have_text("Late")
    assert_accessible(page)


def test_the_admin_nominates_the_contact(require_chromium, page, login_as, admin, requested):
    login_as(page, admin)
    page.goto(f"/inspections/{requested.pk}/information/contacts/")
    assert_accessible(page)
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Second")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Nominate").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    assert_accessible(page)
    page.get_by_label("Email address").fill("sam@area.example")
    page.get_by_role("button", name="Nominate").click()
    expect(page.get_by_role("table")).to_contain_text("sam@area.example")
    assert_accessible(page)


def test_an_inspector_sees_the_files_without_the_late_flags(
    require_chromium, page, login_as, requested, ofsted_inspector
):
    add_member(requested, ofsted_inspector, TeamRole.INSPECTOR)
    item = requested.request_items.order_by("order").first()
    RequestUpload.objects.create(
        item=item,
        file=f"information/{requested.pk}/{item.code}.csv",
        original_name="children.csv",
        kind="csv",
        size=40,
        sha256="0" * 64,
        uploaded_at=clock.now(),
    )
    login_as(page, ofsted_inspector)
    page.goto(f"/inspections/{requested.pk}/")
    expect(page.locator("#late-items")).to_have_count(0)
    page.get_by_role("link", name="See the request and the area's files").click()
    expect(page.get_by_role("link", name="children.csv")).to_be_visible()
    expect(page.locator(".govuk-tag--red")).to_have_count(0)
    assert_accessible(page)
