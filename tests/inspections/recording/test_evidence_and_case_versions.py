"""Evidence records and cases are changed from a version: a stale save is refused (409 from the
API, the page keeps what was typed and shows how the saved record differs), and an evidence
record is changed only by its recorder or their own inspectorate's lead."""

import pytest
from django.urls import reverse

from agencies.factories import UserFactory
from inspections.factories import add_member
from inspections.models import CaseSample, EvidenceRecord, TeamRole
from tests.conftest import PageReader

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"inspections:recording:{name}", args=args)


@pytest.fixture
def cqc_lead(team):
    lead = UserFactory(username="cqc_lead", role="lead", inspectorate_code="cqc")
    add_member(team, lead, TeamRole.INSPECTORATE_LEAD)
    return lead


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider", role="inspector", inspectorate_code="cqc")


@pytest.fixture
def cqc_record(team, cqc_inspector):
    return EvidenceRecord.objects.create(
        inspection=team,
        agency=team.agencies.get(agency_type__code="health"),
        source="document",
        date="2015-12-08",
        note="Safeguarding audit of the designated nurse's caseload.",
        recorded_by=cqc_inspector,
    )


@pytest.fixture
def case(team, cqc_inspector):
    case = CaseSample.objects.create(
        inspection=team, reference="HAR-0042", kind="tracked", recorded_by=cqc_inspector
    )
    case.agencies.set([team.agencies.get(agency_type__code="health")])
    return case


def _evidence_body(record, **changes):
    return {
        "version": record.version,
        "agency": record.agency_id,
        "source": record.source,
        "date": str(record.date),
        "note": record.note,
        **changes,
    }


# --- who changes an evidence record -----------------------------------------------------------

EDIT_ANSWERS = [
    ("cqc_inspector", 200, 200),  # the recorder
    ("cqc_lead", 200, 200),  # the recorder's own inspectorate's lead
    ("lead_inspector", 403, 403),  # the overall lead, of another inspectorate (Ofsted)
    ("ofsted_inspector", 403, 403),  # another inspectorate's inspector
    ("hmicfrs_inspector", 403, 403),
    ("admin", 403, 403),  # admins read evidence but do not change it
    ("outsider", 404, 404),  # not on the team: cannot see it at all
]


