"""Access records: reading a child-level item (a case sample, an uploaded document, an evidence
record naming a case, a tracked case's answers) records who read what, when and from where.
The records cannot be changed (the admin, the API, and PostgreSQL itself refuse), admins
search and export them, and reading them is recorded too."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.http import StreamingHttpResponse
from django.urls import reverse

from inspections.factories import add_member, make_inspection
from inspections.information.models import RequestItem, RequestUpload
from inspections.models import CaseKind, TeamRole, Theme, TrackedCase
from inspections.recording import services
from jtai.access import AccessKind, retention_delete
from jtai.models import AccessRecord

pytestmark = pytest.mark.django_db
ACCESS_RECORDS = "/admin-tools/access-records/"
EXPORT = "/admin-tools/access-records/export.csv"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.JTAI_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def team(db, lead_inspector, ofsted_inspector, cqc_inspector):
    inspection = make_inspection()
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    add_member(inspection, ofsted_inspector)
    add_member(inspection, cqc_inspector)
    return inspection


@pytest.fixture
def case(team, lead_inspector):
    return services.case_sample_create(
        inspection=team,
        user=lead_inspector,
        reference="HAR-0042",
        kind=CaseKind.SAMPLED,
        agencies=list(team.agencies.all()[:1]),
    )


def _evidence(team, user, note):
    return services.evidence_record_create(
        inspection=team,
        user=user,
        agency=team.agencies.get(agency_type__code="health"),
        source="case_file",
        date=datetime.date(2015, 12, 8),
        note=note,
    )


@pytest.fixture
def upload(team):
    item = RequestItem.objects.create(
        inspection=team,
        code="children-list",
        title="List of children",
        due_working_day=2,
        due_date=datetime.date(2015, 12, 1),
        source="the framework",
    )
    stored = RequestUpload(
        item=item,
        original_name="children.csv",
        kind="csv",
        size=10,
        sha256="0" * 64,
        uploaded_at=datetime.datetime(2015, 12, 1, 9, tzinfo=datetime.UTC),
    )
    stored.file.save("children.csv", SimpleUploadedFile("children.csv", b"ref\nHAR-1\n"))
    return stored


def only_record():
    [record] = AccessRecord.objects.all()
    return record


def test_reading_a_case_sample_page_records_it(client, case, ofsted_inspector):
    client.force_login(ofsted_inspector)
    url = reverse("inspections:recording:case", args=[case.inspection_id, case.pk])
    assert client.get(url).status_code == 200
    record = only_record()
    assert (record.user, record.kind, record.object_id) == (
        ofsted_inspector,
        AccessKind.CASE_SAMPLE,
        str(case.pk),
    )
    assert record.inspection_id == case.inspection_id
    assert record.inspection_label == case.inspection.reference
    assert (record.route, record.method, record.path) == ("inspections:recording:case", "GET", url)


def test_reading_a_case_sample_by_api_records_it(client, case, cqc_inspector):
    client.force_login(cqc_inspector)
    assert client.get(f"/api/case-samples/{case.pk}/").status_code == 200
    record = only_record()
    assert (record.user, record.kind, record.object_id) == (
        cqc_inspector,
        AccessKind.CASE_SAMPLE,
        str(case.pk),
    )
    assert record.route.endswith("api-case-detail")


def test_downloading_an_upload_records_it(client, upload, ofsted_inspector):
    client.force_login(ofsted_inspector)
    response = client.get(reverse("inspections:information:download", args=[upload.pk]))
    assert response.status_code == 200
    record = only_record()
    assert (record.user, record.kind, record.object_id) == (
        ofsted_inspector,
        AccessKind.UPLOAD,
        str(upload.pk),
    )


def test_an_evidence_record_naming_a_case_is_recorded_and_others_are_not(
    client, team, cqc_inspector
):
    plain = _evidence(team, cqc_inspector, "Interview with the designated nurse.")
    naming = _evidence(team, cqc_inspector, "Case HAR-0042: the health assessment was late.")
    client.force_login(cqc_inspector)
    assert client.get(f"/api/evidence/{plain.pk}/").status_code == 200
    assert not AccessRecord.objects.exists()
    page = reverse("inspections:recording:evidence-edit", args=[team.pk, naming.pk])
    assert client.get(page).status_code == 200
    assert client.get(f"/api/evidence/{naming.pk}/").status_code == 200
    records = list(AccessRecord.objects.order_by("pk"))
    assert [(r.kind, r.object_id, r.user) for r in records] == [
        (AccessKind.EVIDENCE, str(naming.pk), cqc_inspector)
    ] * 2


def test_a_list_records_each_child_level_item_it_shows(client, team, case, cqc_inspector):
    """The list pages and the API's lists show every case's reference and every note: each item
    shown is a read, recorded in one query per list; a note naming no case is not."""
    _evidence(team, cqc_inspector, "Interview with the designated nurse.")
    naming = _evidence(team, cqc_inspector, "Case HAR-0042: the health assessment was late.")
    client.force_login(cqc_inspector)
    assert client.get(reverse("inspections:recording:cases", args=[team.pk])).status_code == 200
    assert client.get(f"/api/inspections/{team.pk}/case-samples/").status_code == 200
    assert client.get(reverse("inspections:recording:evidence", args=[team.pk])).status_code == 200
    assert client.get(f"/api/inspections/{team.pk}/evidence/").status_code == 200
    records = [(r.kind, r.object_id, r.user) for r in AccessRecord.objects.order_by("pk")]
    assert records == [
        (AccessKind.CASE_SAMPLE, str(case.pk), cqc_inspector),
        (AccessKind.CASE_SAMPLE, str(case.pk), cqc_inspector),
        (AccessKind.EVIDENCE, str(naming.pk), cqc_inspector),
        (AccessKind.EVIDENCE, str(naming.pk), cqc_inspector),
    ]


def test_reading_a_tracked_case_records_it(client, team, lead_inspector):
    team.theme = Theme.objects.get(code="neglect")
    team.save(update_fields=["theme"])
    tracked = TrackedCase.objects.create(
        inspection=team,
        reference="HAR-0007",
        age=12,
        plan_type="child_protection",
        selected_by=lead_inspector,
    )
    client.force_login(lead_inspector)
    url = reverse("inspections:fieldwork:case", args=[team.pk, tracked.pk])
    assert client.get(url).status_code == 200
    assert client.get(f"/api/tracked-cases/{tracked.pk}/").status_code == 200
    assert [(r.kind, r.object_id) for r in AccessRecord.objects.all()] == [
        (AccessKind.CASE_TRACKING, str(tracked.pk))
    ] * 2


def test_the_database_refuses_update_and_delete(case, ofsted_inspector, client, require_postgres):
    client.force_login(ofsted_inspector)
    client.get(reverse("inspections:recording:case", args=[case.inspection_id, case.pk]))
    record = only_record()
    for sql in (
        "UPDATE jtai_accessrecord SET user_label = 'someone else'",
        "DELETE FROM jtai_accessrecord",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessRecord.objects.filter(pk=record.pk).update(object_id="0")
    with pytest.raises(DatabaseError), transaction.atomic():
        record.delete()
    record.refresh_from_db()
    assert record.object_id == str(case.pk)


def test_only_the_retention_path_deletes(case, ofsted_inspector, client, require_postgres):
    client.force_login(ofsted_inspector)
    client.get(reverse("inspections:recording:case", args=[case.inspection_id, case.pk]))
    client.get(reverse("inspections:recording:case", args=[case.inspection_id, case.pk]))
    first, second = AccessRecord.objects.order_by("pk")
    with retention_delete():
        AccessRecord.objects.filter(pk=first.pk).delete()
    assert list(AccessRecord.objects.all()) == [second]
    # The setting does not outlive the block.
    with pytest.raises(DatabaseError), transaction.atomic():
        second.delete()
    with pytest.raises(DatabaseError), retention_delete():
        AccessRecord.objects.update(object_id="0")


def test_the_django_admin_shows_them_read_only(client, case, ofsted_inspector, django_user_model):
    client.force_login(ofsted_inspector)
    client.get(reverse("inspections:recording:case", args=[case.inspection_id, case.pk]))
    record = only_record()
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)
    changelist = reverse("admin:jtai_accessrecord_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse("admin:jtai_accessrecord_change", args=[record.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'type="submit"' not in page.text.split("</h1>", 1)[1]
    assert client.post(change, {"user_label": "x"}).status_code == 403
    assert client.get(reverse("admin:jtai_accessrecord_add")).status_code == 403
    delete = reverse("admin:jtai_accessrecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    record.refresh_from_db()
    assert record.user_label == ofsted_inspector.email


def test_there_is_no_api_to_change_them():
    from django.urls import get_resolver

    names = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any("access" in name for name in names if name.startswith("api/"))
    routes = {str(p.pattern) for p in get_resolver("jtai.api_urls").url_patterns}
    assert not any("access" in route for route in routes)


@pytest.mark.parametrize("persona", ["lead_inspector", "ofsted_inspector"])
def test_only_admins_search_them(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(ACCESS_RECORDS).status_code == 403
    assert client.get(EXPORT).status_code == 403
    client.logout()
    assert client.get(ACCESS_RECORDS).status_code == 302


def test_admins_search_by_person_inspection_and_date_and_reading_is_recorded(
    client, case, upload, admin, ofsted_inspector, cqc_inspector
):
    client.force_login(ofsted_inspector)
    client.get(reverse("inspections:recording:case", args=[case.inspection_id, case.pk]))
    client.force_login(cqc_inspector)
    client.get(reverse("inspections:information:download", args=[upload.pk]))
    client.force_login(admin)
    page = client.get(ACCESS_RECORDS, {"person": ofsted_inspector.email})
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert ofsted_inspector.email in page.text and cqc_inspector.email not in page.text
    today = datetime.date.today().isoformat().split("-")
    by_date = client.get(
        ACCESS_RECORDS,
        {
            "inspection": case.inspection.reference,
            "date_from_day": today[2],
            "date_from_month": today[1],
            "date_from_year": today[0],
        },
    )
    assert by_date.status_code == 200
    assert "2 access records" in by_date.text or "Showing" in by_date.text
    searches = AccessRecord.objects.filter(kind=AccessKind.ACCESS_RECORDS, user=admin)
    assert searches.count() == 2
    assert searches.first().route == "access-records"
    bad = client.get(ACCESS_RECORDS, {"date_from_day": "31", "date_from_month": "2"})
    assert bad.status_code == 400


def test_an_inspectors_own_reads_are_on_the_subject_access_export(
    client, case, upload, admin, ofsted_inspector, cqc_inspector
):
    client.force_login(ofsted_inspector)
    client.get(reverse("inspections:recording:case", args=[case.inspection_id, case.pk]))
    client.get(reverse("inspections:information:download", args=[upload.pk]))
    client.force_login(cqc_inspector)
    client.get(reverse("inspections:recording:case", args=[case.inspection_id, case.pk]))
    client.force_login(admin)
    response = client.get(EXPORT, {"person": ofsted_inspector.email})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "private, no-store"
    assert isinstance(response, StreamingHttpResponse)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["when", "person", "what"]
    assert sorted((row[1], row[2], row[3]) for row in rows[1:]) == [
        (ofsted_inspector.email, "Case sample", str(case.pk)),
        (ofsted_inspector.email, "Uploaded document", str(upload.pk)),
    ]
    # By inspection: every read of items about it, by anyone.
    by_inspection = client.get(EXPORT, {"inspection": str(case.inspection_id)})
    body = b"".join(by_inspection.streaming_content).decode()
    people = {row[1] for row in csv.reader(io.StringIO(body))}
    assert {ofsted_inspector.email, cqc_inspector.email} <= people
    exports = AccessRecord.objects.filter(kind=AccessKind.ACCESS_RECORDS, user=admin)
    assert exports.count() == 2
    assert all(e.object_id.startswith("export: ") for e in exports)