@pytest.mark.parametrize(("persona", "page_status", "api_status"), EDIT_ANSWERS)
def test_who_changes_an_evidence_record(
    request, client, team, cqc_lead, cqc_record, persona, page_status, api_status
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    page = client.get(_url("evidence-edit", team.pk, cqc_record.pk))
    assert page.status_code == page_status
    posted = client.post(
        _url("evidence-edit", team.pk, cqc_record.pk),
        {
            "version": 0,
            "agency": cqc_record.agency_id,
            "source": "meeting",
            "date_day": "8",
            "date_month": "12",
            "date_year": "2015",
            "note": "Changed from the page.",
        },
    )
    assert posted.status_code == (302 if page_status == 200 else page_status)
    cqc_record.refresh_from_db()
    api = client.put(
        f"/api/evidence/{cqc_record.pk}/",
        _evidence_body(cqc_record, note="Changed through the API."),
        content_type="application/json",
    )
    assert api.status_code == api_status
    if api_status == 403:
        assert "inspectorate's lead" in api.json()["detail"]
        assert EvidenceRecord.objects.get(pk=cqc_record.pk).version == 0
    if api_status == 200:
        assert api.json()["version"] == 2 and api.json()["note"] == "Changed through the API."


def test_the_evidence_list_offers_change_only_to_who_may(
    client, team, cqc_lead, lead_inspector, cqc_record
):
    edit_link = f'href="{_url("evidence-edit", team.pk, cqc_record.pk)}"'
    client.force_login(cqc_lead)
    assert edit_link in client.get(_url("evidence", team.pk)).content.decode()
    client.force_login(lead_inspector)
    page = client.get(_url("evidence", team.pk)).content.decode()
    assert "Safeguarding audit" in page and edit_link not in page


# --- the API: version required, in the output, stale refused -----------------------------------


def test_the_evidence_api_requires_the_version_and_refuses_a_stale_one(
    client, team, cqc_inspector, cqc_record
):
    client.force_login(cqc_inspector)
    url = f"/api/evidence/{cqc_record.pk}/"
    assert client.get(url).json()["version"] == 0
    listing = client.get(f"/api/inspections/{team.pk}/evidence/").json()
    assert listing["results"][0]["version"] == 0
    body = _evidence_body(cqc_record, note="First change.")
    del body["version"]
    missing = client.put(url, body, content_type="application/json")
    # No version at all, neither in the body nor as If-Match: the write must be conditional.
    assert missing.status_code == 428 and "version" in missing.json()["errors"]
    first = client.put(
        url, _evidence_body(cqc_record, note="First change."), content_type="application/json"
    )
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = client.put(
        url, _evidence_body(cqc_record, note="Stale change."), content_type="application/json"
    )
    assert stale.status_code == 409
    error = stale.json()
    assert "changed by someone else" in error["detail"] and "version" in error["errors"]
    assert EvidenceRecord.objects.get(pk=cqc_record.pk).note == "First change."
    huge = client.put(
        url, _evidence_body(cqc_record, version=2**40), content_type="application/json"
    )
    assert huge.status_code == 400


def test_the_case_api_requires_the_version_and_refuses_a_stale_one(
    client, team, cqc_inspector, case
):
    client.force_login(cqc_inspector)
    url = f"/api/case-samples/{case.pk}/"
    assert client.get(url).json()["version"] == 0
    body = {
        "reference": "HAR-0042",
        "kind": "sampled",
        "agencies": [a.pk for a in case.agencies.all()],
        "summary": "Chosen for the strategy discussion.",
    }
    missing = client.put(url, body, content_type="application/json")
    # No version at all, neither in the body nor as If-Match: the write must be conditional.
    assert missing.status_code == 428 and "version" in missing.json()["errors"]
    first = client.put(url, {**body, "version": 0}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = client.put(url, {**body, "version": 0}, content_type="application/json")
    assert stale.status_code == 409 and "version" in stale.json()["errors"]
    # Adding a case takes no version; it starts at 0.
    created = client.post(
        f"/api/inspections/{team.pk}/case-samples/",
        {**body, "reference": "HAR-0043"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["version"] == 0


# --- the pages: the version travels with the form; a stale save keeps the typed text -----------


def test_a_stale_evidence_save_keeps_the_typed_text_and_shows_the_difference(
    client, team, cqc_inspector, cqc_lead, cqc_record
):
    url = _url("evidence-edit", team.pk, cqc_record.pk)
    client.force_login(cqc_inspector)
    form = client.get(url).content.decode()
    assert 'name="version" value="0"' in form
    # The lead saves first.
    client.force_login(cqc_lead)
    lead_save = client.post(
        url,
        {
            "version": 0,
            "agency": cqc_record.agency_id,
            "source": "document",
            "date_day": "8",
            "date_month": "12",
            "date_year": "2015",
            "note": "Safeguarding audit of the designated nurse's caseload: 12 files read.",
        },
    )
    assert lead_save.status_code == 302
    # The inspector saves from the version they opened.
    client.force_login(cqc_inspector)
    mine = "Safeguarding audit: three children waited over a month for a medical."
    response = client.post(
        url,
        {
            "version": 0,
            "agency": cqc_record.agency_id,
            "source": "interview",
            "date_day": "8",
            "date_month": "12",
            "date_year": "2015",
            "note": mine,
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this evidence record" in page
    assert mine in page  # what was typed is kept in the form
    assert 'name="version" value="1"' in page  # the next save starts from the saved version
    assert "12 files read" in page  # how the saved record differs
    assert "Saved: <strong>Document</strong>" in page
    reader = PageReader(page)
    assert reader.h1 == 1 and not reader.unlabelled
    record = EvidenceRecord.objects.get(pk=cqc_record.pk)
    assert record.version == 1 and "12 files read" in record.note
    again = client.post(
        url,
        {
            "version": 1,
            "agency": cqc_record.agency_id,
            "source": "interview",
            "date_day": "8",
            "date_month": "12",
            "date_year": "2015",
            "note": mine,
        },
    )
    assert again.status_code == 302
    record.refresh_from_db()
    assert record.version == 2 and record.note == mine


def test_a_stale_case_save_keeps_the_typed_text_and_shows_the_difference(
    client, team, cqc_inspector, ofsted_inspector, case
):
    url = _url("case-edit", team.pk, case.pk)
    agency = case.agencies.get()
    client.force_login(ofsted_inspector)
    assert 'name="version" value="0"' in client.get(url).content.decode()
    first = client.post(
        url,
        {"version": 0, "reference": "HAR-0042", "kind": "sampled", "agencies": [agency.pk]},
    )
    assert first.status_code == 302
    client.force_login(cqc_inspector)
    response = client.post(
        url,
        {
            "version": 0,
            "reference": "HAR-0042",
            "kind": "tracked",
            "agencies": [agency.pk],
            "summary": "Chosen for the delay in the strategy discussion.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this case" in page
    assert "Chosen for the delay in the strategy discussion." in page
    assert 'name="version" value="1"' in page
    assert "Saved: <strong>Sampled</strong>" in page
    saved = CaseSample.objects.get(pk=case.pk)
    assert saved.version == 1 and saved.kind == "sampled" and saved.summary == ""


def test_a_page_save_without_a_version_changes_nothing(client, team, cqc_inspector, cqc_record):
    client.force_login(cqc_inspector)
    response = client.post(
        _url("evidence-edit", team.pk, cqc_record.pk),
        {
            "agency": cqc_record.agency_id,
            "source": "meeting",
            "date_day": "8",
            "date_month": "12",
            "date_year": "2015",
            "note": "No version.",
        },
    )
    assert response.status_code == 400
    assert EvidenceRecord.objects.get(pk=cqc_record.pk).note != "No version."
